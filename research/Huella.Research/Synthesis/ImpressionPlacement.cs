namespace Huella.Research.Synthesis;

/// <summary>
/// Which part of the pad touches the sensor and how the finger lies on it; drawn first from an
/// impression's random stream, so ground truth can be computed without rendering.
/// </summary>
internal sealed record ImpressionPlacement(double ContactHalfWidth, double ContactHalfHeight, SmoothNoise ContactBorder, ImpressionGeometry Geometry)
{
    public static ImpressionPlacement Draw(MasterLayout layout, SynthesisParameters parameters, SynthesisRandom random)
    {
        var silhouette = layout.Silhouette;
        var contactX = silhouette.CenterX + random.TruncatedNormal(parameters.ContactOffsetDeviation, 0.4 * silhouette.HalfWidth);
        var contactY = silhouette.CenterY + random.TruncatedNormal(parameters.ContactOffsetDeviation, 0.4 * silhouette.HalfHeight);
        var halfWidth = silhouette.HalfWidth * random.Uniform(parameters.ContactSize);
        var halfHeight = silhouette.HalfHeight * random.Uniform(parameters.ContactSize);
        var border = new SmoothNoise(random, parameters.MasterWidth, parameters.MasterHeight, parameters.ContactBorderCell);
        var geometry = new ImpressionGeometry(parameters, contactX, contactY, random);
        return new ImpressionPlacement(halfWidth, halfHeight, border, geometry);
    }
}
