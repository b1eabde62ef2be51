using Huella.Elections.Geography;

namespace Huella.Elections.Tests;

public sealed class GeographyTests
{
    [Theory]
    [InlineData("040202001", 4, 2, 2)]
    [InlineData("10113042", 1, 1, 13)]
    public void Centre_codes_split_into_state_municipality_parish(string text, int state, int municipality, int parish)
    {
        var code = CentreCode.Parse(text);
        Assert.Equal((state, municipality, parish), (code.State, code.Municipality, code.Parish));
        Assert.Equal(9, code.ToString().Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567890")]
    [InlineData("04020200A")]
    public void Bad_centre_codes_do_not_parse(string text) => Assert.False(CentreCode.TryParse(text, out _));

    [Fact]
    public void Mesa_ids_print_and_parse_back()
    {
        Assert.True(MesaId.TryParse("040202001.01", out var mesa));
        Assert.Equal(1, mesa.Number);
        Assert.Equal("040202001.01", mesa.ToString());
        Assert.False(MesaId.TryParse("040202001.00", out _));
        Assert.False(MesaId.TryParse("040202001", out _));
    }
}
