namespace Huella.Biometrics.Formats.Wsq;

/// <summary>
/// Turns a block of quantized coefficients into Huffman symbols (zero runs, small values, escapes)
/// and writes them: once to count symbol frequencies, once to emit bits.
/// </summary>
internal static class WsqBlockEncoder
{
    /// <summary>Largest coefficient with its own symbol (180 + value); smallest is 1 - this.</summary>
    private const int MaxDirect = 74;
    private const int MaxDirectRun = 100;
    private const int MaxRun = 0xFFFF;

    public static void Count(ReadOnlySpan<int> block, long[] counts)
    {
        var sink = new CountingSink(counts);
        Tokenize(block, ref sink);
    }

    public static void Write(ReadOnlySpan<int> block, WsqHuffmanTable table, WsqByteWriter output)
    {
        var sink = new BitSink(table, output);
        Tokenize(block, ref sink);
        sink.Flush();
    }

    private interface ISink
    {
        void Symbol(int symbol);

        void Raw(int value, int bits);
    }

    private static void Tokenize<TSink>(ReadOnlySpan<int> block, ref TSink sink)
        where TSink : struct, ISink
    {
        var run = 0;
        foreach (var value in block)
        {
            if (value == 0)
            {
                if (run == MaxRun)
                {
                    EmitRun(run, ref sink);
                    run = 0;
                }

                run++;
                continue;
            }

            if (run > 0)
            {
                EmitRun(run, ref sink);
                run = 0;
            }

            EmitValue(value, ref sink);
        }

        if (run > 0)
        {
            EmitRun(run, ref sink);
        }
    }

    private static void EmitRun<TSink>(int run, ref TSink sink)
        where TSink : struct, ISink
    {
        if (run <= MaxDirectRun)
        {
            sink.Symbol(run);
        }
        else if (run <= 0xFF)
        {
            sink.Symbol(105);
            sink.Raw(run, 8);
        }
        else
        {
            sink.Symbol(106);
            sink.Raw(run, 16);
        }
    }

    private static void EmitValue<TSink>(int value, ref TSink sink)
        where TSink : struct, ISink
    {
        if (value > MaxDirect)
        {
            sink.Symbol(value > 0xFF ? 103 : 101);
            sink.Raw(value, value > 0xFF ? 16 : 8);
        }
        else if (value < 1 - MaxDirect)
        {
            sink.Symbol(value < -0xFF ? 104 : 102);
            sink.Raw(-value, value < -0xFF ? 16 : 8);
        }
        else
        {
            sink.Symbol(value + 180);
        }
    }

    private readonly struct CountingSink(long[] counts) : ISink
    {
        public void Symbol(int symbol) => counts[symbol]++;

        public void Raw(int value, int bits)
        {
        }
    }

    /// <summary>Packs bits most significant first, stuffing a zero byte after every 0xFF.</summary>
    private struct BitSink(WsqHuffmanTable table, WsqByteWriter output) : ISink
    {
        private ulong _bits;
        private int _count;

        public void Symbol(int symbol) => Raw(table.Codes[symbol], table.Sizes[symbol]);

        public void Raw(int value, int bits)
        {
            _bits = (_bits << bits) | (uint)value;
            _count += bits;
            while (_count >= 8)
            {
                _count -= 8;
                Put((byte)(_bits >> _count));
            }
        }

        /// <summary>Completes the last byte with one bits, which no code consists of.</summary>
        public void Flush()
        {
            if (_count > 0)
            {
                var pad = 8 - _count;
                Raw((1 << pad) - 1, pad);
            }
        }

        private readonly void Put(byte b)
        {
            output.WriteByte(b);
            if (b == 0xFF)
            {
                output.WriteByte(0);
            }
        }
    }
}
