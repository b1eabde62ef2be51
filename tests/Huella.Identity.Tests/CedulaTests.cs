using Huella.Identity;

namespace Huella.Identity.Tests;

public sealed class CedulaTests
{
    [Theory]
    [InlineData("V-12345678", "V-12345678")]
    [InlineData("v12345678", "V-12345678")]
    [InlineData("V-12.345.678", "V-12345678")]
    [InlineData(" E-81234567 ", "E-81234567")]
    [InlineData("V-1", "V-1")]
    public void Reads_the_written_forms(string text, string canonical)
    {
        Assert.True(Cedula.TryParse(text, out var cedula));
        Assert.Equal(canonical, cedula.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345678")]
    [InlineData("X-12345678")]
    [InlineData("V-")]
    [InlineData("V-0")]
    [InlineData("V-123456789")]
    [InlineData("V-12..345")]
    [InlineData("V-12.345.")]
    [InlineData("V-12a45")]
    public void Rejects_what_is_not_a_cedula(string? text) => Assert.False(Cedula.TryParse(text, out _));

    [Fact]
    public void Person_ids_accept_only_safe_characters()
    {
        Assert.True(PersonId.TryParse("ref-2025_0001", out _));
        Assert.False(PersonId.TryParse("a b", out _));
        Assert.False(PersonId.TryParse("../x", out _));
        Assert.False(PersonId.TryParse(new string('a', 65), out _));
    }
}
