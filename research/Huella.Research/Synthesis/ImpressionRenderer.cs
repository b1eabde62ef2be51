using Huella.Biometrics.Imaging;

namespace Huella.Research.Synthesis;

/// <summary>
/// One impression of a master print as an optical scanner would capture it: only the region in
/// contact prints, ridges thin and break where the skin is dry or the pressure low and thicken and
/// merge where it is wet, pores show as light dots, and the optics add a stained background,
/// blur and noise. Dark ridges on a light background, 8 bits, 500 dpi.
/// </summary>
internal static class ImpressionRenderer
{
    /// <summary>Width of the ink transition across the ridge map's [-1, 1] range.</summary>
    private const float Softness = 0.35f;

    public static GrayImage Render(MasterLayout layout, MasterPrint master, SynthesisParameters parameters, SynthesisRandom random)
    {
        var silhouette = layout.Silhouette;
        var placement = ImpressionPlacement.Draw(layout, parameters, random);
        var geometry = placement.Geometry;
        var contactX = geometry.ContactX;
        var contactY = geometry.ContactY;
        var contactHalfWidth = placement.ContactHalfWidth;
        var contactHalfHeight = placement.ContactHalfHeight;
        var contactBorder = placement.ContactBorder;

        var moisture = random.TruncatedNormal(parameters.MoistureDeviation, 1);
        var dryness = (float)Math.Max(0, -moisture);
        var threshold = (float)(-moisture * parameters.MoistureThresholdShift);
        var width = parameters.ImpressionWidth;
        var height = parameters.ImpressionHeight;
        var ridgeNoise = new SmoothNoise(random, width, height, parameters.RidgeNoiseCell);
        var ridgeNoiseAmplitude = (float)(parameters.RidgeNoiseAmplitude * (1 + dryness));
        var dryNoise = new SmoothNoise(random, width, height, parameters.DryBreakCell);
        var dryBreaks = (float)(dryness * parameters.DryBreaks);
        var poreVisibility = (float)random.Uniform(parameters.PoreVisibility);
        var background = (float)random.Uniform(parameters.BackgroundLevel);
        var ridgeLevel = (float)random.Uniform(parameters.RidgeLevel);
        var texture = new SmoothNoise(random, width, height, parameters.BackgroundTextureCell);
        var textureAmplitude = (float)parameters.BackgroundTextureAmplitude;
        var borderLoss = (float)parameters.BorderPressureLoss;
        var pressureBand = parameters.ContactPressureBand;
        var grain = (float)random.Uniform(parameters.InkGrain);
        var blur = random.Uniform(parameters.Blur);
        var sensorNoise = (float)random.Uniform(parameters.SensorNoise);

        var masterWidth = parameters.MasterWidth;
        var masterHeight = parameters.MasterHeight;
        var image = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var paper = background + (textureAmplitude * texture.Sample(x, y));
                var (mx, my) = geometry.ToMaster(x, y);
                var ink = 0f;
                if (mx >= 0 && my >= 0 && mx < masterWidth - 1 && my < masterHeight - 1)
                {
                    var cx = (mx - contactX) / contactHalfWidth;
                    var cy = (my - contactY) / contactHalfHeight;
                    var level = Math.Max(
                        Math.Sqrt((cx * cx) + (cy * cy)) + (parameters.ContactBorderRoughness * contactBorder.Sample(mx, my)),
                        silhouette.Level(mx, my));
                    var pressure = (float)Math.Clamp((1 - level) / pressureBand, 0, 1);
                    if (pressure > 0)
                    {
                        var ridge = Bilinear(master.Ridges, masterWidth, mx, my);
                        var edge = ridge - threshold - (borderLoss * (1 - pressure)) + (ridgeNoiseAmplitude * ridgeNoise.Sample(x, y));
                        ink = SmoothStep((edge / Softness) + 0.5f);
                        if (dryBreaks > 0)
                        {
                            ink *= 1 - Math.Clamp((dryNoise.Sample(x, y) - 1 + dryBreaks) * 3, 0, 1);
                        }

                        ink *= 1 - (poreVisibility * Bilinear(master.Pores, masterWidth, mx, my));
                        ink *= Math.Min(1, pressure * 3) * (1 - (grain * UniformFloat(random)));
                    }
                }

                image[(y * width) + x] = paper - (ink * (paper - ridgeLevel));
            }
        }

        image = GaussianBlur(image, width, height, blur);
        var pixels = new byte[width * height];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)Math.Clamp(MathF.Round(image[i] + (sensorNoise * ApproximateNormal(random))), 0, 255);
        }

        return new GrayImage(width, height, pixels);
    }

    private static float Bilinear(float[] map, int width, float x, float y)
    {
        var ix = (int)x;
        var iy = (int)y;
        var fx = x - ix;
        var fy = y - iy;
        var i = (iy * width) + ix;
        var top = map[i] + ((map[i + 1] - map[i]) * fx);
        var bottom = map[i + width] + ((map[i + width + 1] - map[i + width]) * fx);
        return top + ((bottom - top) * fy);
    }

    private static float SmoothStep(float t)
    {
        t = Math.Clamp(t, 0, 1);
        return t * t * (3 - (2 * t));
    }

    private static float UniformFloat(SynthesisRandom random) => (random.NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Sum of four 16-bit uniforms, scaled to unit variance: close enough to Gaussian for sensor noise, and cheap.</summary>
    private static float ApproximateNormal(SynthesisRandom random)
    {
        var bits = random.NextUInt64();
        var sum = (float)((bits & 0xFFFF) + ((bits >> 16) & 0xFFFF) + ((bits >> 32) & 0xFFFF) + (bits >> 48));
        return ((sum / 65536f) - 2f) * 1.7320508f;
    }

    private static float[] GaussianBlur(float[] image, int width, int height, double sigma)
    {
        var radius = Math.Max(1, (int)Math.Ceiling(2.5 * sigma));
        var kernel = new float[(2 * radius) + 1];
        var total = 0.0;
        for (var i = -radius; i <= radius; i++)
        {
            total += Math.Exp(-(i * i) / (2 * sigma * sigma));
        }

        for (var i = -radius; i <= radius; i++)
        {
            kernel[i + radius] = (float)(Math.Exp(-(i * i) / (2 * sigma * sigma)) / total);
        }

        var across = new float[image.Length];
        for (var y = 0; y < height; y++)
        {
            var row = y * width;
            for (var x = 0; x < width; x++)
            {
                var sum = 0f;
                for (var k = -radius; k <= radius; k++)
                {
                    sum += kernel[k + radius] * image[row + Math.Clamp(x + k, 0, width - 1)];
                }

                across[row + x] = sum;
            }
        }

        var result = new float[image.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var sum = 0f;
                for (var k = -radius; k <= radius; k++)
                {
                    sum += kernel[k + radius] * across[(Math.Clamp(y + k, 0, height - 1) * width) + x];
                }

                result[(y * width) + x] = sum;
            }
        }

        return result;
    }
}
