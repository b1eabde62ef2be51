using System.Buffers.Binary;
using System.Text;
using Huella.Elections.Geography;

namespace Huella.Elections.Central;

/// <summary>
/// What central's transparency log records of one stored transmission, as the bytes of its leaf
/// (hashed as an RFC 6962 leaf): format 1 (one byte); SHA-256 of the bytes received (32 bytes);
/// status (one byte: 1 accepted, 2 conflicting, 3 refused); contest (4 bytes, big-endian); time of
/// arrival in Unix milliseconds (8 bytes, big-endian); the mesa code as ASCII after its length in
/// one byte (length 0 when the bytes named no mesa that could be read). Anyone rebuilds it from a
/// line of <c>actas.csv</c>.
/// </summary>
public readonly record struct ActaLogLeaf(string Hash, MesaId? Mesa, int Contest, IngestStatus Status, DateTimeOffset ReceivedAt)
{
    public const byte Format = 1;

    public static ActaLogLeaf Of(ArchiveEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Hash, entry.Mesa, entry.Contest, entry.Status, entry.ReceivedAt);
    }

    public byte[] Encode()
    {
        var hash = Convert.FromHexString(Hash);
        if (hash.Length != 32)
        {
            throw new ArgumentException("A transmission's hash is 32 bytes.", nameof(Hash));
        }

        var mesa = Mesa is { } m ? Encoding.ASCII.GetBytes(m.ToString()) : [];
        var leaf = new byte[1 + 32 + 1 + 4 + 8 + 1 + mesa.Length];
        leaf[0] = Format;
        hash.CopyTo(leaf, 1);
        leaf[33] = StatusCode(Status);
        BinaryPrimitives.WriteInt32BigEndian(leaf.AsSpan(34), Contest);
        BinaryPrimitives.WriteInt64BigEndian(leaf.AsSpan(38), ReceivedAt.ToUnixTimeMilliseconds());
        leaf[46] = checked((byte)mesa.Length);
        mesa.CopyTo(leaf, 47);
        return leaf;
    }

    /// <summary>Reads a leaf back; false for anything <see cref="Encode"/> does not write.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> leaf, out ActaLogLeaf decoded)
    {
        decoded = default;
        if (leaf.Length < 47 || leaf[0] != Format || leaf.Length != 47 + leaf[46])
        {
            return false;
        }

        IngestStatus? status = leaf[33] switch { 1 => IngestStatus.Accepted, 2 => IngestStatus.Conflicting, 3 => IngestStatus.Rejected, _ => null };
        MesaId mesa = default;
        if (status is null || (leaf[46] > 0 && !MesaId.TryParse(Encoding.ASCII.GetString(leaf[47..]), out mesa)))
        {
            return false;
        }

        decoded = new ActaLogLeaf(
            Convert.ToHexStringLower(leaf[1..33]),
            leaf[46] > 0 ? mesa : null,
            BinaryPrimitives.ReadInt32BigEndian(leaf[34..]),
            status.Value,
            DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(leaf[38..])));
        return decoded.Encode().AsSpan().SequenceEqual(leaf);
    }

    private static byte StatusCode(IngestStatus status) => status switch
    {
        IngestStatus.Accepted => 1,
        IngestStatus.Conflicting => 2,
        IngestStatus.Rejected => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Only stored transmissions are logged."),
    };
}
