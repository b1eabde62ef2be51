using Huella.Biometrics;

namespace Huella.Research.Synthesis.Templates;

/// <summary>
/// What one touch of the sensor and the extractor make of a master: an elliptical contact region,
/// plastic distortion around its centre (Cappelli, Maio, Maltoni 2001: rigid core, smooth
/// transition, shifted and twisted outside), rotation and translation, minutiae lost (more near the
/// contact border) or cut by the image edge, false minutiae, and noise on what survives.
/// </summary>
internal static class TemplateImpression
{
    private const float Degrees = MathF.PI / 180;

    public static SyntheticTemplate Make(TemplateMaster master, SynthesisRandom random, SyntheticTemplateParameters parameters)
    {
        var silhouette = master.Layout.Silhouette;
        var contactX = (float)silhouette.CenterX + random.Normal(parameters.ContactOffsetDeviation, 3 * parameters.ContactOffsetDeviation);
        var contactY = (float)silhouette.CenterY + random.Normal(parameters.ContactOffsetDeviation, 3 * parameters.ContactOffsetDeviation);
        var inverseHalfWidth = 1 / random.UniformSingle(parameters.ContactHalfWidth);
        var inverseHalfHeight = 1 / random.UniformSingle(parameters.ContactHalfHeight);

        var rigid = random.UniformSingle(parameters.DistortionRigidRadius);
        var inverseTransition = 1 / random.UniformSingle(parameters.DistortionTransition);
        var shiftX = random.Normal(parameters.DistortionShiftDeviation, 3 * parameters.DistortionShiftDeviation);
        var shiftY = random.Normal(parameters.DistortionShiftDeviation, 3 * parameters.DistortionShiftDeviation);
        var twist = random.Normal(parameters.DistortionTwistDeviation, 3 * parameters.DistortionTwistDeviation) * Degrees;
        var (twistSin, twistCos) = MathF.SinCos(twist);

        var rotation = random.Normal(parameters.RotationDeviation, parameters.RotationLimit) * Degrees;
        var (sin, cos) = MathF.SinCos(rotation);
        var width = parameters.ImpressionWidth;
        var height = parameters.ImpressionHeight;
        var offsetX = (width / 2f) + random.Normal(parameters.TranslationDeviation, parameters.TranslationLimit);
        var offsetY = (height / 2f) + random.Normal(parameters.TranslationDeviation, parameters.TranslationLimit);
        var margin = (float)parameters.EdgeMargin;
        var difficulty = MathF.Exp(random.StandardNormal() * (float)parameters.DifficultyDeviation);
        var jitter = (float)parameters.PositionJitter * difficulty;
        var directionJitter = (float)parameters.DirectionJitter * Degrees * difficulty;
        var band = (float)parameters.BorderBand;
        var borderLoss = (float)(parameters.BorderMissingRate / (1 - parameters.BorderBand));
        var spurious = random.Poisson(parameters.SpuriousMean * difficulty);
        var output = new Minutia[Math.Min(master.Count + spurious, 255)];
        var count = 0;

        // Master minutiae first, then false ones drawn inside the contact and placed the same way.
        for (var k = 0; k < master.Count + spurious && count < output.Length; k++)
        {
            float x, y, direction, quality;
            bool ending;
            if (k < master.Count)
            {
                (x, y, direction, ending, quality) = (master.X[k], master.Y[k], master.Direction[k], master.Ending[k], master.Quality[k]);
            }
            else
            {
                var radius = MathF.Sqrt(random.NextSingle());
                var (s, c) = MathF.SinCos(2 * MathF.PI * random.NextSingle());
                x = contactX + (radius * c / inverseHalfWidth);
                y = contactY + (radius * s / inverseHalfHeight);
                direction = master.Flow.Orientation(x, y) + (random.StandardNormal() * (float)parameters.SpuriousFlowDeviation * Degrees);
                direction += (random.NextUInt64() & 1) == 0 ? MathF.PI : 0;
                ending = random.Chance(parameters.EndingShare);
                quality = (float)parameters.QualityMean + (random.StandardNormal() * (float)parameters.QualityDeviation);
            }

            var cx = (x - contactX) * inverseHalfWidth;
            var cy = (y - contactY) * inverseHalfHeight;
            var level = MathF.Sqrt((cx * cx) + (cy * cy));
            if (level >= 1)
            {
                continue;
            }

            var loss = ((float)parameters.MissingRate * difficulty) + (level > band ? (level - band) * borderLoss : 0);
            if (k < master.Count && random.NextSingle() < loss)
            {
                continue;
            }

            // Plastic distortion: displacement grows from none inside the rigid radius to full outside.
            var dx = x - contactX;
            var dy = y - contactY;
            var t = Math.Clamp((MathF.Sqrt((dx * dx) + (dy * dy)) - rigid) * inverseTransition, 0, 1);
            var weight = t * t * (3 - (2 * t));
            var moveX = weight * (shiftX + (twistCos * dx) - (twistSin * dy) - dx);
            var moveY = weight * (shiftY + (twistSin * dx) + (twistCos * dy) - dy);
            dx += moveX + (random.StandardNormal() * jitter);
            dy += moveY + (random.StandardNormal() * jitter);

            var ix = offsetX + (cos * dx) - (sin * dy);
            var iy = offsetY + (sin * dx) + (cos * dy);
            if (ix < margin || iy < margin || ix >= width - margin || iy >= height - margin)
            {
                continue;
            }

            direction += rotation + (weight * twist) + (random.StandardNormal() * directionJitter);
            if (random.Chance(parameters.TypeFlipRate))
            {
                ending = !ending;
            }

            quality += random.StandardNormal() * (float)parameters.QualityJitter;
            output[count++] = new Minutia(
                (int)ix,
                (int)iy,
                FingerprintTemplate.UnitsToDirection(FingerprintTemplate.DirectionToUnits(direction)),
                ending ? MinutiaType.Ending : MinutiaType.Bifurcation,
                (byte)Math.Clamp((int)MathF.Round(quality), (int)parameters.QualityRange.Min, (int)parameters.QualityRange.Max));
        }

        var minutiae = output.AsSpan(0, count);

        // Like the extractor: best quality first, at most as many as a template holds.
        minutiae.Sort(static (a, b) => b.Quality.CompareTo(a.Quality));
        var kept = minutiae[..Math.Min(count, FingerprintTemplate.MaxMinutiae)].ToArray();
        var templateQuality = Math.Clamp(
            (int)Math.Round(parameters.TemplateQualityMean + (random.StandardNormal() * parameters.TemplateQualityDeviation)),
            (int)parameters.TemplateQualityRange.Min,
            (int)parameters.TemplateQualityRange.Max);
        return new SyntheticTemplate(width, height, templateQuality, kept);
    }
}
