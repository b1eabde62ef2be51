using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Totalization;

namespace Huella.Server.Central;

/// <summary>
/// Central's answer to a stored acta: counted now, or received before (stored once, acknowledged
/// again); <c>Hash</c> names the bytes sent, <c>ActaHash</c> the signed body, the acta's identity.
/// </summary>
internal sealed record ActaReceipt(IngestStatus Outcome, string? Mesa, string Hash, ActaVerdict Verdict, string Message, int Contest = 0, string? ActaHash = null);

/// <summary>
/// One version of a mesa's acta as received: the exact bytes (base64) anyone can verify offline, the
/// hash of its signed body, its size and who sent it. A refused transmission past its sender's cap
/// is a summary: <c>BodyKept</c> false, no bytes.
/// </summary>
internal sealed record ActaVersion(string Hash, IngestStatus Status, ActaVerdict Verdict, string Reason, DateTimeOffset ReceivedAt, byte[] Acta, string? ActaHash, int Size, bool BodyKept, string? Sender);

internal sealed record MesaActas(string Mesa, string? CountedHash, IReadOnlyList<ActaVersion> Versions);

internal sealed record AnomalyEntry(AnomalyKind Kind, string Mesa, string Detail);

/// <summary>How far the count is, and everything an observer must look at.</summary>
internal sealed record AnomalyReport(int ExpectedMesas, int CountedMesas, IReadOnlyList<AnomalyEntry> Anomalies, int Contest = 0);
