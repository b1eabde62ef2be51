using System.Security.Cryptography;
using Huella.Crypto;
using Huella.Elections.Central;
using Huella.Storage;

namespace Huella.Server.Central;

/// <summary>Opens central's transparency log with its key file (made on first start), turning what stops it into a startup error.</summary>
internal static class PublicLogKey
{
    public static async Task<ActaLog> OpenLogAsync(string? keyFile, StoreLocation store, ActaArchive archive, TimeProvider time, CancellationToken cancellationToken)
    {
        var path = keyFile ?? (store.Engine == StoreEngine.Sqlite
            ? store.Target + ".log-key"
            : throw new CentralStartupException("Huella:Central:LogKeyFile is needed with a PostgreSQL store (where the log's signing key is kept)."));
        var log = new ActaLog(archive, ReadOrCreate(path), time);
        try
        {
            await log.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return log;
        }
        catch (ActaLogException e)
        {
            log.Dispose();
            throw new CentralStartupException($"the transparency log contradicts what it published: {e.Message}", CentralStartupException.StoreUnavailable, e);
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    private static SigningKey ReadOrCreate(string path)
    {
        byte[] seed;
        try
        {
            if (!File.Exists(path))
            {
                seed = RandomNumberGenerator.GetBytes(32);
                SecretFile.WriteAllBytes(path, seed);
            }
            else
            {
                seed = File.ReadAllBytes(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CentralStartupException($"Huella:Central:LogKeyFile: cannot read or create '{path}': {e.Message}", innerException: e);
        }

        try
        {
            return seed.Length == 32
                ? SigningKey.FromSeed(seed)
                : throw new CentralStartupException($"Huella:Central:LogKeyFile: '{path}' is not a 32-byte Ed25519 seed.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }
}
