using System.Globalization;

namespace Huella.Elections.Geography;

/// <summary>
/// A voting centre's 9-digit code: state (2) municipality (2) parish (2) centre (3). Published
/// tables often drop the leading zero; parsing accepts that.
/// </summary>
public readonly record struct CentreCode
{
    private CentreCode(int value) => Value = value;

    /// <summary>The code as a number, 0 … 999,999,999.</summary>
    public int Value { get; }

    public int State => Value / 10_000_000;

    /// <summary>Municipality number within its state.</summary>
    public int Municipality => Value / 100_000 % 100;

    /// <summary>Parish number within its municipality.</summary>
    public int Parish => Value / 1_000 % 100;

    /// <summary>Code prefix that identifies the unit at <paramref name="level"/> nationally.</summary>
    public int PrefixAt(GeoLevel level) => level switch
    {
        GeoLevel.Nation => 0,
        GeoLevel.State => Value / 10_000_000,
        GeoLevel.Municipality => Value / 100_000,
        GeoLevel.Parish => Value / 1_000,
        _ => Value,
    };

    public static bool TryParse(ReadOnlySpan<char> text, out CentreCode code)
    {
        code = default;
        if (text.IsEmpty || text.Length > 9)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        var value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        if (value < 1_000_000)
        {
            return false; // no state 00: a code this short lost more than a leading zero
        }

        code = new CentreCode(value);
        return true;
    }

    public static CentreCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not a 9-digit centre code.");

    public override string ToString() => Value.ToString("D9", CultureInfo.InvariantCulture);
}
