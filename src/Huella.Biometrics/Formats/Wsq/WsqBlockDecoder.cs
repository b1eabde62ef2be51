namespace Huella.Biometrics.Formats.Wsq;

/// <summary>
/// Decodes the Huffman-coded data after an SOB header into quantized coefficients. Symbols 1-100
/// are runs of zeros, 101-106 escape to raw 8 or 16-bit values or runs, and 107-254 stand for the
/// coefficients -73 to 74. The data ends at the next marker; 0xFF data bytes are followed by a
/// stuffed 0x00.
/// </summary>
internal ref struct WsqBlockDecoder
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private ulong _bits;
    private int _bitCount;
    private bool _stopped;

    private WsqBlockDecoder(ReadOnlySpan<byte> data, int position)
    {
        _data = data;
        _position = position;
    }

    /// <summary>
    /// Decodes from <paramref name="start"/> until a marker, appending to <paramref name="coefficients"/>
    /// from <paramref name="filled"/>. Returns the offset of the marker that ends the data.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> data, int start, WsqHuffmanTable table, Span<int> coefficients, ref int filled)
    {
        var decoder = new WsqBlockDecoder(data, start);
        while (true)
        {
            if (filled == coefficients.Length)
            {
                // Everything is decoded; whatever precedes the next marker is padding.
                return decoder.SkipToMarker();
            }

            decoder.Fill();
            var length = table.Decode(decoder.Peek16(), out var symbol);
            if (length == 0 || length > decoder._bitCount)
            {
                if (decoder._stopped && decoder._bitCount < 16)
                {
                    // The pad bits before the marker: the block is over, unless the marker is a
                    // restart, after which the same block continues byte-aligned.
                    var marker = decoder.MarkerAtStop();
                    if (WsqMarker.IsRestart(marker))
                    {
                        decoder.Restart();
                        continue;
                    }

                    return decoder._position;
                }

                throw WsqError.At(decoder.BytePosition, "invalid Huffman code");
            }

            decoder._bitCount -= length;
            switch (symbol)
            {
                case >= 1 and <= 100:
                    decoder.SkipZeros(symbol, coefficients.Length, ref filled);
                    break;
                case 101:
                    decoder.Put(decoder.ReadBits(8), coefficients, ref filled);
                    break;
                case 102:
                    decoder.Put(-decoder.ReadBits(8), coefficients, ref filled);
                    break;
                case 103:
                    decoder.Put(decoder.ReadBits(16), coefficients, ref filled);
                    break;
                case 104:
                    decoder.Put(-decoder.ReadBits(16), coefficients, ref filled);
                    break;
                case 105:
                    decoder.SkipZeros(decoder.ReadBits(8), coefficients.Length, ref filled);
                    break;
                case 106:
                    decoder.SkipZeros(decoder.ReadBits(16), coefficients.Length, ref filled);
                    break;
                case > 106 and < 255:
                    decoder.Put(symbol - 180, coefficients, ref filled);
                    break;
                default:
                    throw WsqError.At(decoder.BytePosition, $"undefined Huffman symbol {symbol}");
            }
        }
    }

    /// <summary>Roughly where decoding is, for error messages: the next unread byte.</summary>
    private readonly int BytePosition => _position - (_bitCount / 8);

    private readonly void Put(int value, Span<int> coefficients, ref int filled)
    {
        if (filled >= coefficients.Length)
        {
            throw WsqError.At(BytePosition, "more coefficients than the subbands hold");
        }

        coefficients[filled++] = value;
    }

    private readonly void SkipZeros(int run, int capacity, ref int filled)
    {
        if (run > capacity - filled)
        {
            throw WsqError.At(BytePosition, "a run of zeros overflows the subbands");
        }

        // The coefficient array starts zeroed, so a run only moves the write position.
        filled += run;
    }

    /// <summary>Loads whole bytes until 57 or more bits are buffered or a marker or the end stops it.</summary>
    private void Fill()
    {
        while (_bitCount <= 56 && !_stopped)
        {
            if (_position >= _data.Length)
            {
                _stopped = true;
                break;
            }

            var b = _data[_position];
            if (b == 0xFF)
            {
                if (_position + 1 >= _data.Length)
                {
                    _stopped = true;
                    break;
                }

                if (_data[_position + 1] != 0)
                {
                    _stopped = true;
                    break;
                }

                _position += 2;
            }
            else
            {
                _position++;
            }

            _bits = (_bits << 8) | b;
            _bitCount += 8;
        }
    }

    /// <summary>The next 16 bits, padded with ones past the end of the data.</summary>
    private readonly int Peek16()
    {
        if (_bitCount >= 16)
        {
            return (int)(_bits >> (_bitCount - 16)) & 0xFFFF;
        }

        var pad = 16 - _bitCount;
        return (int)(((_bits << pad) | ((1UL << pad) - 1)) & 0xFFFF);
    }

    private int ReadBits(int count)
    {
        Fill();
        if (_bitCount < count)
        {
            throw WsqError.At(BytePosition, "coded data ends inside a value");
        }

        _bitCount -= count;
        return (int)(_bits >> _bitCount) & ((1 << count) - 1);
    }

    private readonly ushort MarkerAtStop()
    {
        if (_position + 1 >= _data.Length)
        {
            throw WsqError.At(_position, "coded data runs to the end of the input without an end-of-image marker");
        }

        return (ushort)((_data[_position] << 8) | _data[_position + 1]);
    }

    private void Restart()
    {
        _position += 2;
        _bits = 0;
        _bitCount = 0;
        _stopped = false;
    }

    private readonly int SkipToMarker()
    {
        for (var p = _position; p + 1 < _data.Length; p++)
        {
            if (_data[p] == 0xFF && _data[p + 1] != 0)
            {
                return p;
            }
        }

        throw WsqError.At(_data.Length, "coded data runs to the end of the input without an end-of-image marker");
    }
}
