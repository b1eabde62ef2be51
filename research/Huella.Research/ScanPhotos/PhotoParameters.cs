namespace Huella.Research.ScanPhotos;

/// <summary>How one photo is taken: its scale (pixels a QR module), angle, slant, focus, noise, light, compression and framing.</summary>
internal sealed record PhotoParameters(
    double ModulePixels,
    double RotationDegrees,
    double Perspective,
    double BlurModules,
    double NoiseDeviation,
    double Lighting,
    int? JpegQuality,
    bool Cropped,
    bool WornPrint)
{
    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"module {ModulePixels:F1} px, turn {RotationDegrees:F0}°, slant {Perspective:F2}, blur {BlurModules:F2} module, noise {NoiseDeviation:F0}, light {Lighting:F2}, {(JpegQuality is { } q ? $"JPEG q{q}" : "PNG")}{(Cropped ? ", cropped" : "")}{(WornPrint ? ", worn print" : "")}");

    public static PhotoParameters For(ScanDistortion distortion, Random random)
    {
        double Between(double low, double high) => low + (random.NextDouble() * (high - low));
        var tilt = Between(-3, 3);
        return distortion switch
        {
            ScanDistortion.Clean => new(Between(3, 5), tilt, 0, 0, 2, 0, null, false, false),
            ScanDistortion.Rotated => new(Between(3, 5), Between(0, 360), 0, 0, 2, 0, 92, false, false),
            ScanDistortion.Perspective => new(Between(3, 5), tilt, Between(0.08, 0.2), 0, 2, 0, 92, false, false),
            ScanDistortion.Blur => new(Between(3.5, 5), tilt, 0, Between(0.3, 0.55), 2, 0, 92, false, false),
            ScanDistortion.Noise => new(Between(3, 5), tilt, 0, 0, Between(18, 35), Between(0.3, 0.6), 92, false, true),
            ScanDistortion.Jpeg => new(Between(2.5, 3.5), tilt, 0, 0, 3, 0, random.Next(30, 51), false, false),
            ScanDistortion.LowResolution => new(Between(1.7, 2.4), tilt, 0, 0.15, 2, 0, 92, false, false),
            _ => new(Between(2.5, 4.5), Between(-30, 30), Between(0.03, 0.12), Between(0.2, 0.45), Between(5, 14), Between(0.1, 0.45), random.Next(30, 81), random.Next(2) == 0, random.Next(2) == 0),
        };
    }
}
