namespace Huella.Elections.Transmission;

public enum TransmissionStatus
{
    /// <summary>Central stored the acta and counted it.</summary>
    Accepted,

    /// <summary>Central already had this acta (an earlier attempt got through): stored once, nothing more to do.</summary>
    AlreadyReceived,

    /// <summary>Central stored the acta as evidence but counts another acta for the mesa.</summary>
    Conflicting,

    /// <summary>Central refused the acta (forged, altered, unknown machine, wrong mesa, malformed…); sending it again cannot help.</summary>
    Rejected,

    /// <summary>Every attempt failed on the network, a timeout or a server error; the acta may or may not be stored, retrying later is safe.</summary>
    GaveUp,
}

/// <summary>What became of one transmission: the last answer, how many attempts it took, and central's reason.</summary>
public sealed record TransmissionResult(TransmissionStatus Status, int Attempts, int? HttpStatus, string Reason, string? Hash)
{
    /// <summary>Central holds the acta (the station may stop retransmitting it).</summary>
    public bool Acknowledged => Status is TransmissionStatus.Accepted or TransmissionStatus.AlreadyReceived or TransmissionStatus.Conflicting;
}
