using Huella.Elections.Actas;

namespace Huella.Elections.Central;

/// <summary>
/// A transmission after the costly part of ingest (decoding and signature checks), which needs no
/// lock and runs on any thread; central then only decides and stores (<see cref="CentralCount.IngestCheckedAsync"/>).
/// </summary>
/// <param name="Bytes">The transmission as received.</param>
/// <param name="Hash">SHA-256 of <paramref name="Bytes"/>: how a stored transmission is named.</param>
/// <param name="Check">What the verifier found.</param>
/// <param name="ActaHash">SHA-256 of the signed body when the bytes decode: the acta's identity, whatever signatures travel with it.</param>
/// <param name="Sender">The API key (its configured name) that transmitted it; null when handed over in-process.</param>
public sealed record CheckedActa(byte[] Bytes, string Hash, ActaCheck Check, string? ActaHash = null, string? Sender = null);
