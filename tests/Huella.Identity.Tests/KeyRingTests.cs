using Huella.Identity.Storage;

namespace Huella.Identity.Tests;

/// <summary>A disposed ring leaves no template key behind in memory and refuses to be used.</summary>
public sealed class KeyRingTests
{
    [Fact]
    public void Disposing_a_ring_zeroes_every_key_and_retires_it()
    {
        var ring = KeyRing.Generate().WithNewKey();
        var sealedBytes = ring.Seal("plantilla"u8, "context");
        Assert.True(ring.TryGet("k1", out var older));
        var current = ring.Current;
        Assert.Contains(older, b => b != 0);
        Assert.Contains(current, b => b != 0);

        ring.Dispose();

        Assert.All(older, b => Assert.Equal(0, b));
        Assert.All(current, b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => ring.Open(sealedBytes, "context"));
        Assert.Throws<ObjectDisposedException>(() => ring.Seal("plantilla"u8, "context"));
        Assert.Throws<ObjectDisposedException>(ring.Export);
        ring.Dispose();
    }

    [Fact]
    public async Task A_store_opened_owning_its_ring_zeroes_it_when_disposed()
    {
        var folder = Directory.CreateTempSubdirectory("huella-ring-").FullName;
        try
        {
            var ring = KeyRing.Generate();
            var key = ring.Current;
            var store = SqlPersonStore.OpenOwningKeys(Huella.Storage.StoreLocation.Sqlite(Path.Combine(folder, "r.db")), ring);
            await store.DisposeAsync();
            Assert.All(key, b => Assert.Equal(0, b));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
