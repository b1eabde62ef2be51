using Huella.Storage;

namespace Huella.Storage.Tests;

public sealed class StoreLocationTests
{
    [Theory]
    [InlineData("registry.db", StoreEngine.Sqlite, "registry.db")]
    [InlineData("sqlite:/tmp/a.db", StoreEngine.Sqlite, "/tmp/a.db")]
    [InlineData("postgres:Host=127.0.0.1;Database=h", StoreEngine.Postgres, "Host=127.0.0.1;Database=h")]
    public void Parses_the_written_forms(string text, StoreEngine engine, string target)
    {
        Assert.True(StoreLocation.TryParse(text, out var location));
        Assert.Equal(new StoreLocation(engine, target), location);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sqlite:")]
    [InlineData("postgres:")]
    public void Rejects_empty_locations(string? text) => Assert.False(StoreLocation.TryParse(text, out _));

    [Fact]
    public void Printing_a_postgres_location_hides_the_password()
    {
        var location = StoreLocation.Postgres("Host=127.0.0.1;Port=5433;Database=h;Username=u;Password=s3cret-value");
        var printed = location.ToString();
        Assert.DoesNotContain("s3cret-value", printed, StringComparison.Ordinal);
        Assert.Contains("Port=5433", printed, StringComparison.Ordinal);
    }
}
