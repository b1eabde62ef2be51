namespace Huella.Fuzz;

/// <summary>
/// Seeded byte-level mutations of a valid input: what a corrupt file, a truncated upload or a
/// hand-edited length field look like. Several stacked per input, so both shallow damage (one bit)
/// and structural damage (a length set to 2^31 - 1, a block duplicated) reach the parsers.
/// </summary>
internal sealed class Mutator(Random random)
{
    private static readonly long[] Interesting = [0, 1, -1, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 8000, 65_535, 100_000];

    public byte[] Mutate(byte[] seed, IReadOnlyList<byte[]> others)
    {
        var data = new List<byte>(seed);
        var count = 1 + random.Next(random.Next(2) == 0 ? 2 : 8);
        for (var i = 0; i < count; i++)
        {
            Apply(data, others);
        }

        return [.. data];
    }

    private void Apply(List<byte> data, IReadOnlyList<byte[]> others)
    {
        if (data.Count == 0)
        {
            data.Add((byte)random.Next(256));
            return;
        }

        var at = Position(data.Count);
        switch (random.Next(9))
        {
            case 0:
                data[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                data[at] = (byte)random.Next(256);
                break;
            case 2:
                WriteInteresting(data, at);
                break;
            case 3:
                data.InsertRange(at, Enumerable.Range(0, 1 + random.Next(16)).Select(_ => (byte)random.Next(256)));
                break;
            case 4:
                data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(64)));
                break;
            case 5:
                var length = Math.Min(data.Count - at, 1 + random.Next(64));
                data.InsertRange(Position(data.Count), data.GetRange(at, length));
                break;
            case 6:
                data.RemoveRange(at, data.Count - at);
                break;
            case 7 when others.Count > 0:
                var other = others[random.Next(others.Count)];
                if (other.Length > 0)
                {
                    var from = random.Next(other.Length);
                    data.InsertRange(at, other.AsSpan(from, Math.Min(other.Length - from, 1 + random.Next(64))).ToArray());
                }

                break;
            default:
                // ASCII digits: text formats keep their numbers in decimal.
                data[at] = (byte)('0' + random.Next(10));
                break;
        }
    }

    /// <summary>Text and binary formats keep their headers near the start: damage lands there more often.</summary>
    private int Position(int length) => random.Next(4) == 0 ? random.Next(Math.Min(length, 64)) : random.Next(length);

    private void WriteInteresting(List<byte> data, int at)
    {
        var value = Interesting[random.Next(Interesting.Length)];
        var width = random.Next(3) switch { 0 => 1, 1 => 2, _ => 4 };
        var bigEndian = random.Next(2) == 0;
        for (var i = 0; i < width && at + i < data.Count; i++)
        {
            var shift = 8 * (bigEndian ? width - 1 - i : i);
            data[at + i] = (byte)(value >> shift);
        }
    }
}
