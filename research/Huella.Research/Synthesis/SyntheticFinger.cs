using Huella.Biometrics.Imaging;

namespace Huella.Research.Synthesis;

/// <summary>
/// One synthetic finger: its ground truth (class, singular points) and its impressions.
/// Thread-safe; the master print is grown once, on first use.
/// </summary>
public sealed class SyntheticFinger
{
    private readonly MasterLayout _layout;
    private readonly Lazy<MasterPrint> _master;

    internal SyntheticFinger(int seed, int fingerIndex, MasterLayout layout, SynthesisParameters parameters)
    {
        Seed = seed;
        FingerIndex = fingerIndex;
        Parameters = parameters;
        _layout = layout;
        _master = new Lazy<MasterPrint>(() => MasterPrint.Create(seed, fingerIndex, layout, parameters), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public int Seed { get; }

    public int FingerIndex { get; }

    public SynthesisParameters Parameters { get; }

    public FingerClass Class => _layout.Class;

    /// <summary>Cores and deltas in master-print pixels; some may lie off the pad, as on real fingers.</summary>
    public IReadOnlyList<SingularPoint> SingularPoints => _layout.SingularPoints;

    /// <summary>Growth passes the master print took (bounded by the parameters).</summary>
    public int GrowthIterations => _master.Value.GrowthIterations;

    /// <summary>
    /// Impression number <paramref name="impressionIndex"/> (any non-negative identifier): its own
    /// contact region, placement, distortion, skin condition and noise.
    /// </summary>
    public GrayImage Impression(int impressionIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(impressionIndex);
        var random = new SynthesisRandom(Seed, FingerIndex, SynthesisStream.Impression, impressionIndex);
        return ImpressionRenderer.Render(_layout, _master.Value, Parameters, random);
    }

    /// <summary>
    /// Where the singular points lie on impression <paramref name="impressionIndex"/>, in its
    /// pixels; points off the image or outside the contact region are still listed.
    /// </summary>
    public IReadOnlyList<SingularPoint> SingularPointsIn(int impressionIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(impressionIndex);
        var geometry = GeometryOf(impressionIndex);
        return _layout.SingularPoints
            .Select(p =>
            {
                var (x, y) = geometry.FromMaster(p.X, p.Y);
                return p with { X = x, Y = y };
            })
            .ToArray();
    }

    /// <summary>The grown master print (for tests and diagnostics).</summary>
    internal MasterPrint Master => _master.Value;

    internal MasterLayout Layout => _layout;

    /// <summary>The placement and warp impression <paramref name="impressionIndex"/> is rendered with.</summary>
    internal ImpressionGeometry GeometryOf(int impressionIndex) =>
        ImpressionPlacement.Draw(_layout, Parameters, new SynthesisRandom(Seed, FingerIndex, SynthesisStream.Impression, impressionIndex)).Geometry;

    /// <summary>The clean master print, whole pad, no distortion or noise: black ridges on white.</summary>
    public GrayImage MasterImage()
    {
        var master = _master.Value;
        var width = Parameters.MasterWidth;
        var height = Parameters.MasterHeight;
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width) + x;
                var inside = _layout.Silhouette.Level(x, y) <= 1;
                pixels[i] = inside ? (byte)Math.Clamp(MathF.Round(127.5f - (127.5f * master.Ridges[i])), 0, 255) : (byte)255;
            }
        }

        return new GrayImage(width, height, pixels);
    }
}
