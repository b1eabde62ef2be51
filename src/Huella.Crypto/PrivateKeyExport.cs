using NSec.Cryptography;

namespace Huella.Crypto;

/// <summary>Copies a private key out of its handle for the rare files that must hold it, wiping the temporary copy.</summary>
internal static class PrivateKeyExport
{
    public static void CopyTo(Key key, Span<byte> destination)
    {
        var blob = key.Export(KeyBlobFormat.RawPrivateKey);
        try
        {
            blob.CopyTo(destination);
        }
        finally
        {
            Array.Clear(blob);
        }
    }
}
