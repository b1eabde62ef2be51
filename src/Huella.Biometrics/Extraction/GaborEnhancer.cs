using System.Runtime.Intrinsics;

namespace Huella.Biometrics.Extraction;

/// <summary>
/// Contextual filtering: each foreground block is convolved with the Gabor kernel tuned to its
/// ridge orientation and the print's ridge period. Eight pixels of a block row are computed at once
/// (one 256-bit vector), so a kernel tap costs one fused multiply-add for the whole row.
/// </summary>
internal static class GaborEnhancer
{
    public static float[] Filter(PaddedImage image, BlockGrid grid, BlockMask mask, OrientationField field, float period)
    {
        const int R = GaborBank.Radius;
        const int Side = GaborBank.Side;
        var width = grid.PaddedWidth;
        var output = new float[width * grid.PaddedHeight];
        var periodIndex = GaborBank.PeriodIndex(period);
        var data = image.Data.AsSpan();
        var stride = image.Stride;
        for (var by = 0; by < grid.Rows; by++)
        {
            for (var bx = 0; bx < grid.Columns; bx++)
            {
                var b = (by * grid.Columns) + bx;
                if (!mask.Blocks[b])
                {
                    continue;
                }

                var kernel = GaborBank.Kernel(periodIndex, GaborBank.OrientationIndex(field.Angle[b]));
                var x0 = bx * BlockGrid.Size;
                for (var yy = 0; yy < BlockGrid.Size; yy++)
                {
                    var y = (by * BlockGrid.Size) + yy;
                    var acc = Vector256<float>.Zero;
                    var origin = image.IndexOf(x0 - R, y - R);
                    for (var ky = 0; ky < Side; ky++)
                    {
                        var row = data.Slice(origin + (ky * stride), Side + 8);
                        for (var kx = 0; kx < Side; kx++)
                        {
                            acc = Vector256.FusedMultiplyAdd(Vector256.Create(kernel[(ky * Side) + kx]), Vector256.Create<float>(row.Slice(kx, 8)), acc);
                        }
                    }

                    acc.CopyTo(output.AsSpan((y * width) + x0, 8));
                }
            }
        }

        return output;
    }
}
