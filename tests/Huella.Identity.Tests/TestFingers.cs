using System.Collections.Concurrent;
using Huella.Biometrics;
using Huella.Biometrics.Imaging;
using Huella.Identity;
using Huella.Identity.Enrollment;
using Huella.Testing;

namespace Huella.Identity.Tests;

/// <summary>Real templates from FVC2002 set B, extracted once per test run and shared.</summary>
internal static class TestFingers
{
    private static readonly ConcurrentDictionary<string, FingerprintTemplate> Cache = new();

    public static readonly DateTimeOffset CaptureTime = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Finger 101…110, impression 1…8 of an FVC2002 set B database (db1b by default).</summary>
    public static FingerprintTemplate Fvc(int finger, int impression, string database = "db1b")
    {
        var path = SharedData.PathOf("fingerprints", "fvc2002", database, $"{finger}_{impression}.tif");
        return Cache.GetOrAdd(path, p => FingerprintTemplate.Create(ImageDecoder.Load(p, database == "db2b" ? 569 : null)));
    }

    public static byte[] FvcImage(int finger, int impression, string database = "db1b") =>
        File.ReadAllBytes(SharedData.PathOf("fingerprints", "fvc2002", database, $"{finger}_{impression}.tif"));

    public static FingerCapture Capture(FingerPosition? position, FingerprintTemplate template) =>
        new(position, template, new CaptureMetadata(CaptureTime, "test-sensor", 500));

    /// <summary>A small synthetic template (fast, for storage tests where matching does not matter).</summary>
    public static FingerprintTemplate Synthetic(int seed)
    {
        var random = new Random(seed);
        var minutiae = Enumerable.Range(0, 30)
            .Select(_ => new Minutia(random.Next(20, 380), random.Next(20, 380), (float)(random.NextDouble() * 2 * Math.PI), MinutiaType.Ending, 80))
            .ToList();
        return new FingerprintTemplate(400, 400, minutiae, 70);
    }

    public static Demographics Demographics(string given = "Ana María", string family = "Pérez Rojas") =>
        new(given, family, new DateOnly(1990, 5, 17), Sex.Female, new Address("Calle 5, Casa 12, Maracay", "04.02.01"));
}
