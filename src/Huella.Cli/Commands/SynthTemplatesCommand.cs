using System.CommandLine;
using System.Diagnostics;
using Huella.Research.Synthesis.Templates;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella synth templates</c>: a gallery file of synthetic minutiae templates for scale tests,
/// read back with <see cref="SyntheticGallery.Read(string)"/>.
/// </summary>
internal static class SynthTemplatesCommand
{
    public static Command Build()
    {
        var count = SynthCommand.CountOption("--count", "Fingers in the gallery (impression 1 of each; ids 0..N-1).", 1000);
        var mated = SynthCommand.CountOption("--mated", "Extra records: impression 2 of this many gallery fingers, spread evenly, each naming its mate.", 0, minimum: 0);
        var seed = new Option<int>("--seed") { Description = "Seed; the same arguments always give the same file.", DefaultValueFactory = _ => 1 };
        var output = new Option<FileInfo>("--out") { Description = "Gallery file to write.", Required = true };
        var command = new Command("templates", "Write a gallery file of synthetic fingerprint templates (engine format), with mated impressions.") { count, mated, seed, output };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var n = parse.GetValue(count);
            var m = parse.GetValue(mated);
            if (m > n)
            {
                error.WriteLine("huella synth templates: --mated cannot exceed --count.");
                return 1;
            }

            try
            {
                var file = parse.GetValue(output)!;
                var clock = Stopwatch.StartNew();
                var header = SyntheticGallery.Write(file.FullName, n, m, parse.GetValue(seed));
                clock.Stop();
                file.Refresh();
                parse.InvocationConfiguration.Output.WriteLine(
                    $"Wrote {header.Count:N0} templates ({n:N0} fingers, {m:N0} mated) to {file.FullName}: {file.Length / 1e6:F1} MB in {clock.Elapsed.TotalSeconds:F1} s ({header.Count / clock.Elapsed.TotalSeconds:N0} templates/s).");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"huella synth templates: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
