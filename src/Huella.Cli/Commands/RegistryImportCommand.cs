using System.CommandLine;
using System.Globalization;
using Huella.Identity;
using Huella.Identity.Enrollment;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella registry import --images DIR --csv FILE</c>: bulk enrollment. The CSV has a header and
/// one row per finger: <c>cedula,given_names,family_names,birth_date,sex,address,geography_code,position,image</c>
/// (image relative to DIR); rows sharing a cédula are one person. Fields may not contain commas.
/// Each person is enrolled (deduplicated) in file order; exit 1 when any was rejected. Images are
/// read only from inside DIR: absolute paths, <c>..</c> and symbolic links are refused, row by row.
/// </summary>
internal static class RegistryImportCommand
{
    private const int Columns = 9;

    public static Command Build()
    {
        var images = new Option<DirectoryInfo>("--images") { Description = "Folder the CSV's image paths are relative to.", Required = true }.MustExistAsFolder();
        var csv = new Option<FileInfo>("--csv") { Description = "Identities, one row per finger (see huella registry import --help).", Required = true }.MustExistAsFile();
        var dpi = CliInputs.Dpi("Resolution of the images, overriding what the files say.");
        var command = new Command("import", "Enroll many persons from a folder of images and a CSV of identities.") { images, csv, dpi };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var folder = parse.GetValue(images)!;
            var file = parse.GetValue(csv)!;
            if (!folder.Exists || !file.Exists)
            {
                error.WriteLine($"huella registry import: missing {(folder.Exists ? file.FullName : folder.FullName)}.");
                return 1;
            }

            var rows = new List<string[]>();
            var lines = await File.ReadAllLinesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
            for (var i = 1; i < lines.Length; i++)
            {
                if (lines[i].Trim().Length == 0)
                {
                    continue;
                }

                var fields = lines[i].Split(',').Select(f => f.Trim()).ToArray();
                if (fields.Length != Columns)
                {
                    error.WriteLine($"huella registry import: line {i + 1}: expected {Columns} fields, found {fields.Length}.");
                    return 1;
                }

                rows.Add(fields);
            }

            // Extraction is the slow part: all images in parallel, then enrollment decisions in file order.
            var extracted = new (FingerCapture? Capture, CaptureProblem? Problem)[rows.Count];
            Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                var row = rows[i];
                FingerPosition? position = FingerPositions.TryParse(row[7], out var p) ? p : null;
                if (position is null)
                {
                    extracted[i] = (null, new CaptureProblem(position, CaptureProblemCode.Input, $"bad finger position '{row[7]}'"));
                    return;
                }

                if (ImageInside(folder, row[8], out var why) is not { } path)
                {
                    extracted[i] = (null, new CaptureProblem(position, CaptureProblemCode.Input, $"image '{row[8]}': {why}"));
                    return;
                }

                byte[] bytes;
                try
                {
                    bytes = File.ReadAllBytes(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // One unreadable file rejects its person, not the whole import.
                    extracted[i] = (null, new CaptureProblem(position, CaptureProblemCode.Input, $"image '{row[8]}' could not be read: {e.Message}"));
                    return;
                }

                CaptureExtractor.TryExtract(position, bytes, parse.GetValue(dpi), "import:" + row[8], TimeProvider.System, out var capture, out var problem);
                extracted[i] = (capture, problem);
            });

            await using var registry = await RegistryCommand.OpenAsync(parse, cancellationToken).ConfigureAwait(false);
            if (registry is null)
            {
                return 2;
            }

            var actor = parse.GetValue(RegistryCommand.Actor)!;
            var tally = new Dictionary<EnrollmentOutcome, int>();
            foreach (var person in Enumerable.Range(0, rows.Count).GroupBy(i => rows[i][0]))
            {
                var first = rows[person.First()];
                var problems = person.Select(i => extracted[i].Problem).OfType<CaptureProblem>().ToList();
                EnrollmentResult result;
                if (!Cedula.TryParse(first[0], out var cedula))
                {
                    result = new EnrollmentResult(EnrollmentOutcome.Rejected, null, null, [], [new CaptureProblem(null, CaptureProblemCode.Input, $"'{first[0]}' is not a cédula")]);
                }
                else if (!DateOnly.TryParseExact(first[3], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
                {
                    result = new EnrollmentResult(EnrollmentOutcome.Rejected, null, null, [], [new CaptureProblem(null, CaptureProblemCode.Input, $"birth date '{first[3]}' is not yyyy-mm-dd")]);
                }
                else if (problems.Count > 0)
                {
                    result = new EnrollmentResult(EnrollmentOutcome.Rejected, null, null, [], problems);
                }
                else
                {
                    var sex = Enum.TryParse<Sex>(first[4], ignoreCase: true, out var s) ? s : first[4].ToUpperInvariant() switch { "F" => Sex.Female, "M" => Sex.Male, _ => Sex.Unknown };
                    var demographics = new Demographics(first[1], first[2], born, sex, new Address(first[5], first[6]));
                    result = await registry.EnrollAsync(new EnrollmentRequest(cedula, demographics, [.. person.Select(i => extracted[i].Capture!)]), actor, cancellationToken).ConfigureAwait(false);
                }

                tally[result.Outcome] = tally.GetValueOrDefault(result.Outcome) + 1;
                (result.Outcome == EnrollmentOutcome.Rejected ? error : output).WriteLine($"{first[0]}: {RegistryCommand.Describe(result)}");
            }

            output.WriteLine($"imported: {tally.GetValueOrDefault(EnrollmentOutcome.Enrolled)} enrolled, {tally.GetValueOrDefault(EnrollmentOutcome.PendingAdjudication)} pending adjudication, {tally.GetValueOrDefault(EnrollmentOutcome.Rejected)} rejected");
            return tally.GetValueOrDefault(EnrollmentOutcome.Rejected) == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>
    /// The full path of <paramref name="relative"/> when it names a regular file inside
    /// <paramref name="folder"/> reached without symbolic links; otherwise null and why. The CSV
    /// comes from elsewhere than the operator's command line: it must not pick files outside DIR.
    /// </summary>
    internal static string? ImageInside(DirectoryInfo folder, string relative, out string? why)
    {
        why = null;
        if (relative.Length == 0 || Path.IsPathRooted(relative))
        {
            why = "must be a path relative to --images";
            return null;
        }

        var parts = relative.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(part => part is ".." or "."))
        {
            why = "must not contain '.' or '..'";
            return null;
        }

        var path = folder.FullName;
        foreach (var part in parts)
        {
            path = Path.Combine(path, part);
            FileSystemInfo entry = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            if (!entry.Exists)
            {
                why = "no such image";
                return null;
            }

            if (entry.LinkTarget is not null)
            {
                why = "is or passes through a symbolic link, which could lead outside --images";
                return null;
            }
        }

        if (!File.Exists(path))
        {
            why = "is a folder, not an image";
            return null;
        }

        return path;
    }
}
