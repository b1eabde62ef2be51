using System.Buffers.Binary;
using Huella.Biometrics;

namespace Huella.Identity.Gallery;

/// <summary>
/// Reads just the minutiae of a serialised template (version 1 of the engine's documented format)
/// without preparing it for matching, so a compact index can load and update millions of fingers
/// cheaply. Any other version goes through <see cref="FingerprintTemplate.Parse"/>.
/// </summary>
internal static class TemplateMinutiae
{
    private const int HeaderSize = 10;
    private const int MinutiaSize = 8;

    public static IReadOnlyList<Minutia> Read(ReadOnlySpan<byte> template)
    {
        if (template.Length < HeaderSize || template[0] != 'H' || template[1] != 'F' || template[2] != 'T' || template[3] != 1
            || template.Length != HeaderSize + (template[9] * MinutiaSize))
        {
            return FingerprintTemplate.Parse(template).Minutiae;
        }

        var minutiae = new Minutia[template[9]];
        for (var i = 0; i < minutiae.Length; i++)
        {
            var at = template[(HeaderSize + (i * MinutiaSize))..];
            var type = (MinutiaType)at[6];
            if (type is not (MinutiaType.Ending or MinutiaType.Bifurcation))
            {
                return FingerprintTemplate.Parse(template).Minutiae;
            }

            minutiae[i] = new Minutia(
                BinaryPrimitives.ReadUInt16LittleEndian(at),
                BinaryPrimitives.ReadUInt16LittleEndian(at[2..]),
                BinaryPrimitives.ReadUInt16LittleEndian(at[4..]) * 2 * MathF.PI / 65536,
                type,
                at[7]);
        }

        return minutiae;
    }
}
