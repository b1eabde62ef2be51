namespace Huella.Research.Synthesis.Templates;

/// <summary>
/// Every minutia of one synthetic finger, in master-canvas pixels: a hard-core point process over
/// the pad (no two closer than about a ridge period) with directions along the ridge flow, either
/// way along it. Impressions (<see cref="TemplateImpression"/>) see a perturbed part of it.
/// </summary>
internal sealed class TemplateMaster
{
    private TemplateMaster(MasterLayout layout, RidgeFlow flow, int count)
    {
        Layout = layout;
        Flow = flow;
        X = new float[count];
        Y = new float[count];
        Direction = new float[count];
        Ending = new bool[count];
        Quality = new float[count];
    }

    public MasterLayout Layout { get; }

    public RidgeFlow Flow { get; }

    public int Count { get; private set; }

    public float[] X { get; }

    public float[] Y { get; }

    public float[] Direction { get; }

    public bool[] Ending { get; }

    public float[] Quality { get; }

    public static TemplateMaster Draw(int seed, int fingerIndex, SyntheticTemplateParameters parameters)
    {
        var layout = MasterLayout.Draw(new SynthesisRandom(seed, fingerIndex, SynthesisStream.Layout), parameters.Layout);
        var random = new SynthesisRandom(seed, fingerIndex, SynthesisStream.TemplateMaster);
        var flow = new RidgeFlow(layout, parameters.Layout);
        var silhouette = layout.Silhouette;
        var halfWidth = (float)silhouette.HalfWidth;
        var halfHeight = (float)silhouette.HalfHeight;
        var density = parameters.MasterDensity * Math.Exp(random.StandardNormal() * parameters.MasterDensityDeviation);
        var candidates = (int)Math.Round(density * 4 * halfWidth * halfHeight / 10_000);
        var master = new TemplateMaster(layout, flow, 2 * candidates);
        var spacing2 = (float)(parameters.MinimumSpacing * parameters.MinimumSpacing);
        var flowDeviation = (float)(parameters.FlowDeviation * Math.PI / 180);
        var left = (float)silhouette.CenterX - halfWidth;
        var top = (float)silhouette.CenterY - halfHeight;
        var (senseY, senseX) = MathF.SinCos(2 * MathF.PI * random.NextSingle());
        var count = 0;
        for (var k = 0; k < candidates; k++)
        {
            var x = left + (2 * halfWidth * random.NextSingle());
            var y = top + (2 * halfHeight * random.NextSingle());
            if (!Inside(silhouette, x, y) || TooClose(master, count, x, y, spacing2))
            {
                continue;
            }

            // Only vectors until the stored angle: one arctangent per minutia, no sines or cosines.
            var (axisX, axisY) = flow.Axis(x, y);
            var along = (axisX * senseX) + (axisY * senseY) >= 0;
            if (along != random.Chance(parameters.SenseCoherence))
            {
                (axisX, axisY) = (-axisX, -axisY);
            }

            var direction = MathF.Atan2(axisY, axisX) + (random.StandardNormal() * flowDeviation);

            var ending = random.Chance(parameters.EndingShare);
            master.Add(ref count, x, y, direction, ending, (float)parameters.QualityMean + (random.StandardNormal() * (float)parameters.QualityDeviation));
            if (random.Chance(parameters.CompanionShare))
            {
                // The companion sits further along the ridge the minutia's direction points into (or
                // away from, for an ending) and faces back: a short ridge or a small enclosure.
                var distance = random.UniformSingle(parameters.CompanionDistance);
                var step = ending ? -distance : distance;
                var cx = x + (step * axisX);
                var cy = y + (step * axisY);
                if (Inside(silhouette, cx, cy) && !TooClose(master, count, cx, cy, spacing2))
                {
                    master.Add(ref count, cx, cy, direction + MathF.PI + (random.StandardNormal() * flowDeviation), ending, (float)parameters.QualityMean + (random.StandardNormal() * (float)parameters.QualityDeviation));
                }
            }
        }

        master.Count = count;
        return master;
    }

    private void Add(ref int count, float x, float y, float direction, bool ending, float quality)
    {
        X[count] = x;
        Y[count] = y;
        Direction[count] = direction;
        Ending[count] = ending;
        Quality[count] = quality;
        count++;
    }

    /// <summary>Inside the pad outline; the ellipse test settles most points without a power.</summary>
    private static bool Inside(Silhouette silhouette, float x, float y)
    {
        var u = (x - silhouette.CenterX) / silhouette.HalfWidth;
        var v = (y - silhouette.CenterY) / silhouette.HalfHeight;
        var ellipse = (u * u) + (v * v);
        return ellipse < 1 || (v > 0 && silhouette.Level(x, y) < 1);
    }

    private static bool TooClose(TemplateMaster master, int count, float x, float y, float spacing2)
    {
        var xs = master.X.AsSpan(0, count);
        var ys = master.Y.AsSpan(0, count);
        for (var i = 0; i < xs.Length; i++)
        {
            float dx = xs[i] - x, dy = ys[i] - y;
            if ((dx * dx) + (dy * dy) < spacing2)
            {
                return true;
            }
        }

        return false;
    }
}
