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
        var output = new float[grid.PaddedWidth * grid.PaddedHeight];
        FilterBlocks(image, grid, mask, field, null, period, output);
        return output;
    }

    /// <summary>
    /// Filters again, in place, only the blocks whose kernel differs between <paramref name="previous"/>
    /// and <paramref name="field"/>: the others would come out bit for bit the same.
    /// </summary>
    public static void Refilter(PaddedImage image, BlockGrid grid, BlockMask mask, OrientationField previous, OrientationField field, float period, float[] output) =>
        FilterBlocks(image, grid, mask, field, previous, period, output);

    private static void FilterBlocks(PaddedImage image, BlockGrid grid, BlockMask mask, OrientationField field, OrientationField? previous, float period, float[] output)
    {
        const int R = GaborBank.Radius;
        const int Side = GaborBank.Side;
        var width = grid.PaddedWidth;
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

                var orientation = GaborBank.OrientationIndex(field.Angle[b]);
                if (previous is not null && orientation == GaborBank.OrientationIndex(previous.Angle[b]))
                {
                    continue;
                }

                var kernel = GaborBank.Kernel(periodIndex, orientation);
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
    }
}
