namespace Huella.Biometrics.Formats.AnsiNist;

/// <summary>One logical record of a transaction: tagged (Types 1, 2, 9–99) or binary (Types 3–8).</summary>
public abstract class AnsiNistRecord : IEquatable<AnsiNistRecord>
{
    private protected AnsiNistRecord(int type)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(type);
        Type = type;
    }

    public int Type { get; }

    /// <summary>Types 3–8 use fixed binary headers; everything else is tagged ASCII fields.</summary>
    public static bool IsBinaryType(int type) => type is >= 3 and <= 8;

    public abstract bool Equals(AnsiNistRecord? other);

    public override bool Equals(object? obj) => Equals(obj as AnsiNistRecord);

    public override int GetHashCode() => Type;

    internal abstract int MeasureLength();

    internal abstract void WriteTo(Span<byte> destination);
}
