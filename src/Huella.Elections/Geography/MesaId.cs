using System.Globalization;

namespace Huella.Elections.Geography;

/// <summary>A mesa (voting table): its centre and its number inside the centre, written <c>040202001.01</c>.</summary>
public readonly record struct MesaId(CentreCode Centre, int Number)
{
    public static bool TryParse(ReadOnlySpan<char> text, out MesaId mesa)
    {
        mesa = default;
        var dot = text.IndexOf('.');
        if (dot <= 0 || !CentreCode.TryParse(text[..dot], out var centre))
        {
            return false;
        }

        var number = text[(dot + 1)..];
        if (number.IsEmpty || number.Length > 3 || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            return false;
        }

        mesa = new MesaId(centre, n);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Centre}.{Number:D2}");
}
