namespace Huella.Testing;

/// <summary>
/// The real data sets under <c>../shared/data</c> beside the repository (see its README).
/// Tests read them in place; a missing folder fails the test with a clear message rather
/// than skipping it.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root (the folder holding Huella.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Absolute path of a file or folder below <c>shared/data</c>.</summary>
    public static string PathOf(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var path = Path.Combine([Root.Value, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"Shared test data not found: {path}. See ../shared/data/README.md.", path);
        }

        return path;
    }

    /// <summary>Files in a shared folder matching <paramref name="pattern"/>, in a stable order.</summary>
    public static string[] Files(string folder, string pattern = "*")
    {
        var files = Directory.GetFiles(PathOf(folder.Split('/')), pattern, SearchOption.TopDirectoryOnly);
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("HUELLA_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        var candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
        return Directory.Exists(candidate)
            ? candidate
            : throw new DirectoryNotFoundException($"Shared test data not found at {candidate}; set HUELLA_SHARED_DATA or lay ../shared/data beside the repository.");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Huella.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Huella.slnx above {AppContext.BaseDirectory}.");
    }
}
