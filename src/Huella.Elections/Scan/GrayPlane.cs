namespace Huella.Elections.Scan;

/// <summary>
/// Gray pixels the locator works on (row-major, 0 = black), and the few transforms it tries
/// between decode attempts: resampling, cropping, rotation, sharpening and a median filter.
/// </summary>
internal sealed class GrayPlane
{
    public GrayPlane(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNotEqual(pixels.Length, width * height);
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    public int LongSide => Math.Max(Width, Height);

    public int ShortSide => Math.Min(Width, Height);

    /// <summary>Resampled to <paramref name="width"/> × <paramref name="height"/>: box average when shrinking, bilinear when enlarging.</summary>
    public GrayPlane Resize(int width, int height)
    {
        if (width == Width && height == Height)
        {
            return this;
        }

        return width < Width && height < Height ? Shrink(width, height) : Bilinear(width, height);
    }

    /// <summary>Scaled so that the long side is <paramref name="longSide"/> pixels.</summary>
    public GrayPlane ScaleTo(int longSide)
    {
        var scale = (double)longSide / LongSide;
        return Resize(Math.Max(1, (int)Math.Round(Width * scale)), Math.Max(1, (int)Math.Round(Height * scale)));
    }

    public GrayPlane Crop(int left, int top, int width, int height)
    {
        left = Math.Clamp(left, 0, Width - 1);
        top = Math.Clamp(top, 0, Height - 1);
        width = Math.Min(width, Width - left);
        height = Math.Min(height, Height - top);
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            Array.Copy(Pixels, ((top + y) * Width) + left, pixels, y * width, width);
        }

        return new GrayPlane(width, height, pixels);
    }

    /// <summary>Rotated about the centre by <paramref name="degrees"/>, on a canvas large enough to hold every corner; new area is white.</summary>
    public GrayPlane Rotate(double degrees)
    {
        var radians = degrees * Math.PI / 180;
        var cos = Math.Cos(radians);
        var sin = Math.Sin(radians);
        var width = (int)Math.Ceiling((Math.Abs(Width * cos) + Math.Abs(Height * sin)));
        var height = (int)Math.Ceiling((Math.Abs(Width * sin) + Math.Abs(Height * cos)));
        var pixels = new byte[width * height];
        double cx = Width / 2.0, cy = Height / 2.0, ox = width / 2.0, oy = height / 2.0;
        unchecked
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var dx = x - ox;
                    var dy = y - oy;
                    pixels[(y * width) + x] = Sample((cos * dx) + (sin * dy) + cx, (-sin * dx) + (cos * dy) + cy);
                }
            }
        }

        return new GrayPlane(width, height, pixels);
    }

    /// <summary>Unsharp mask: the image plus <paramref name="amount"/> times its difference from a box blur of <paramref name="radius"/>.</summary>
    public GrayPlane Sharpen(int radius, double amount)
    {
        var blurred = BoxBlur(radius);
        var pixels = new byte[Pixels.Length];
        unchecked
        {
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (byte)Math.Clamp((int)Math.Round(Pixels[i] + (amount * (Pixels[i] - blurred[i]))), 0, 255);
            }
        }

        return new GrayPlane(Width, Height, pixels);
    }

    /// <summary>3×3 median: removes the isolated dots a worn thermal head or sensor noise leaves, keeps module edges.</summary>
    public GrayPlane Median3()
    {
        var pixels = (byte[])Pixels.Clone();
        Span<byte> window = stackalloc byte[9];
        unchecked
        {
            for (var y = 1; y < Height - 1; y++)
            {
                for (var x = 1; x < Width - 1; x++)
                {
                    var k = 0;
                    for (var dy = -1; dy <= 1; dy++)
                    {
                        var row = (y + dy) * Width;
                        window[k++] = Pixels[row + x - 1];
                        window[k++] = Pixels[row + x];
                        window[k++] = Pixels[row + x + 1];
                    }

                    window.Sort();
                    pixels[(y * Width) + x] = window[4];
                }
            }
        }

        return new GrayPlane(Width, Height, pixels);
    }

    /// <summary>Stretches the levels between the 1st and 99th percentile to 0–255: a faded print or a dim photo gets full contrast.</summary>
    public GrayPlane Stretch()
    {
        var histogram = new int[256];
        foreach (var p in Pixels)
        {
            histogram[p]++;
        }

        int Percentile(double q)
        {
            var target = (long)(q * Pixels.Length);
            long seen = 0;
            for (var v = 0; v < 256; v++)
            {
                seen += histogram[v];
                if (seen > target)
                {
                    return v;
                }
            }

            return 255;
        }

        var low = Percentile(0.01);
        var high = Percentile(0.99);
        if (high - low < 8 || (low < 8 && high > 247))
        {
            return this;
        }

        var map = new byte[256];
        for (var v = 0; v < 256; v++)
        {
            map[v] = (byte)Math.Clamp((v - low) * 255 / (high - low), 0, 255);
        }

        var pixels = new byte[Pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = map[Pixels[i]];
        }

        return new GrayPlane(Width, Height, pixels);
    }

    private byte Sample(double x, double y)
    {
        if (x < 0 || y < 0 || x > Width - 1 || y > Height - 1)
        {
            return 255;
        }

        var x0 = (int)x;
        var y0 = (int)y;
        var x1 = Math.Min(x0 + 1, Width - 1);
        var y1 = Math.Min(y0 + 1, Height - 1);
        var fx = x - x0;
        var fy = y - y0;
        var top = (Pixels[(y0 * Width) + x0] * (1 - fx)) + (Pixels[(y0 * Width) + x1] * fx);
        var bottom = (Pixels[(y1 * Width) + x0] * (1 - fx)) + (Pixels[(y1 * Width) + x1] * fx);
        return (byte)Math.Round((top * (1 - fy)) + (bottom * fy));
    }

    private GrayPlane Bilinear(int width, int height)
    {
        var pixels = new byte[width * height];
        var sx = (double)Width / width;
        var sy = (double)Height / height;
        unchecked
        {
            for (var y = 0; y < height; y++)
            {
                var fy = Math.Clamp(((y + 0.5) * sy) - 0.5, 0, Height - 1);
                for (var x = 0; x < width; x++)
                {
                    pixels[(y * width) + x] = Sample(Math.Clamp(((x + 0.5) * sx) - 0.5, 0, Width - 1), fy);
                }
            }
        }

        return new GrayPlane(width, height, pixels);
    }

    private GrayPlane Shrink(int width, int height)
    {
        var pixels = new byte[width * height];
        unchecked
        {
            for (var y = 0; y < height; y++)
            {
                var y0 = (int)((long)y * Height / height);
                var y1 = Math.Max(y0 + 1, (int)((long)(y + 1) * Height / height));
                for (var x = 0; x < width; x++)
                {
                    var x0 = (int)((long)x * Width / width);
                    var x1 = Math.Max(x0 + 1, (int)((long)(x + 1) * Width / width));
                    var sum = 0;
                    for (var yy = y0; yy < y1; yy++)
                    {
                        var row = yy * Width;
                        for (var xx = x0; xx < x1; xx++)
                        {
                            sum += Pixels[row + xx];
                        }
                    }

                    pixels[(y * width) + x] = (byte)(sum / ((y1 - y0) * (x1 - x0)));
                }
            }
        }

        return new GrayPlane(width, height, pixels);
    }

    /// <summary>Mean over a (2r+1)² box, clamped at the edges, from an integral image.</summary>
    private byte[] BoxBlur(int radius)
    {
        var stride = Width + 1;
        var sum = new long[stride * (Height + 1)];
        var pixels = new byte[Pixels.Length];
        unchecked
        {
            for (var y = 0; y < Height; y++)
            {
                long row = 0;
                for (var x = 0; x < Width; x++)
                {
                    row += Pixels[(y * Width) + x];
                    sum[((y + 1) * stride) + x + 1] = sum[(y * stride) + x + 1] + row;
                }
            }

            for (var y = 0; y < Height; y++)
            {
                var y0 = Math.Max(0, y - radius);
                var y1 = Math.Min(Height, y + radius + 1);
                for (var x = 0; x < Width; x++)
                {
                    var x0 = Math.Max(0, x - radius);
                    var x1 = Math.Min(Width, x + radius + 1);
                    var total = sum[(y1 * stride) + x1] - sum[(y0 * stride) + x1] - sum[(y1 * stride) + x0] + sum[(y0 * stride) + x0];
                    pixels[(y * Width) + x] = (byte)(total / ((y1 - y0) * (x1 - x0)));
                }
            }
        }

        return pixels;
    }
}
