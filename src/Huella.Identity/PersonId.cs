using System.Diagnostics.CodeAnalysis;

namespace Huella.Identity;

/// <summary>
/// The registry's own reference for a person (also the ABIS reference id): 1–64 characters of
/// letters, digits, '-' and '_'. Never a cédula: a person's cédula may be corrected, their
/// reference never changes.
/// </summary>
public readonly record struct PersonId
{
    public const int MaxLength = 64;

    private readonly string? _value;

    private PersonId(string value) => _value = value;

    public string Value => _value ?? "";

    public static PersonId New() => new(Guid.CreateVersion7().ToString("N"));

    public static PersonId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a valid reference id.");

    public static bool TryParse([NotNullWhen(true)] string? text, out PersonId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        id = new PersonId(text);
        return true;
    }

    public override string ToString() => Value;
}
