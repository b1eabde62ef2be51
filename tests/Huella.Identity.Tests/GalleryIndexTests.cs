using Huella.Biometrics;
using Huella.Identity;
using Huella.Identity.Gallery;
using Xunit.Abstractions;

namespace Huella.Identity.Tests;

public sealed class GalleryIndexTests(ITestOutputHelper output)
{
    private static readonly string[] Databases = ["db1b", "db2b", "db3b", "db4b"];

    [Fact]
    public void Rank_one_identification_on_FVC2002_with_and_without_the_prefilter()
    {
        // Gallery: impression 1 of all 40 fingers of FVC2002 DB1–DB4 set B; probes: impressions 2–8 (280 searches).
        var gallery = Gallery();
        var probes = Databases
            .SelectMany(db => Enumerable.Range(101, 10).SelectMany(f => Enumerable.Range(2, 7).Select(i => (Truth: Id(db, f), Template: TestFingers.Fvc(f, i, db)))))
            .ToList();

        using var exhaustive = Build(gallery, new GalleryOptions { Prefilter = false });
        var exhaustiveRank1 = Rank1(exhaustive, probes);
        output.WriteLine($"exhaustive: rank-1 {exhaustiveRank1:P1} over {probes.Count} probes, gallery {gallery.Count}");

        var rates = new Dictionary<double, double>();
        foreach (var share in new[] { 0.5, 0.25, 0.1 })
        {
            using var filtered = Build(gallery, new GalleryOptions { ShortlistFraction = share, MinShortlist = 1 });
            rates[share] = Rank1(filtered, probes);
            output.WriteLine($"prefilter keeping {share:P0}: rank-1 {rates[share]:P1}");
        }

        Assert.True(exhaustiveRank1 > 0.85, $"exhaustive rank-1 {exhaustiveRank1:P1}");
        // The pre-filter loses a probe only when its shortlist misses the mate (it can also win one, when
        // it drops the impostor that outscored the mate); at half the gallery it must lose little.
        Assert.True(rates[0.5] >= exhaustiveRank1 - 0.03, $"prefilter at 50% rank-1 {rates[0.5]:P1}");
        Assert.True(rates[0.1] >= 0.8, $"prefilter at 10% rank-1 {rates[0.1]:P1}");
    }

    [Fact]
    public void Inserts_and_deletes_change_what_searches_find()
    {
        using var index = new GalleryIndex(new GalleryOptions { Partitions = 3 });
        var probe = new ProbeFinger(TestFingers.Fvc(103, 2), FingerPosition.RightIndex);
        foreach (var f in Enumerable.Range(101, 5))
        {
            index.Upsert(Id("db1b", f), [(FingerPosition.RightIndex, TestFingers.Fvc(f, 1))]);
        }

        Assert.Equal(5, index.PersonCount);
        Assert.Equal(Id("db1b", 103), index.Search([probe], 1).Single().PersonId);

        Assert.True(index.Remove(Id("db1b", 103)));
        Assert.False(index.Remove(Id("db1b", 103)));
        Assert.Equal(4, index.FingerCount);
        Assert.DoesNotContain(index.Search([probe], 10), h => h.PersonId == Id("db1b", 103));

        // Wrong position: never compared.
        index.Upsert(Id("db1b", 103), [(FingerPosition.LeftThumb, TestFingers.Fvc(103, 1))]);
        Assert.DoesNotContain(index.Search([probe], 10), h => h.PersonId == Id("db1b", 103));
        Assert.Equal(Id("db1b", 103), index.Search([probe with { Position = null }], 1).Single().PersonId);

        // A restricted search looks only at the listed persons.
        var only = new HashSet<PersonId> { Id("db1b", 101), Id("db1b", 102) };
        Assert.All(index.Search([probe with { Position = null }], 10, restrictTo: only), h => Assert.Contains(h.PersonId, only));
        Assert.Equal(
            new[] { FingerPosition.LeftThumb },
            index.Snapshot()[Id("db1b", 103)]);
    }

    [Fact]
    public void Several_probe_fingers_fuse_by_the_best_score()
    {
        using var index = new GalleryIndex();
        index.Upsert(Id("db1b", 101), [(FingerPosition.RightThumb, TestFingers.Fvc(101, 1)), (FingerPosition.RightIndex, TestFingers.Fvc(102, 1))]);
        index.Upsert(Id("db1b", 105), [(FingerPosition.RightThumb, TestFingers.Fvc(105, 1)), (FingerPosition.RightIndex, TestFingers.Fvc(106, 1))]);

        var hits = index.Search([new(TestFingers.Fvc(101, 3), FingerPosition.RightThumb), new(TestFingers.Fvc(102, 3), FingerPosition.RightIndex)], 2);

        Assert.Equal(Id("db1b", 101), hits[0].PersonId);
        Assert.Equal(2, hits[0].Comparisons);
        Assert.True(hits[0].ScoreSum >= hits[0].Score);
        Assert.True(hits[0].Score > hits[1].Score);
    }

    internal static PersonId Id(string db, int finger) => PersonId.Parse($"{db}-{finger}");

    private static List<(PersonId Id, FingerprintTemplate Template)> Gallery() =>
        [.. Databases.SelectMany(db => Enumerable.Range(101, 10).Select(f => (Id(db, f), TestFingers.Fvc(f, 1, db))))];

    private static GalleryIndex Build(List<(PersonId Id, FingerprintTemplate Template)> gallery, GalleryOptions options)
    {
        var index = new GalleryIndex(options);
        foreach (var (id, template) in gallery)
        {
            index.Upsert(id, [(FingerPosition.RightIndex, template)]);
        }

        return index;
    }

    private static double Rank1(GalleryIndex index, List<(PersonId Truth, FingerprintTemplate Template)> probes) =>
        probes.Count(p => index.Search([new ProbeFinger(p.Template, FingerPosition.RightIndex)], 1) is [var top, ..] && top.PersonId == p.Truth) / (double)probes.Count;
}
