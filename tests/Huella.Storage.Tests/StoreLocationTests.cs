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
    public void A_sqlite_location_in_a_folder_that_does_not_exist_names_that_folder()
    {
        using var folder = new Huella.Testing.TempFolder("huella-store-location-");
        var missing = Path.Combine(folder.Path, "typo", "deeper");
        Assert.True(StoreLocation.TryParse("sqlite:" + Path.Combine(missing, "x.db"), out var location));
        Assert.Equal(missing, location.MissingFolder);
        Assert.False(Directory.Exists(missing));

        Assert.True(StoreLocation.TryParse(Path.Combine(folder.Path, "x.db"), out var present));
        Assert.Null(present.MissingFolder);
        Assert.Null(StoreLocation.Postgres("Host=127.0.0.1;Database=h").MissingFolder);
    }

    [Fact]
    public void Printing_a_postgres_location_hides_the_password()
    {
        var location = StoreLocation.Postgres("Host=127.0.0.1;Port=5433;Database=h;Username=u;Password=s3cret-value");
        var printed = location.ToString();
        Assert.DoesNotContain("s3cret-value", printed, StringComparison.Ordinal);
        Assert.Contains("Port=5433", printed, StringComparison.Ordinal);
    }
}
