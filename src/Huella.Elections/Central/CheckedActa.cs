using Huella.Elections.Actas;

namespace Huella.Elections.Central;

/// <summary>
/// A transmission after the costly part of ingest (decoding and signature checks), which needs no
/// lock and runs on any thread; central then only decides and stores (<see cref="CentralCount.IngestCheckedAsync"/>).
/// </summary>
public sealed record CheckedActa(byte[] Bytes, string Hash, ActaCheck Check);
