using System.Diagnostics.CodeAnalysis;
using Huella.Biometrics.Extraction;
using Huella.Biometrics.Imaging;
using Huella.Biometrics.Matching;
using Huella.Biometrics.Templates;

namespace Huella.Biometrics;

/// <summary>
/// The minutiae of one fingerprint, ready to match. Built from an image (<see cref="Create"/>,
/// <see cref="TryCreate"/>), from minutiae found elsewhere, or from bytes (<see cref="Parse"/>).
/// Immutable and thread-safe; match it with <see cref="FingerprintMatcher"/>.
/// </summary>
public sealed class FingerprintTemplate
{
    private const float TwoPi = 2 * MathF.PI;
    private readonly Minutia[] _minutiae;
    private CylinderSet? _cylinders;

    /// <summary>The most minutiae a template holds; writers of templates outside the engine size their records by it.</summary>
    public const int MaxMinutiae = EngineParameters.MaxMinutiae;

    /// <summary>
    /// A template from minutiae in 500 dpi pixel coordinates. Directions are rounded to 65536ths of a
    /// turn (the stored precision); beyond <see cref="MaxMinutiae"/> the best by quality are kept.
    /// </summary>
    public FingerprintTemplate(int width, int height, IEnumerable<Minutia> minutiae, int quality = 0)
        : this(width, height, minutiae, quality, null)
    {
    }

    /// <summary>The same, with the print's coarse orientation map (extracted templates have one).</summary>
    internal FingerprintTemplate(int width, int height, IEnumerable<Minutia> minutiae, int quality, OrientationMap? orientation)
    {
        ArgumentNullException.ThrowIfNull(minutiae);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfNegative(quality);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        var list = minutiae
            .Select(m => m with
            {
                X = Math.Clamp(m.X, 0, width - 1),
                Y = Math.Clamp(m.Y, 0, height - 1),
                Direction = UnitsToDirection(DirectionToUnits(m.Direction)),
                Quality = Math.Min(m.Quality, (byte)100),
            })
            .ToList();
        if (list.Count > EngineParameters.MaxMinutiae)
        {
            list = [.. list.OrderByDescending(m => m.Quality).Take(EngineParameters.MaxMinutiae)];
        }

        Width = width;
        Height = height;
        Quality = quality;
        if (orientation is not null
            && (orientation.Columns != OrientationMap.CellsAlong(width) || orientation.Rows != OrientationMap.CellsAlong(height)))
        {
            throw new ArgumentException($"A {width}×{height} print has a {OrientationMap.CellsAlong(width)}×{OrientationMap.CellsAlong(height)} orientation map, not {orientation.Columns}×{orientation.Rows}.", nameof(orientation));
        }

        Orientation = orientation;
        _minutiae = [.. list];
        Key = ComputeKey(_minutiae);
    }

    /// <summary>Width of the image in pixels at 500 dpi.</summary>
    public int Width { get; }

    /// <summary>Height of the image in pixels at 500 dpi.</summary>
    public int Height { get; }

    /// <summary>Image quality 0–100: the share of the print with clear ridge flow, scaled by its area; low values predict failed matches.</summary>
    public int Quality { get; }

    public IReadOnlyList<Minutia> Minutiae => _minutiae;

    /// <summary>
    /// Whether the template keeps the print's ridge flow (extracted templates do; templates from
    /// minutiae, such as ISO/ANSI records, do not and are matched on minutiae alone).
    /// </summary>
    public bool HasRidgeFlow => Orientation is not null;

    internal OrientationMap? Orientation { get; }

    /// <summary>The same minutiae without the ridge flow: the template as an ISO/ANSI record would carry it.</summary>
    public FingerprintTemplate WithoutRidgeFlow() => Orientation is null ? this : new(Width, Height, _minutiae, Quality);

    /// <summary>
    /// The matcher's cylinders, built on first use: most templates read from storage or a roll are
    /// stored, forwarded or indexed by minutiae long before (or without ever) being matched.
    /// </summary>
    internal CylinderSet Cylinders => Volatile.Read(ref _cylinders) ?? BuildCylinders();

    /// <summary>Content hash that orders templates canonically, so scores do not depend on argument order.</summary>
    internal ulong Key { get; }

    /// <summary>Extracts a template; throws <see cref="NoUsableFingerprintException"/> when the image holds no usable fingerprint.</summary>
    public static FingerprintTemplate Create(GrayImage image)
    {
        return TryCreate(image, out var template, out var reason) ? template : throw new NoUsableFingerprintException(reason);
    }

    /// <summary>Extracts a template, or returns false with the reason when the image holds no usable fingerprint.</summary>
    public static bool TryCreate(GrayImage image, [NotNullWhen(true)] out FingerprintTemplate? template, out NoFingerprintReason reason)
    {
        ArgumentNullException.ThrowIfNull(image);
        var result = FeatureExtractor.Extract(image);
        reason = result.Failure;
        template = reason == NoFingerprintReason.None
            ? new FingerprintTemplate(result.Width, result.Height, result.Minutiae, result.Quality, result.Orientation)
            : null;
        return template is not null;
    }

    /// <summary>Reads a template written by <see cref="ToBytes"/>; throws <see cref="FingerprintFormatException"/> on bad bytes.</summary>
    public static FingerprintTemplate Parse(ReadOnlySpan<byte> data) => TemplateSerializer.Read(data);

    /// <summary>The compact binary form (see <c>Templates/TemplateSerializer.cs</c> for the layout).</summary>
    public byte[] ToBytes() => TemplateSerializer.Write(this);

    private CylinderSet BuildCylinders()
    {
        var built = new CylinderSet(_minutiae, Orientation);
        return Interlocked.CompareExchange(ref _cylinders, built, null) ?? built;
    }

    internal static ushort DirectionToUnits(float direction)
    {
        var turns = direction / TwoPi;
        turns -= MathF.Floor(turns);
        return (ushort)((int)MathF.Round(turns * 65536) & 0xFFFF);
    }

    internal static float UnitsToDirection(ushort units) => units * TwoPi / 65536;

    private static ulong ComputeKey(Minutia[] minutiae)
    {
        var hash = 14695981039346656037UL;
        foreach (var m in minutiae)
        {
            foreach (var value in (ReadOnlySpan<int>)[m.X, m.Y, DirectionToUnits(m.Direction), (int)m.Type])
            {
                hash = (hash ^ (uint)value) * 1099511628211UL;
            }
        }

        return hash;
    }
}
