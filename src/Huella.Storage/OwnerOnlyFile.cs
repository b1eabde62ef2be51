namespace Huella.Storage;

/// <summary>
/// Files holding personal data or secrets are created readable and writable by their owner alone
/// (0600), at creation rather than by a later chmod, so there is no moment when others can read them.
/// </summary>
public static class OwnerOnlyFile
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> empty and owner-only when it does not exist; an existing file is left as it is.</summary>
    public static void CreateIfMissing(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Mode;
        }

        try
        {
            using var created = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Someone else created it first, or it was there: not ours to change.
        }
    }
}
