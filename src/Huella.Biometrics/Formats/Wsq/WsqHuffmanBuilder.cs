namespace Huella.Biometrics.Formats.Wsq;

/// <summary>
/// Builds a length-limited canonical Huffman code from symbol counts, the JPEG way: optimal code
/// lengths by repeatedly merging the two rarest nodes, lengths over 16 bits folded back, and one
/// extra pseudo-symbol so that no real code is all one bits (pad bits must never decode).
/// </summary>
internal static class WsqHuffmanBuilder
{
    private const int Symbols = 256;
    private const int Reserved = Symbols;
    private const int MaxUnlimitedLength = 32;

    public static WsqHuffmanTable Build(ReadOnlySpan<long> counts)
    {
        var frequency = new long[Symbols + 1];
        counts.CopyTo(frequency);
        if (!frequency.AsSpan(0, Symbols).ContainsAnyExcept(0))
        {
            // An empty block still needs a usable table: give the one-zero run a code.
            frequency[1] = 1;
        }

        frequency[Reserved] = 1;
        var length = new int[Symbols + 1];
        var next = new int[Symbols + 1];
        Array.Fill(next, -1);
        while (true)
        {
            var (rarest, secondRarest) = TwoRarest(frequency);
            if (secondRarest < 0)
            {
                break;
            }

            frequency[rarest] += frequency[secondRarest];
            frequency[secondRarest] = 0;
            Lengthen(rarest, length, next);
            var tail = rarest;
            while (next[tail] >= 0)
            {
                tail = next[tail];
            }

            next[tail] = secondRarest;
            Lengthen(secondRarest, length, next);
        }

        var perLength = new int[MaxUnlimitedLength + 1];
        foreach (var l in length)
        {
            if (l > MaxUnlimitedLength)
            {
                throw new InvalidOperationException("Huffman code longer than 32 bits.");
            }

            perLength[l]++;
        }

        perLength[0] = 0;
        LimitLengths(perLength);

        var values = new List<byte>();
        for (var l = 1; l <= MaxUnlimitedLength; l++)
        {
            for (var symbol = 0; symbol < Symbols; symbol++)
            {
                if (length[symbol] == l)
                {
                    values.Add((byte)symbol);
                }
            }
        }

        var bits = new byte[WsqHuffmanTable.MaxLength];
        for (var l = 1; l <= WsqHuffmanTable.MaxLength; l++)
        {
            bits[l - 1] = (byte)perLength[l];
        }

        return WsqHuffmanTable.TryCreate(bits, values.ToArray())
            ?? throw new InvalidOperationException("Built an overfull Huffman code.");
    }

    /// <summary>Every node of the merged group gets one bit longer.</summary>
    private static void Lengthen(int node, int[] length, int[] next)
    {
        for (; node >= 0; node = next[node])
        {
            length[node]++;
        }
    }

    /// <summary>The two smallest non-zero frequencies; ties go to the higher symbol, so the reserved one merges first.</summary>
    private static (int Rarest, int Second) TwoRarest(long[] frequency)
    {
        int first = -1, second = -1;
        for (var s = 0; s < frequency.Length; s++)
        {
            var f = frequency[s];
            if (f == 0)
            {
                continue;
            }

            if (first < 0 || f <= frequency[first])
            {
                second = first;
                first = s;
            }
            else if (second < 0 || f <= frequency[second])
            {
                second = s;
            }
        }

        return (first, second);
    }

    /// <summary>
    /// Moves codes longer than 16 bits up: two codes of the longest length become one shorter code
    /// plus a lengthened shorter one, keeping the code complete. Then drops the reserved code,
    /// which is one of the longest.
    /// </summary>
    private static void LimitLengths(int[] perLength)
    {
        for (var l = MaxUnlimitedLength; l > WsqHuffmanTable.MaxLength; l--)
        {
            while (perLength[l] > 0)
            {
                var j = l - 2;
                while (perLength[j] == 0)
                {
                    j--;
                }

                perLength[l] -= 2;
                perLength[l - 1]++;
                perLength[j + 1] += 2;
                perLength[j]--;
            }
        }

        var longest = WsqHuffmanTable.MaxLength;
        while (perLength[longest] == 0)
        {
            longest--;
        }

        perLength[longest]--;
    }
}
