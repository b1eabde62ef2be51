namespace Huella.Elections;

/// <summary>Election input (a results table, an acta payload, a definition) that is not valid.</summary>
public sealed class ElectionDataException : FormatException
{
    public ElectionDataException()
    {
    }

    public ElectionDataException(string message)
        : base(message)
    {
    }

    public ElectionDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>1-based line of the input where the problem is, when the input has lines.</summary>
    public int? Line { get; init; }
}
