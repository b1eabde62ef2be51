using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Huella.Identity;

/// <summary>Nationality letter of a cédula: V for Venezuelans, E for foreign residents.</summary>
public enum CedulaNationality
{
    V,
    E,
}

/// <summary>
/// A Venezuelan national identity number, written <c>V-12345678</c> (or <c>E-…</c> for residents).
/// Numbers run from 1 to 99,999,999; dots and a missing dash are accepted on input
/// (<c>V12.345.678</c>) and always printed in the canonical form.
/// </summary>
public readonly record struct Cedula
{
    public const int MaxNumber = 99_999_999;

    private Cedula(CedulaNationality nationality, int number)
    {
        Nationality = nationality;
        Number = number;
    }

    public CedulaNationality Nationality { get; }

    public int Number { get; }

    public static Cedula Create(CedulaNationality nationality, int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, MaxNumber);
        return new Cedula(nationality, number);
    }

    public static Cedula Parse(string text) =>
        TryParse(text, out var cedula) ? cedula : throw new FormatException($"'{text}' is not a cédula (expected V-12345678 or E-12345678).");

    public static bool TryParse([NotNullWhen(true)] string? text, out Cedula cedula)
    {
        cedula = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        CedulaNationality nationality;
        switch (char.ToUpperInvariant(span[0]))
        {
            case 'V':
                nationality = CedulaNationality.V;
                break;
            case 'E':
                nationality = CedulaNationality.E;
                break;
            default:
                return false;
        }

        span = span[1..];
        if (span.Length > 0 && span[0] == '-')
        {
            span = span[1..];
        }

        long number = 0;
        var digits = 0;
        var lastWasDot = true;
        foreach (var c in span)
        {
            if (c == '.')
            {
                // Thousands separators only between digits.
                if (lastWasDot)
                {
                    return false;
                }

                lastWasDot = true;
                continue;
            }

            if (c is < '0' or > '9' || ++digits > 8)
            {
                return false;
            }

            number = (number * 10) + (c - '0');
            lastWasDot = false;
        }

        if (digits == 0 || lastWasDot || number is < 1 or > MaxNumber)
        {
            return false;
        }

        cedula = new Cedula(nationality, (int)number);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Nationality}-{Number}");
}
