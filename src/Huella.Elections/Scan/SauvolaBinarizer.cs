using ZXing;
using ZXing.Common;

namespace Huella.Elections.Scan;

/// <summary>
/// Sauvola's local threshold (Sauvola and Pietikäinen, Pattern Recognition 33, 2000): a pixel is
/// black below <c>mean·(1 + k·(sd/128 − 1))</c> of its window. Unlike ZXing's block-based binarizers
/// it follows a gradient of light across a photo pixel by pixel, and in flat paper the local
/// deviation is low, so noise does not turn into black specks.
/// </summary>
internal sealed class SauvolaBinarizer : Binarizer
{
    private readonly int _window;
    private readonly double _k;
    private BitMatrix? _matrix;

    public SauvolaBinarizer(LuminanceSource source, int window, double k)
        : base(source)
    {
        _window = window;
        _k = k;
    }

    public override BitMatrix BlackMatrix => _matrix ??= Threshold();

    public override BitArray getBlackRow(int y, BitArray row)
    {
        var matrix = BlackMatrix;
        row = row is not null && row.Size >= Width ? row : new BitArray(Width);
        row.clear();
        for (var x = 0; x < Width; x++)
        {
            if (matrix[x, y])
            {
                row[x] = true;
            }
        }

        return row;
    }

    public override Binarizer createBinarizer(LuminanceSource source) => new SauvolaBinarizer(source, _window, _k);

    private BitMatrix Threshold()
    {
        var width = Width;
        var height = Height;
        var luma = LuminanceSource.Matrix;
        var stride = width + 1;
        var sum = new long[stride * (height + 1)];
        var squares = new long[stride * (height + 1)];
        unchecked
        {
            for (var y = 0; y < height; y++)
            {
                long rowSum = 0, rowSquares = 0;
                for (var x = 0; x < width; x++)
                {
                    long v = luma[(y * width) + x];
                    rowSum += v;
                    rowSquares += v * v;
                    sum[((y + 1) * stride) + x + 1] = sum[(y * stride) + x + 1] + rowSum;
                    squares[((y + 1) * stride) + x + 1] = squares[(y * stride) + x + 1] + rowSquares;
                }
            }

            var matrix = new BitMatrix(width, height);
            var half = _window / 2;
            for (var y = 0; y < height; y++)
            {
                var y0 = Math.Max(0, y - half);
                var y1 = Math.Min(height, y + half + 1);
                for (var x = 0; x < width; x++)
                {
                    var x0 = Math.Max(0, x - half);
                    var x1 = Math.Min(width, x + half + 1);
                    double area = (y1 - y0) * (x1 - x0);
                    var s = sum[(y1 * stride) + x1] - sum[(y0 * stride) + x1] - sum[(y1 * stride) + x0] + sum[(y0 * stride) + x0];
                    var q = squares[(y1 * stride) + x1] - squares[(y0 * stride) + x1] - squares[(y1 * stride) + x0] + squares[(y0 * stride) + x0];
                    var mean = s / area;
                    var deviation = Math.Sqrt(Math.Max(0, (q / area) - (mean * mean)));
                    if (luma[(y * width) + x] < mean * (1 + (_k * ((deviation / 128) - 1))))
                    {
                        matrix[x, y] = true;
                    }
                }
            }

            return matrix;
        }
    }
}
