using System.Security.Cryptography;

namespace Huella.Crypto;

/// <summary>
/// An append-only log in which every entry's hash covers the previous entry's hash: changing,
/// removing or reordering any entry changes every hash after it, so publishing the head hash
/// (on an acta, in an audit report) fixes the whole history.
/// </summary>
public static class HashChain
{
    public const int HashSize = 32;

    /// <summary>The hash before the first entry.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[HashSize];

    /// <summary>SHA-256(0x02 ‖ previous ‖ entry): the domain byte keeps chain hashes apart from Merkle hashes.</summary>
    public static byte[] Link(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> entry)
    {
        if (previous.Length != HashSize)
        {
            throw new ArgumentException("The previous hash must be 32 bytes.", nameof(previous));
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x02]);
        sha.AppendData(previous);
        sha.AppendData(entry);
        return sha.GetHashAndReset();
    }

    /// <summary>The head hash of <paramref name="entries"/> from genesis.</summary>
    public static byte[] Head(IEnumerable<byte[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var head = Genesis.ToArray();
        foreach (var entry in entries)
        {
            head = Link(head, entry);
        }

        return head;
    }

    /// <summary>Recomputes the chain: the index of the first entry whose stored hash is wrong, or -1 when all agree.</summary>
    public static int FirstBrokenLink(IReadOnlyList<(byte[] Entry, byte[] Hash)> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var previous = Genesis.ToArray();
        for (var i = 0; i < chain.Count; i++)
        {
            var expected = Link(previous, chain[i].Entry);
            if (!CryptographicOperations.FixedTimeEquals(expected, chain[i].Hash))
            {
                return i;
            }

            previous = expected;
        }

        return -1;
    }
}
