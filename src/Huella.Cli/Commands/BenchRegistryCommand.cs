using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Huella.Biometrics;
using Huella.Research.Evaluation;
using Huella.Research.Synthesis.Templates;
using Huella.Identity;
using Huella.Identity.Enrollment;
using Huella.Identity.Gallery;
using Huella.Identity.Storage;
using Huella.Storage;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella bench registry</c>: the registry at scale on a synthetic gallery file (<c>huella synth
/// templates</c>). Loads the gallery into an index and reports memory per finger; searches with the
/// mated impressions, indexed and (for a sample) exhaustively, for latency and miss rates; then,
/// per store given, writes the gallery, times the start-up load and enrolls persons with
/// deduplication. One finger per person (right index), as the gallery files hold single fingers.
/// </summary>
internal static class BenchRegistryCommand
{
    public static Command Build()
    {
        var gallery = new Option<FileInfo>("--gallery") { Description = "Gallery file from 'huella synth templates' (needs --mated records for the probes).", Required = true };
        var fingers = SynthCommand.CountOption("--fingers", "Use the first N gallery fingers (0 = all).", 0, minimum: 0);
        var probes = SynthCommand.CountOption("--probes", "Mated probes searched through the index (0 = skip the in-memory index part, only the stores).", 500, minimum: 0);
        var exhaustive = SynthCommand.CountOption("--exhaustive", "Of those, how many are also searched exhaustively (slow: the whole gallery each).", 10, minimum: 0);
        var compact = new Option<bool>("--compact") { Description = "Keep templates serialised in the index and prepare them only when matched (least memory)." };
        var stores = new Option<string[]>("--store") { Description = "Also write the gallery to this empty store (sqlite:PATH or postgres:CONNECTION), time the start-up load and enrollments. Repeatable.", AllowMultipleArgumentsPerToken = false };
        var storeFingers = SynthCommand.CountOption("--store-fingers", "Write only the first N fingers to the stores (0 = as many as --fingers).", 0, minimum: 0);
        var enroll = SynthCommand.CountOption("--enroll", "Enrollments with deduplication timed on each store (half new persons, half duplicates).", 20, minimum: 0);
        var shortlist = new Option<double[]>("--shortlist") { Description = "Share of the gallery the pair votes shortlist per probe finger. Repeatable: the indexed searches run once per --shortlist and --match pair.", DefaultValueFactory = _ => [new GalleryOptions().ShortlistFraction] };
        var maxShortlist = SynthCommand.CountOption("--max-shortlist", "Cap on the vote shortlist per probe finger (0 = none).", new GalleryOptions().MaxShortlist, minimum: 0);
        var match = new Option<int[]>("--match") { Description = "Shortlisted fingers the full matcher scores after the alignment check (0 = all). Repeatable.", DefaultValueFactory = _ => [new GalleryOptions().MatchCandidates] };
        var diagnose = new Option<bool>("--diagnose") { Description = "Follow each accepted mate through the stages: vote rank, alignment rank, and why the missed ones were missed." };
        var command = new Command("registry", "Identification latency, index miss rate against exhaustive search, memory per finger, store load time and enrollment throughput on a synthetic gallery.")
        {
            gallery, fingers, probes, exhaustive, compact, stores, storeFingers, enroll, shortlist, maxShortlist, match, diagnose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var file = parse.GetValue(gallery)!;
            var locations = new List<StoreLocation>();
            foreach (var text in parse.GetValue(stores) ?? [])
            {
                if (!StoreLocation.TryParse(text, out var location))
                {
                    error.WriteLine($"huella bench registry: not a store location: '{text}'.");
                    return 2;
                }

                locations.Add(location);
            }

            SyntheticGalleryHeader header;
            try
            {
                header = SyntheticGallery.ReadHeader(file.FullName);
            }
            catch (Exception e) when (e is IOException or FingerprintFormatException or UnauthorizedAccessException)
            {
                error.WriteLine($"huella bench registry: {e.Message}");
                return 1;
            }

            var options = new RegistryBenchSettings(
                parse.GetValue(fingers),
                parse.GetValue(probes),
                parse.GetValue(exhaustive),
                parse.GetValue(compact),
                parse.GetValue(storeFingers),
                parse.GetValue(enroll),
                [.. from share in parse.GetValue(shortlist)!
                    from count in parse.GetValue(match)!
                    select new GalleryOptions
                    {
                        KeepPreparedTemplates = !parse.GetValue(compact),
                        ShortlistFraction = share,
                        MaxShortlist = parse.GetValue(maxShortlist),
                        MatchCandidates = count,
                    }],
                parse.GetValue(diagnose));
            await RegistryBench.RunAsync(file.FullName, header, options, locations, output, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
