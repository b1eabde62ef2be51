using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;

namespace Huella.Crypto;

/// <summary>
/// A log's tree head (how many leaves, their root, when) with the log key's Ed25519 signature over
/// <see cref="SignedBytes"/>. Whoever keeps one can later demand a consistency proof from it to any
/// newer head: the log cannot then change or drop a leaf it had without being caught.
/// </summary>
public sealed record SignedTreeHead(long Size, ImmutableArray<byte> Root, DateTimeOffset Timestamp, ImmutableArray<byte> Signature)
{
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("huella-tree-head-v1\0");

    /// <summary>The head of <paramref name="size"/> leaves with <paramref name="root"/>, signed now by <paramref name="key"/>.</summary>
    public static SignedTreeHead Sign(long size, ReadOnlySpan<byte> root, DateTimeOffset timestamp, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        timestamp = DateTimeOffset.FromUnixTimeMilliseconds(timestamp.ToUnixTimeMilliseconds());
        var message = SignedBytes(size, root, timestamp);
        return new SignedTreeHead(size, [.. root], timestamp, [.. key.Sign(message)]);
    }

    /// <summary>
    /// What is signed: "huella-tree-head-v1" and a zero byte, the size (8 bytes, big-endian), the
    /// timestamp in Unix milliseconds (8 bytes, big-endian), the root (32 bytes).
    /// </summary>
    public static byte[] SignedBytes(long size, ReadOnlySpan<byte> root, DateTimeOffset timestamp)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (root.Length != MerkleTree.HashSize)
        {
            throw new ArgumentException("A root is 32 bytes.", nameof(root));
        }

        var message = new byte[Domain.Length + 16 + MerkleTree.HashSize];
        Domain.CopyTo(message, 0);
        BinaryPrimitives.WriteInt64BigEndian(message.AsSpan(Domain.Length), size);
        BinaryPrimitives.WriteInt64BigEndian(message.AsSpan(Domain.Length + 8), timestamp.ToUnixTimeMilliseconds());
        root.CopyTo(message.AsSpan(Domain.Length + 16));
        return message;
    }

    public bool Equals(SignedTreeHead? other) =>
        other is not null && Size == other.Size && Timestamp == other.Timestamp
        && Root.AsSpan().SequenceEqual(other.Root.AsSpan()) && Signature.AsSpan().SequenceEqual(other.Signature.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Size, Timestamp);

    /// <summary>True only when <paramref name="key"/> signed exactly this size, root and timestamp.</summary>
    public bool VerifiedBy(VerificationKey key) =>
        Size >= 0 && !Root.IsDefault && Root.Length == MerkleTree.HashSize && !Signature.IsDefault
        && key.Verify(SignedBytes(Size, Root.AsSpan(), Timestamp), Signature.AsSpan());
}
