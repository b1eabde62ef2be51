using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Huella.Cli.Commands;

/// <summary>
/// Checks shared by every verb's options and arguments, so a bad value is a usage error (exit 2,
/// one line) at parse time instead of an exception somewhere inside the command.
/// </summary>
internal static class CliInputs
{
    /// <summary>
    /// Resolutions a fingerprint can be scanned at: below 100 dpi ridges (about 0.5 mm apart) are
    /// under two pixels, and no sensor or card scanner exceeds 10000.
    /// </summary>
    public const double MinDpi = 100;

    public const double MaxDpi = 10_000;

    /// <summary>The <c>--dpi</c> option overriding the resolution images declare.</summary>
    public static Option<double?> Dpi(string description)
    {
        var option = new Option<double?>("--dpi") { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } dpi && !IsDpi(dpi))
            {
                result.AddError(DpiError(dpi.ToString(CultureInfo.InvariantCulture)));
            }
        });
        return option;
    }

    /// <summary>A resolution written after '@' in a folder spec (<c>DIR@DPI</c>), or an error.</summary>
    public static bool TryParseDpi(string text, out double dpi, out string? error)
    {
        error = null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out dpi) && IsDpi(dpi))
        {
            return true;
        }

        error = DpiError(text);
        return false;
    }

    /// <summary>Requires an existing file (not a folder) at the path given.</summary>
    public static T MustExistAsFile<T>(this T symbol)
        where T : Symbol
    {
        switch (symbol)
        {
            case Argument<FileInfo> argument:
                argument.Validators.Add(result => CheckFile(result.GetValueOrDefault<FileInfo>(), result.AddError));
                break;
            case Option<FileInfo> option:
                // A default the user did not write is the command's business (it may be optional), not a usage error.
                option.Validators.Add(result => CheckFile(result.Implicit ? null : result.GetValueOrDefault<FileInfo>(), result.AddError));
                break;
            default:
                throw new ArgumentException($"{symbol.Name} does not name a file.", nameof(symbol));
        }

        return symbol;
    }

    /// <summary>Requires an existing folder (not a file) at the path given.</summary>
    public static T MustExistAsFolder<T>(this T symbol)
        where T : Symbol
    {
        switch (symbol)
        {
            case Argument<DirectoryInfo> argument:
                argument.Validators.Add(result => CheckFolder(result.GetValueOrDefault<DirectoryInfo>(), result.AddError));
                break;
            case Option<DirectoryInfo> option:
                option.Validators.Add(result => CheckFolder(result.Implicit ? null : result.GetValueOrDefault<DirectoryInfo>(), result.AddError));
                break;
            default:
                throw new ArgumentException($"{symbol.Name} does not name a folder.", nameof(symbol));
        }

        return symbol;
    }

    private static bool IsDpi(double dpi) => double.IsFinite(dpi) && dpi is >= MinDpi and <= MaxDpi;

    private static string DpiError(string text) =>
        $"'{text}' is not a resolution: give dots per inch between {MinDpi} and {MaxDpi} (500 for most fingerprint sensors).";

    private static void CheckFile(FileInfo? file, Action<string> addError)
    {
        if (file is null)
        {
            return;
        }

        if (Directory.Exists(file.FullName))
        {
            addError($"'{file}' is a folder; a file is needed.");
        }
        else if (!file.Exists)
        {
            addError($"no such file: '{file}'.");
        }
    }

    private static void CheckFolder(DirectoryInfo? folder, Action<string> addError)
    {
        if (folder is null)
        {
            return;
        }

        if (File.Exists(folder.FullName))
        {
            addError($"'{folder}' is a file; a folder is needed.");
        }
        else if (!folder.Exists)
        {
            addError($"no such folder: '{folder}'.");
        }
    }
}
