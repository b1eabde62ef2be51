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
    [InlineData(3, 2)]
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
