using System.CommandLine;
using Huella.Research.ScanPhotos;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella bench scan --count N --seed S</c>: generates N test photos of paper actas (research
/// ScanPhotos), reads each with Huella's scanner and with <c>zbarimg</c> when it is installed, and
/// prints the read rate per distortion class and Huella's decode time per photo (mean, p95).
/// </summary>
internal static class ActasScanBenchCommand
{
    private const string DefaultPayloads = "../shared/data/elections/ve-2024/acta-qr-payloads.txt";

    public static Command Build()
    {
        var count = SynthCommand.CountOption("--count", "Photos to generate (classes in turn).", 160);
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed makes the same photos.", DefaultValueFactory = _ => 1 };
        var payloads = new Option<FileInfo>("--payloads")
        {
            Description = "CNE 2024 QR payloads, one per line.",
            DefaultValueFactory = _ => new FileInfo(DefaultPayloads),
        }.MustExistAsFile();
        var keep = new Option<DirectoryInfo?>("--out") { Description = "Keep the photos in this folder (else a temporary one, removed)." };
        var zbarimg = new Option<string>("--zbarimg") { Description = "zbarimg to compare with (Debian zbar-tools).", DefaultValueFactory = _ => "zbarimg" };
        var classes = new Option<ScanDistortion[]>("--class") { Description = "Only these distortion classes (repeatable; default all, in turn)." };
        var list = new Option<bool>("--list") { Description = "Also print one line per photo: conditions, who read it, Huella's time and attempt." };
        var command = new Command("scan", "Read rate and decode time of the acta photo scanner, beside zbarimg, on generated photos.") { count, seed, payloads, keep, zbarimg, classes, list };
        command.SetAction((parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var set = ScanPhotoSet.Load(parse.GetValue(payloads)!.FullName, parse.GetValue(seed));
            var folder = parse.GetValue(keep) is { } given ? Directory.CreateDirectory(given.FullName).FullName : Directory.CreateTempSubdirectory("huella-scan-").FullName;
            try
            {
                var rows = new List<ScanBenchRow>();
                foreach (var photo in set.Photos(parse.GetValue(count), parse.GetValue(classes) is { Length: > 0 } only ? only : null))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var path = Path.Combine(folder, photo.Name);
                    File.WriteAllBytes(path, photo.File);
                    var huella = ScanBench.ReadWithHuella(photo);
                    var zbar = ScanBench.ReadWithZbar(photo, path, parse.GetValue(zbarimg)!);
                    rows.Add(new ScanBenchRow(photo, huella, zbar));
                    if (parse.GetValue(list))
                    {
                        output.WriteLine($"{photo.Name}: {photo.Conditions}: huella {(huella.Read ? "read" : huella.Wrong ? "WRONG" : "-")} {huella.Elapsed.TotalMilliseconds:F0} ms {huella.Method}, zbarimg {(zbar is null ? "n/a" : zbar.Value.Read ? "read" : zbar.Value.Wrong ? "WRONG" : "-")}");
                    }
                }

                output.WriteLine($"{rows.Count} photos, seed {parse.GetValue(seed)}{(parse.GetValue(keep) is not null ? $", in {folder}" : "")}");
                ScanBench.Report(rows, output);
                return Task.FromResult(rows.Any(r => r.Huella.Wrong) ? 1 : 0);
            }
            finally
            {
                if (parse.GetValue(keep) is null)
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        });
        return command;
    }
}
