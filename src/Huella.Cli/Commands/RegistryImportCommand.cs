using System.CommandLine;
using System.Globalization;
using Huella.Identity;
using Huella.Identity.Enrollment;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella registry import --images DIR --csv FILE</c>: bulk enrollment. The CSV has a header and
/// one row per finger: <c>cedula,given_names,family_names,birth_date,sex,address,geography_code,position,image</c>
/// (image relative to DIR); rows sharing a cédula are one person. Fields may not contain commas.
/// Each person is enrolled (deduplicated) in file order; exit 1 when any was rejected.
/// </summary>
internal static class RegistryImportCommand
{
    private const int Columns = 9;

    public static Command Build()
    {
        var images = new Option<DirectoryInfo>("--images") { Description = "Folder the CSV's image paths are relative to.", Required = true };
        var csv = new Option<FileInfo>("--csv") { Description = "Identities, one row per finger (see huella registry import --help).", Required = true };
        var dpi = new Option<double?>("--dpi") { Description = "Resolution of the images, overriding what the files say." };
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
                var path = Path.Combine(folder.FullName, row[8]);
                if (position is null || !File.Exists(path))
                {
                    extracted[i] = (null, new CaptureProblem(position, "input", position is null ? $"bad finger position '{row[7]}'" : $"no such image {row[8]}"));
                    return;
                }

                CaptureExtractor.TryExtract(position, File.ReadAllBytes(path), parse.GetValue(dpi), "import:" + row[8], TimeProvider.System, out var capture, out var problem);
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
                    result = new EnrollmentResult(EnrollmentOutcome.Rejected, null, null, [], [new CaptureProblem(null, "input", $"'{first[0]}' is not a cédula")]);
                }
                else if (!DateOnly.TryParseExact(first[3], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
                {
                    result = new EnrollmentResult(EnrollmentOutcome.Rejected, null, null, [], [new CaptureProblem(null, "input", $"birth date '{first[3]}' is not yyyy-mm-dd")]);
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
}
