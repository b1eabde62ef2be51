namespace Huella.Identity;

public enum Sex
{
    Unknown = 0,
    Female = 1,
    Male = 2,
}

/// <summary>A postal address and the code of its parroquia (state, municipality, parish: <c>EE.MM.PP</c> or six digits).</summary>
public sealed record Address(string Line, string GeographyCode);

/// <summary>Who a person is, as declared at enrollment.</summary>
public sealed record Demographics(string GivenNames, string FamilyNames, DateOnly BirthDate, Sex Sex, Address Address)
{
    /// <summary>The first problem with these values, or null when they are acceptable.</summary>
    public string? Problem(DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(GivenNames) || GivenNames.Length > 200)
        {
            return "given names are required (at most 200 characters)";
        }

        if (string.IsNullOrWhiteSpace(FamilyNames) || FamilyNames.Length > 200)
        {
            return "family names are required (at most 200 characters)";
        }

        if (BirthDate > today || BirthDate < new DateOnly(1890, 1, 1))
        {
            return "birth date must be between 1890-01-01 and today";
        }

        if (!Enum.IsDefined(Sex))
        {
            return "sex must be unknown, female or male";
        }

        if (Address is null || Address.Line is null || Address.Line.Length > 500)
        {
            return "address line is required (at most 500 characters)";
        }

        var code = Address.GeographyCode ?? "";
        var digits = code.Replace(".", "", StringComparison.Ordinal);
        return digits.Length == 6 && digits.All(char.IsAsciiDigit)
            ? null
            : "geography code must be six digits, state-municipality-parish (e.g. 01.01.01)";
    }
}
