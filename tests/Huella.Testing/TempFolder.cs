using Huella.Storage;
using Microsoft.Data.Sqlite;

namespace Huella.Testing;

/// <summary>A fresh folder for one test, removed afterwards (SQLite's pooled connections closed first).</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "huella-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    /// <summary>A SQLite store in this folder.</summary>
    public StoreLocation Sqlite(string file = "store.db") => StoreLocation.Sqlite(System.IO.Path.Combine(Path, file));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
