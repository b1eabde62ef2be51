using System.Diagnostics;
using System.Globalization;
using Huella.Biometrics;
using Huella.Research.Synthesis.Templates;
using Huella.Identity;
using Huella.Identity.Enrollment;
using Huella.Identity.Gallery;
using Huella.Identity.Storage;
using Huella.Storage;

namespace Huella.Research.Evaluation;

/// <summary>
/// The registry at scale (<c>huella bench registry</c>) on a synthetic gallery file (<c>huella synth
/// templates</c>). Loads the gallery into an index and reports memory per finger; searches with the
/// mated impressions, indexed and (for a sample) exhaustively, for latency and miss rates; then,
/// per store given, writes the gallery, times the start-up load and enrolls persons with
/// deduplication. One finger per person (right index), as the gallery files hold single fingers.
/// </summary>
public static class RegistryBench
{
    private const int BatchSize = 5_000;
    private static readonly CaptureMetadata Capture = new(DateTimeOffset.UnixEpoch, "bench", 500);

    public static async Task RunAsync(string path, SyntheticGalleryHeader header, RegistryBenchSettings settings, IReadOnlyList<StoreLocation> locations, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentNullException.ThrowIfNull(output);
        await RunCoreAsync(path, header, settings, locations, output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task RunCoreAsync(string path, SyntheticGalleryHeader header, RegistryBenchSettings settings, IReadOnlyList<StoreLocation> locations, TextWriter output, CancellationToken cancellationToken)
    {
        var galleryOptions = settings.Tunings[0];
        var (galleryBytes, probeRecords) = ReadGallery(path, header, settings);
        var n = galleryBytes.Count;
        output.WriteLine(Invariant($"gallery {Path.GetFileName(path)}: {n:N0} fingers, {probeRecords.Count:N0} mated probes; {Environment.ProcessorCount} cores; templates {(settings.Compact ? "compact (prepared when matched)" : "prepared in memory")}"));

        if (settings.Probes == 0)
        {
            galleryBytes = null;
            foreach (var location in locations)
            {
                await StoreAsync(path, header, settings, n, location, galleryOptions, output, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        // Index build and memory.
        var before = Memory();
        var clock = Stopwatch.StartNew();
        var index = new GalleryIndex(galleryOptions);
        LoadInto(index, galleryBytes);
        index.TrimExcess();
        var buildTime = clock.Elapsed;
        galleryBytes = null;
        var after = Memory();
        output.WriteLine(Invariant($"index: built in {buildTime.TotalSeconds:F1} s ({n / buildTime.TotalSeconds:N0} fingers/s), {index.PartitionCount} partitions; {(after - before) / (double)n:N0} bytes per finger (managed heap growth / fingers); process working set {Environment.WorkingSet / 1e9:F2} GB"));

        var threshold = ScoreCalibration.ThresholdFor(1e-4);
        var probesParsed = probeRecords.Select(p => (Probe: new ProbeFinger(FingerprintTemplate.Parse(p.Template.Span), FingerPosition.RightIndex), Mate: GalleryId(p.MateOf!.Value))).ToList();
        var gallerySample = probeRecords.Select(p => p.MateOf!.Value).ToHashSet();
        var mates = SyntheticGallery.ReadRecords(path).Where(r => r.MateOf is null && gallerySample.Contains(r.Id)).ToDictionary(r => r.Id, r => r.Template);
        var genuine = new double[probesParsed.Count];
        Parallel.For(0, probesParsed.Count, i => genuine[i] = new FingerprintMatcher(probesParsed[i].Probe.Template).Match(FingerprintTemplate.Parse(mates[probeRecords[i].MateOf!.Value].Span)));
        output.WriteLine(Invariant($"probes: {probesParsed.Count} mated; genuine score >= threshold at FMR 1e-4 ({threshold:F4}) for {genuine.Count(g => g >= threshold) / (double)genuine.Length:P1}"));

        // Indexed searches over every probe, per tuning: latency, rank-1, whether the mate reached full matching.
        SearchStats indexed = null!;
        foreach (var tuning in settings.Tunings)
        {
            indexed = new SearchStats();
            var trace = new SearchTrace();
            var diagnosis = new List<(MateTrace Trace, bool Matched, double Genuine, int ProbeMinutiae)>();
            for (var i = 0; i < probesParsed.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (probe, mate) = probesParsed[i];
                trace.Follow = settings.Diagnose ? mate : null;
                trace.ClearMates();
                clock.Restart();
                var hits = index.Search([probe], int.MaxValue, 0, null, prefilter: true, trace: trace, tuning: tuning);
                indexed.Add(clock.Elapsed, hits, mate, genuine[i], threshold);
                if (settings.Diagnose && genuine[i] >= threshold && trace.Mates is [var seen, ..])
                {
                    diagnosis.Add((seen, hits.Any(h => h.PersonId == mate), genuine[i], probe.Template.Minutiae.Count));
                }
            }

            var searches = Math.Max(1, probesParsed.Count);
            output.WriteLine(Invariant($"shortlist {tuning.ShortlistFraction:P2} (cap {tuning.MaxShortlist:N0}), full matcher on {tuning.MatchCandidates:N0}:"));
            output.WriteLine(indexed.Describe("  indexed   ", threshold));
            output.WriteLine(Invariant($"  per search (summed over partitions): votes {trace.Prefilter.TotalMilliseconds / searches:F0} ms -> {trace.Shortlisted / searches:N0} shortlisted; alignment {trace.Align.TotalMilliseconds / searches:F0} ms; full matcher {trace.Match.TotalMilliseconds / searches:F0} ms for {trace.Matched / searches:N0} fingers ({trace.Match.TotalMicroseconds / Math.Max(1, trace.Matched):F0} us each)"));
            if (settings.Diagnose)
            {
                Diagnose(diagnosis, output);
            }

            output.WriteLine(Invariant($"  mate not shortlisted although its genuine score >= threshold: {indexed.MissedAccepted}/{indexed.Accepted} = {indexed.MissedAccepted / (double)Math.Max(1, indexed.Accepted):P2} of mates the matcher accepts (upper bound on FNIR(index) - FNIR(exhaustive) at this threshold: {indexed.MissedAccepted / (double)Math.Max(1, indexed.Count):P2} of searches)"));
        }

        if (settings.Exhaustive > 0)
        {
            var sample = new SearchStats();
            var same = new SearchStats();
            var exhaustiveFound = 0;
            var indexMissed = 0;
            var step = Math.Max(1, probesParsed.Count / settings.Exhaustive);
            for (var i = 0; i < probesParsed.Count && sample.Count < settings.Exhaustive; i += step)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (probe, mate) = probesParsed[i];
                clock.Restart();
                var hits = index.Search([probe], 10, 0, null, prefilter: false, trace: null, tuning: null);
                sample.Add(clock.Elapsed, hits, mate, genuine[i], threshold);
                var indexedHits = index.Search([probe], 10, 0, null, prefilter: true, trace: null, tuning: settings.Tunings[^1]);
                same.Add(indexed.Latencies[i], indexedHits, mate, genuine[i], threshold);
                if (hits is [var top, ..] && top.PersonId == mate && top.Score >= threshold)
                {
                    exhaustiveFound++;
                    indexMissed += indexedHits is [var first, ..] && first.PersonId == mate && first.Score >= threshold ? 0 : 1;
                }
            }

            output.WriteLine(sample.Describe("exhaustive", threshold));
            output.WriteLine(same.Describe("indexed on the same probes", threshold));
            output.WriteLine(Invariant($"mate rank 1 at score >= threshold exhaustively: {exhaustiveFound}/{sample.Count}; of those missed (not rank 1 at >= threshold) with the index: {indexMissed} = {indexMissed / (double)Math.Max(1, sample.Count):P2} of searches (FNIR(index) - FNIR(exhaustive) at rank 1)"));
            output.WriteLine(Invariant($"speed-up (p50): {sample.Percentile(0.5).TotalMilliseconds / indexed.Percentile(0.5).TotalMilliseconds:F1}x"));
        }

        index.Dispose();
        foreach (var location in locations)
        {
            await StoreAsync(path, header, settings, n, location, galleryOptions, output, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Where the accepted mates fell in the stages: vote rank (share of the partition), alignment rank, and the missed ones in full.</summary>
    private static void Diagnose(List<(MateTrace Trace, bool Matched, double Genuine, int ProbeMinutiae)> rows, TextWriter output)
    {
        double[] cuts = [0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2];
        var ranks = rows.Select(r => r.Trace.VoteRank / (double)Math.Max(1, r.Trace.Eligible)).ToList();
        output.WriteLine("  accepted mates by vote rank: " + string.Join(", ", cuts.Select(c => Invariant($"top {c:P1}: {ranks.Count(r => r < c)}/{rows.Count}"))));
        int[] alignCuts = [50, 100, 150, 300, 600, 1000];
        var aligned = rows.Where(r => r.Trace.AlignRank >= 0).ToList();
        output.WriteLine("  shortlisted accepted mates by alignment rank (per partition): " + string.Join(", ", alignCuts.Select(c => Invariant($"< {c}: {aligned.Count(r => r.Trace.AlignRank < c)}/{aligned.Count}"))));
        foreach (var (t, matched, genuine, probeMinutiae) in rows.Where(r => !r.Matched))
        {
            output.WriteLine(Invariant($"    missed: genuine {genuine:F4}, vote rank {t.VoteRank}/{t.Eligible} ({t.VoteRank / (double)Math.Max(1, t.Eligible):P2}), peak {t.PeakVotes} of {t.TotalVotes} votes, {t.Pairs} pairs, probe {probeMinutiae} minutiae; align rank {t.AlignRank} of {t.Shortlisted} (score {t.AlignScore:F3}), {t.Matched} matched"));
        }
    }

    private static async Task StoreAsync(string path, SyntheticGalleryHeader header, RegistryBenchSettings settings, int galleryFingers, StoreLocation location, GalleryOptions galleryOptions, TextWriter output, CancellationToken cancellationToken)
    {
        var count = settings.StoreFingers > 0 ? Math.Min(settings.StoreFingers, galleryFingers) : galleryFingers;
        var engine = location.Engine.ToString();

        // A store written by an earlier run (same gallery, same key file) is reused as it is: writing a million persons takes a while.
        var keyFile = location.Engine == StoreEngine.Sqlite ? location.Target + ".keys" : null;
        using var keys = keyFile is not null ? (await RegistryKeyRing.OpenAsync(location, keyFile, cancellationToken).ConfigureAwait(false)).Ring : KeyRing.Generate();
        var clock = Stopwatch.StartNew();
        await using (var store = SqlPersonStore.Open(location, keys))
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            var existing = (await store.CountAsync(cancellationToken).ConfigureAwait(false)).GalleryFingers;
            if (existing > 0)
            {
                output.WriteLine(Invariant($"{engine}: store already holds {existing:N0} gallery fingers; reusing it"));
            }
            else
            {
                var written = 0;
                var batch = new List<PersonRecord>(BatchSize);
                foreach (var record in SyntheticGallery.ReadRecords(path))
                {
                    if (record.MateOf is not null || record.Id >= count)
                    {
                        break;
                    }

                    batch.Add(new PersonRecord(GalleryId(record.Id), null, null, [new FingerRecord(FingerPosition.RightIndex, record.Template, 50, Capture)], PersonStatus.Active, []));
                    if (batch.Count == BatchSize)
                    {
                        await store.InsertManyAsync(batch, "bench", cancellationToken).ConfigureAwait(false);
                        written += batch.Count;
                        batch.Clear();
                    }
                }

                if (batch.Count > 0)
                {
                    await store.InsertManyAsync(batch, "bench", cancellationToken).ConfigureAwait(false);
                    written += batch.Count;
                }

                output.WriteLine(Invariant($"{engine}: wrote {written:N0} persons in {clock.Elapsed.TotalSeconds:F0} s ({written / clock.Elapsed.TotalSeconds:N0} persons/s, InsertManyAsync in transactions of {BatchSize:N0}, audit entry each)"));
            }
        }

        // The store's share of the start-up: stream and open every gallery finger, no index.
        clock.Restart();
        var read = 0;
        await using (var store = SqlPersonStore.Open(location, keys))
        {
            await foreach (var person in store.ReadGalleryAsync(cancellationToken).ConfigureAwait(false))
            {
                read += person.Fingers.Count;
            }
        }

        output.WriteLine(Invariant($"{engine}: store read alone (stream, decrypt, no index) {clock.Elapsed.TotalSeconds:F1} s for {read:N0} fingers ({read / clock.Elapsed.TotalSeconds:N0} fingers/s)"));

        clock.Restart();
        var registryOptions = new RegistryOptions { MinEnrollQuality = 0, Gallery = galleryOptions };
        await using var registry = await IdentityRegistry.OpenAsync(SqlPersonStore.Open(location, keys), registryOptions, cancellationToken: cancellationToken).ConfigureAwait(false);
        output.WriteLine(Invariant($"{engine}: start-up (open store, read and decrypt every template, build the index) {clock.Elapsed.TotalSeconds:F1} s for {registry.Index.FingerCount:N0} fingers ({registry.Index.FingerCount / clock.Elapsed.TotalSeconds:N0} fingers/s)"));

        if (settings.Enroll == 0)
        {
            return;
        }

        // Cédulas of an earlier run's enrollments would be rejected as taken: start past them.
        var start = (await registry.Store.CountAsync(cancellationToken).ConfigureAwait(false)).Active + (await registry.Store.CountAsync(cancellationToken).ConfigureAwait(false)).PendingAdjudication;
        var outcomes = new Dictionary<EnrollmentOutcome, int>();
        var latencies = new List<TimeSpan>();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < settings.Enroll; i++)
        {
            // Even: a new person (a finger beyond the gallery); odd: a second impression of a stored finger.
            var template = i % 2 == 0
                ? SyntheticTemplates.Impression(header.Seed, header.Count + start + i, 1).ToTemplate()
                : SyntheticTemplates.Impression(header.Seed, (int)((long)i * count / settings.Enroll), 2).ToTemplate();
            var request = new EnrollmentRequest(
                Cedula.Create(CedulaNationality.V, 50_000_000 + start + i),
                new Demographics("Bench", "Mark", new DateOnly(1990, 1, 1), Sex.Unknown, new Address("bench", "01.01.01")),
                [new FingerCapture(FingerPosition.RightIndex, template, Capture)]);
            clock.Restart();
            var result = await registry.EnrollAsync(request, "bench", cancellationToken).ConfigureAwait(false);
            latencies.Add(clock.Elapsed);
            outcomes[result.Outcome] = outcomes.GetValueOrDefault(result.Outcome) + 1;
        }

        latencies.Sort();
        output.WriteLine(Invariant($"{engine}: {settings.Enroll} enrollments with deduplication against {count:N0} fingers: {settings.Enroll / total.Elapsed.TotalSeconds:F2} persons/s, p50 {latencies[latencies.Count / 2].TotalMilliseconds:F0} ms ({string.Join(", ", outcomes.Select(o => $"{o.Value} {o.Key}"))})"));
    }

    /// <summary>Gallery records (bytes) up to the finger limit, and an even sample of the mated records whose mate is in it.</summary>
    private static (List<ReadOnlyMemory<byte>> Gallery, List<SyntheticGalleryRecord> Probes) ReadGallery(string path, SyntheticGalleryHeader header, RegistryBenchSettings settings)
    {
        var limit = settings.Fingers > 0 ? settings.Fingers : header.Count - header.Mated;
        var gallery = new List<ReadOnlyMemory<byte>>();
        var mated = new List<SyntheticGalleryRecord>();
        foreach (var record in SyntheticGallery.ReadRecords(path))
        {
            if (record.MateOf is null)
            {
                if (record.Id < limit)
                {
                    gallery.Add(record.Template);
                }
            }
            else if (record.MateOf < limit)
            {
                mated.Add(record);
            }
        }

        var step = Math.Max(1, mated.Count / Math.Max(1, settings.Probes));
        var probes = mated.Where((_, i) => i % step == 0).Take(settings.Probes).ToList();
        return (gallery, probes);
    }

    private static void LoadInto(GalleryIndex index, List<ReadOnlyMemory<byte>> gallery) =>
        Parallel.For(0, gallery.Count, i => index.UpsertSerialized(GalleryId(i), [(FingerPosition.RightIndex, gallery[i].ToArray())]));

    private static PersonId GalleryId(int id) => PersonId.Parse("g" + id.ToString(CultureInfo.InvariantCulture));

    private static long Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);


    /// <summary>Latencies and outcomes of a set of searches.</summary>
    private sealed class SearchStats
    {
        public List<TimeSpan> Latencies { get; } = [];

        public int Count => Latencies.Count;

        public int RankOne { get; private set; }

        /// <summary>Mate in the top 10 with a score at or above the threshold.</summary>
        public int Found { get; private set; }

        public int Accepted { get; private set; }

        public int MissedAccepted { get; private set; }

        public void Add(TimeSpan latency, IReadOnlyList<GalleryHit> hits, PersonId mate, double genuine, double threshold)
        {
            Latencies.Add(latency);
            var rank = -1;
            for (var r = 0; r < hits.Count; r++)
            {
                if (hits[r].PersonId == mate)
                {
                    rank = r;
                    break;
                }
            }

            RankOne += rank == 0 ? 1 : 0;
            Found += rank is >= 0 and < 10 && hits[rank].Score >= threshold ? 1 : 0;
            if (genuine >= threshold)
            {
                Accepted++;
                MissedAccepted += rank < 0 ? 1 : 0;
            }
        }

        public TimeSpan Percentile(double p)
        {
            var sorted = Latencies.Order().ToList();
            return sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        }

        public string Describe(string name, double threshold) => Invariant(
            $"{name}: {Count} searches, latency p50 {Percentile(0.5).TotalMilliseconds:F0} ms, p99 {Percentile(0.99).TotalMilliseconds:F0} ms; rank-1 {RankOne / (double)Math.Max(1, Count):P1}; FNIR (mate not in top 10 at score >= {threshold:F4}) {1 - (Found / (double)Math.Max(1, Count)):P2}");
    }
}

/// <summary>What <see cref="RegistryBench"/> measures: gallery and probe counts, stores, and the index tunings compared.</summary>
public sealed record RegistryBenchSettings(int Fingers, int Probes, int Exhaustive, bool Compact, int StoreFingers, int Enroll, IReadOnlyList<GalleryOptions> Tunings, bool Diagnose);
