using Huella.Biometrics.Matching;

namespace Huella.Biometrics.Tests.Engine;

public sealed class TemplateFormatTests
{
    private static FingerprintTemplate Sample => EngineData.Db1Fingers101To103["101_1"];

    [Fact]
    public void Round_trip_keeps_minutiae_bytes_and_scores()
    {
        var bytes = Sample.ToBytes();
        var parsed = FingerprintTemplate.Parse(bytes);
        Assert.Equal(bytes, parsed.ToBytes());
        Assert.Equal(Sample.Minutiae, parsed.Minutiae);
        Assert.Equal(Sample.Quality, parsed.Quality);
        var other = EngineData.Db1Fingers101To103["101_2"];
        Assert.Equal(new FingerprintMatcher(Sample).Match(other), new FingerprintMatcher(parsed).Match(other));
    }

    [Fact]
    public void Ridge_flow_is_kept_in_version_2_and_a_template_of_minutiae_alone_stays_in_version_1()
    {
        var bytes = Sample.ToBytes();
        Assert.Equal(2, bytes[3]);
        Assert.Equal(Sample.Orientation!.Cells.ToArray(), FingerprintTemplate.Parse(bytes).Orientation!.Cells.ToArray());

        var bare = Sample.WithoutRidgeFlow().ToBytes();
        Assert.Equal(1, bare[3]);
        Assert.Equal(10 + (8 * Sample.Minutiae.Count), bare.Length);
        Assert.False(FingerprintTemplate.Parse(bare).HasRidgeFlow);
    }

    [Fact]
    public void Stray_bits_in_the_orientation_map_are_rejected()
    {
        // A 100×100 print has 7×7 = 49 cells: 7 bytes of cell bits, the last one used by one bit only.
        var minutiae = new[] { new Minutia(10, 20, 1f, MinutiaType.Ending, 60), new Minutia(70, 40, 2f, MinutiaType.Bifurcation, 80) };
        var cells = Enumerable.Range(0, 49).Select(i => i % 5 == 0 ? OrientationMap.None : (byte)((i % EngineParameters.OrientationLevels) + 1)).ToArray();
        var bytes = new FingerprintTemplate(100, 100, minutiae, 50, new OrientationMap(7, 7, cells)).ToBytes();
        Assert.Equal(cells, FingerprintTemplate.Parse(bytes).Orientation!.Cells.ToArray());
        var start = 10 + (8 * minutiae.Length);

        // A cell bit past the last cell; one cell fewer than the directions stored; a stray last nibble.
        var past = (byte[])bytes.Clone();
        past[start + 6] |= 0x80;
        var extra = (byte[])bytes.Clone();
        extra[start] &= 0xFD;
        var withDirection = cells.Count(c => c != OrientationMap.None);
        Assert.Equal(1, withDirection % 2);
        var nibble = (byte[])bytes.Clone();
        nibble[^1] |= 0x10;
        Assert.Throws<FingerprintFormatException>(() => FingerprintTemplate.Parse(past));
        Assert.Throws<FingerprintFormatException>(() => FingerprintTemplate.Parse(extra));
        Assert.Throws<FingerprintFormatException>(() => FingerprintTemplate.Parse(nibble));

        // A map for a print larger than extraction takes (and its megabytes of cells) is refused.
        var huge = (byte[])bytes.Clone();
        huge[5] = 0xFF;
        Assert.Throws<FingerprintFormatException>(() => FingerprintTemplate.Parse(huge));
    }

    [Fact]
    public void A_typical_template_is_well_under_a_kilobyte()
    {
        Assert.All(EngineData.Db1Fingers101To103.Values, t => Assert.True(t.ToBytes().Length <= 1024));
    }

    [Fact]
    public void Truncated_bytes_are_rejected()
    {
        var bytes = Sample.ToBytes();
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<FingerprintFormatException>(() => FingerprintTemplate.Parse(bytes.AsSpan(0, length)));
        }
    }

    [Theory]
    [InlineData(0, (byte)'X')]
    [InlineData(3, 3)]
    [InlineData(8, 101)]
    [InlineData(9, 81)]
    [InlineData(4, 0)]
    public void Corrupt_header_fields_are_rejected(int offset, byte value)
    {
        var bytes = Sample.ToBytes();
        bytes[offset] = value;
        if (offset == 4)
        {
            bytes[5] = 0;
        }

        var error = Assert.Throws<FingerprintFormatException>(() => FingerprintTemplate.Parse(bytes));
        Assert.NotNull(error.Offset);
    }

    [Fact]
    public void Corrupt_minutiae_are_rejected()
    {
        var bytes = Sample.ToBytes();
        var outside = (byte[])bytes.Clone();
        outside[10] = 0xFF;
        outside[11] = 0xFF;
        Assert.Throws<FingerprintFormatException>(() => FingerprintTemplate.Parse(outside));

        var badType = (byte[])bytes.Clone();
        badType[16] = 7;
        Assert.Throws<FingerprintFormatException>(() => FingerprintTemplate.Parse(badType));

        var trailing = bytes.Append((byte)0).ToArray();
        Assert.Throws<FingerprintFormatException>(() => FingerprintTemplate.Parse(trailing));
    }

    [Fact]
    public void Random_mutations_give_a_template_or_a_format_error_and_nothing_else()
    {
        var bytes = Sample.ToBytes();
        var random = new Random(7);
        for (var round = 0; round < 2000; round++)
        {
            var mutated = (byte[])bytes.Clone();
            for (var k = 0; k < 3; k++)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            try
            {
                FingerprintTemplate.Parse(mutated);
            }
            catch (FingerprintFormatException)
            {
            }
        }
    }
}
