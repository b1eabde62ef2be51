namespace Huella.Biometrics;

/// <summary>
/// One minutia in template coordinates: pixels at 500 dpi from the top-left corner of the image.
/// <see cref="Direction"/> is in radians, counter-clockwise from the x axis in image coordinates
/// (y grows downwards), in [0, 2π): for an ending it points away from the ridge; for a
/// bifurcation it points along the branch that leaves the other two.
/// </summary>
public readonly record struct Minutia(int X, int Y, float Direction, MinutiaType Type, byte Quality);
