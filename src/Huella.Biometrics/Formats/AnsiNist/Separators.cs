namespace Huella.Biometrics.Formats.AnsiNist;

/// <summary>The four information separators of the traditional encoding.</summary>
internal static class Separators
{
    /// <summary>FS, ends a record.</summary>
    public const byte File = 0x1C;

    /// <summary>GS, ends a field.</summary>
    public const byte Group = 0x1D;

    /// <summary>RS, separates repeated subfields.</summary>
    public const byte Record = 0x1E;

    /// <summary>US, separates information items within a subfield.</summary>
    public const byte Unit = 0x1F;
}
