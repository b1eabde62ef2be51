using Huella.Biometrics.Imaging;
using Huella.Biometrics.Matching;

namespace Huella.Biometrics.Extraction;

/// <summary>The extraction pipeline, stage by stage, from any image to minutiae at 500 dpi.</summary>
internal static class FeatureExtractor
{
    public static ExtractionResult Extract(GrayImage image)
    {
        var plane = Resampler.To500Dpi(image);
        if (plane.Pixels.Length == 0)
        {
            return ExtractionResult.Fail(NoFingerprintReason.ImageTooLarge);
        }

        if (plane.Width < 4 * BlockGrid.Size || plane.Height < 4 * BlockGrid.Size)
        {
            return ExtractionResult.Fail(NoFingerprintReason.ImageTooSmall);
        }

        var stats = BlockStatistics.Compute(plane);
        var mask = Segmentation.Compute(stats);
        if (mask.Area < EngineParameters.MinForegroundBlocks)
        {
            return ExtractionResult.Fail(NoFingerprintReason.NoFingerprintArea);
        }

        var grid = stats.Grid;
        var field = OrientationField.Compute(stats, mask);
        var normalized = ContrastNormalizer.Compute(plane, stats, mask, GaborBank.Radius);
        var period = RidgeFrequency.EstimatePeriod(normalized, grid, mask, field);
        var enhanced = GaborEnhancer.Filter(normalized, grid, mask, field, period);
        for (var pass = 0; pass < EngineParameters.OrientationRefinements; pass++)
        {
            var refined = field.Refine(stats.WithGradientsOf(enhanced), mask);
            GaborEnhancer.Refilter(normalized, grid, mask, field, refined, period, enhanced);
            field = refined;
        }

        var binary = Binarizer.Binarize(enhanced, grid, mask);
        Thinner.Thin(binary);
        var graph = SkeletonGraph.Build(binary);
        var clarity = RidgeClarity.Compute(enhanced, grid, mask);
        var minutiae = MinutiaDetector.Detect(graph, mask, field, clarity);
        if (minutiae.Count < EngineParameters.MinMinutiae)
        {
            return ExtractionResult.Fail(NoFingerprintReason.TooFewMinutiae);
        }

        var quality = ImageQuality.Score(mask, field, clarity);
        return new ExtractionResult(plane.Width, plane.Height, [.. minutiae], quality, CoarseOrientation.Compute(field, mask), NoFingerprintReason.None);
    }
}

internal readonly record struct ExtractionResult(int Width, int Height, Minutia[] Minutiae, int Quality, OrientationMap? Orientation, NoFingerprintReason Failure)
{
    public static ExtractionResult Fail(NoFingerprintReason reason) => new(0, 0, [], 0, null, reason);
}
