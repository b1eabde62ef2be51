using System.Collections.Immutable;
using System.Text;
using Huella.Elections.Geography;

namespace Huella.Elections.Actas;

/// <summary>
/// The acta's compact, canonical binary form: what is signed and what the QR carries. Unsigned
/// LEB128 varints keep small counts to one byte, so a 38-card acta with three signatures fits a
/// QR code a phone reads from paper. One encoding per acta: the signature covers exactly these bytes.
/// </summary>
/// <remarks>
/// Body: "HA" 0x02 · kind · election id (varint length + UTF-8) · centre code · mesa number · contest index ·
/// marks per ballot · closed-at ·
/// registered · authenticated · ballots cast · card count + cards · null · blank · incident count +
/// incidents · 32-byte log head. Signed acta: body length · body · signature count · per signature
/// (role byte, 8-byte key id, 64-byte Ed25519 signature over the body), sorted by key id with no key twice.
/// </remarks>
public static class ActaCodec
{
    private const byte Version = 2;
    /// <summary>Highest contest index an acta carries (so at most 256 contests an election).</summary>
    internal const int MaxContests = 255;

    /// <summary>Most cards an acta counts, and most marks a ballot may carry.</summary>
    internal const int MaxCards = 1024;

    internal const int MaxElectionIdBytes = 64;

    public static byte[] EncodeBody(Acta acta)
    {
        ArgumentNullException.ThrowIfNull(acta);
        var writer = new VarintWriter();
        writer.Bytes("HA"u8);
        writer.Byte(Version);
        writer.Byte((byte)acta.Kind);
        var id = Encoding.UTF8.GetBytes(acta.ElectionId);
        if (id.Length > MaxElectionIdBytes)
        {
            throw new ArgumentException("The election id is too long for an acta.", nameof(acta));
        }

        writer.Varint((ulong)id.Length);
        writer.Bytes(id);
        writer.Varint((ulong)acta.Mesa.Centre.Value);
        writer.Varint((ulong)acta.Mesa.Number);
        // Whatever the decoder would refuse is refused here, so no acta is ever signed that cannot be read back.
        if ((uint)acta.Contest > MaxContests || acta.MarksPerBallot < 1 || acta.MarksPerBallot > MaxCards || acta.CardVotes.Length > MaxCards)
        {
            throw new ArgumentException("The acta's contest index, marks per ballot or number of cards cannot be encoded.", nameof(acta));
        }

        writer.Varint((ulong)acta.Contest);
        writer.Varint((ulong)acta.MarksPerBallot);
        writer.Varint((ulong)acta.ClosedAt);
        writer.Varint((ulong)acta.RegisteredElectors);
        writer.Varint((ulong)acta.ElectorsAuthenticated);
        writer.Varint((ulong)acta.BallotsCast);
        writer.Counts(acta.CardVotes);
        writer.Varint((ulong)acta.NullVotes);
        writer.Varint((ulong)acta.BlankVotes);
        writer.Counts(acta.Incidents);
        writer.Bytes(acta.LogHead.AsSpan());
        return writer.ToArray();
    }

    public static bool TryDecodeBody(ReadOnlySpan<byte> data, out Acta? acta, out string? error)
    {
        acta = null;
        var reader = new VarintReader(data);
        if (!reader.Expect("HA"u8) || !reader.TryByte(out var version))
        {
            error = "not a Huella acta";
            return false;
        }

        if (version != Version)
        {
            error = $"acta format version {version} is not supported";
            return false;
        }

        if (!reader.TryByte(out var kind) || kind > (byte)ActaKind.Opening)
        {
            error = "unknown acta kind";
            return false;
        }

        if (!reader.TryLength(MaxElectionIdBytes, out var idLength) || !reader.TryBytes(idLength, out var id)
            || !reader.TryInt(out var centre) || !reader.TryInt(out var mesaNumber)
            || !reader.TryLength(MaxContests, out var contest) || !reader.TryLength(MaxCards, out var marks) || !reader.TryLong(out var closedAt)
            || !reader.TryInt(out var registered) || !reader.TryInt(out var authenticated) || !reader.TryInt(out var cast)
            || !reader.TryCounts(MaxCards, out var cards) || !reader.TryInt(out var nulls) || !reader.TryInt(out var blank)
            || !reader.TryCounts(64, out var incidents) || !reader.TryBytes(32, out var head))
        {
            error = $"acta is truncated or malformed at byte {reader.Position}";
            return false;
        }

        if (!reader.AtEnd)
        {
            error = "unexpected bytes after the acta";
            return false;
        }

        if (!CentreCode.TryParse(centre.ToString("D9", System.Globalization.CultureInfo.InvariantCulture), out var centreCode) || mesaNumber < 1)
        {
            error = "the acta names no valid mesa";
            return false;
        }

        string electionId;
        try
        {
            electionId = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(id);
        }
        catch (DecoderFallbackException)
        {
            error = "the election id is not valid UTF-8";
            return false;
        }

        acta = new Acta
        {
            Kind = (ActaKind)kind,
            ElectionId = electionId,
            Mesa = new MesaId(centreCode, mesaNumber),
            Contest = contest,
            MarksPerBallot = marks,
            ClosedAt = closedAt,
            RegisteredElectors = registered,
            ElectorsAuthenticated = authenticated,
            BallotsCast = cast,
            CardVotes = cards,
            NullVotes = nulls,
            BlankVotes = blank,
            Incidents = incidents,
            LogHead = [.. head],
        };
        error = null;
        return true;
    }

    internal sealed class VarintWriter
    {
        private readonly List<byte> _bytes = new(512);

        public void Byte(byte value) => _bytes.Add(value);

        public void Bytes(ReadOnlySpan<byte> value) => _bytes.AddRange(value);

        public void Varint(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.Add((byte)((value & 0x7F) | 0x80));
                value >>= 7;
            }

            _bytes.Add((byte)value);
        }

        public void Counts(ImmutableArray<int> counts)
        {
            Varint((ulong)counts.Length);
            foreach (var c in counts)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(c);
                Varint((ulong)c);
            }
        }

        public byte[] ToArray() => [.. _bytes];
    }

    internal ref struct VarintReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public int Position { get; private set; }

        public readonly bool AtEnd => Position == _data.Length;

        public bool Expect(ReadOnlySpan<byte> magic)
        {
            if (!_data[Position..].StartsWith(magic))
            {
                return false;
            }

            Position += magic.Length;
            return true;
        }

        public bool TryByte(out byte value)
        {
            value = 0;
            if (Position >= _data.Length)
            {
                return false;
            }

            value = _data[Position++];
            return true;
        }

        public bool TryBytes(int count, out ReadOnlySpan<byte> value)
        {
            value = default;
            if (count < 0 || count > _data.Length - Position)
            {
                return false;
            }

            value = _data.Slice(Position, count);
            Position += count;
            return true;
        }

        public bool TryVarint(out ulong value)
        {
            value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (!TryByte(out var b))
                {
                    return false;
                }

                if (shift == 63 && b > 1)
                {
                    return false; // more than 64 bits
                }

                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    // Canonical form only: a trailing zero group would let one acta have two encodings.
                    return shift == 0 || b != 0;
                }
            }

            return false;
        }

        public bool TryInt(out int value)
        {
            value = 0;
            if (!TryVarint(out var v) || v > int.MaxValue)
            {
                return false;
            }

            value = (int)v;
            return true;
        }

        public bool TryLong(out long value)
        {
            value = 0;
            if (!TryVarint(out var v) || v > long.MaxValue)
            {
                return false;
            }

            value = (long)v;
            return true;
        }

        public bool TryLength(int max, out int length) => TryInt(out length) && length <= max;

        public bool TryCounts(int max, out ImmutableArray<int> counts)
        {
            counts = default;
            if (!TryLength(max, out var n))
            {
                return false;
            }

            var builder = ImmutableArray.CreateBuilder<int>(n);
            for (var i = 0; i < n; i++)
            {
                if (!TryInt(out var c))
                {
                    return false;
                }

                builder.Add(c);
            }

            counts = builder.MoveToImmutable();
            return true;
        }
    }
}
