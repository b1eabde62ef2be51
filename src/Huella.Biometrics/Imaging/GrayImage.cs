namespace Huella.Biometrics.Imaging;

/// <summary>
/// An 8-bit grayscale image: row-major pixels in one flat buffer, 0 = black, 255 = white,
/// with the scanning resolution the fingerprint was captured at.
/// </summary>
public sealed class GrayImage
{
    /// <summary>The resolution fingerprint standards assume when a file does not say.</summary>
    public const double DefaultDpi = 500;

    private readonly byte[] _pixels;

    /// <summary>Wraps <paramref name="pixels"/> without copying; the caller gives up ownership.</summary>
    public GrayImage(int width, int height, byte[] pixels, double dpi = DefaultDpi)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if ((long)width * height != pixels.Length)
        {
            throw new ArgumentException($"A {width}x{height} image needs {(long)width * height} pixels, not {pixels.Length}.", nameof(pixels));
        }

        if (!double.IsFinite(dpi) || dpi <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dpi), dpi, "Resolution must be a positive number of dots per inch.");
        }

        Width = width;
        Height = height;
        Dpi = dpi;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Dots per inch, the same horizontally and vertically.</summary>
    public double Dpi { get; }

    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>The buffer itself, for hot paths inside the library that must not copy.</summary>
    internal byte[] Buffer => _pixels;

    public byte this[int x, int y] => _pixels[(y * Width) + x];

    public ReadOnlySpan<byte> Row(int y) => _pixels.AsSpan(y * Width, Width);

    /// <summary>The same pixels declared at another resolution (the caller knows better than the file).</summary>
    public GrayImage WithDpi(double dpi) => new(Width, Height, _pixels, dpi);

    /// <summary>A filled image, handy for tests and synthetic backgrounds.</summary>
    public static GrayImage Filled(int width, int height, byte value, double dpi = DefaultDpi)
    {
        var pixels = new byte[checked(width * height)];
        pixels.AsSpan().Fill(value);
        return new GrayImage(width, height, pixels, dpi);
    }
}
