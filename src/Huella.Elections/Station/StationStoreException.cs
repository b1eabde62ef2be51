namespace Huella.Elections.Station;

/// <summary>
/// The station's durable store cannot be used as it is: it belongs to another election or mesa, its
/// log chain is broken, or its ballot file is not one. The station refuses to run on it rather than
/// start a day over a store it cannot trust.
/// </summary>
internal sealed class StationStoreException : IOException
{
    public StationStoreException()
    {
    }

    public StationStoreException(string message)
        : base(message)
    {
    }

    public StationStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
