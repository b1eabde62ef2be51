using System.Collections.Immutable;
using Huella.Crypto;

namespace Huella.Elections.Central;

/// <summary>
/// Central's transparency log: an RFC 6962 Merkle tree with one leaf (<see cref="ActaLogLeaf"/>) per
/// row of the acta archive, refused transmissions included, in arrival order, and a tree head signed
/// by the log key each time it grows. It follows the archive (<see cref="CatchUpAsync"/> reads the rows
/// stored since it last looked), so it is rebuilt from the archive at start-up and never holds
/// anything the archive does not. Signed heads are kept in the store and served to anyone; a head
/// the rebuilt tree contradicts, or that the key did not sign, stops central from starting.
/// </summary>
/// <remarks>
/// Memory: the tree keeps about two 32-byte hashes per leaf, plus each leaf's bytes (about 60) and
/// hash name, some 250 bytes a leaf in all.
/// </remarks>
public sealed class ActaLog : IDisposable
{
    private readonly ActaArchive _archive;
    private readonly ActaLogHeads _store;
    private readonly SigningKey _key;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private readonly Lock _sync = new();
    private readonly MerkleTree _tree = new();
    private readonly List<byte[]> _leaves = [];
    private readonly Dictionary<string, long> _indexOf = new(StringComparer.Ordinal);
    private ImmutableList<SignedTreeHead> _heads = [];
    private long _lastSequence = -1;

    /// <param name="key">The log key; the log holds it and disposes of it.</param>
    public ActaLog(ActaArchive archive, SigningKey key, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(time);
        _archive = archive;
        _store = new ActaLogHeads(archive.Location);
        _key = key;
        _time = time;
    }

    public VerificationKey PublicKey => _key.PublicKey;

    /// <summary>Every head signed so far, oldest (smallest) first.</summary>
    public IReadOnlyList<SignedTreeHead> Heads => _heads;

    /// <summary>The newest head.</summary>
    public SignedTreeHead Head => _heads[^1];

    /// <summary>
    /// Rebuilds the tree from the archive and checks every head already published against it and
    /// against the key; then signs a head for whatever the archive holds beyond the newest.
    /// </summary>
    /// <exception cref="ActaLogException">A stored head is not signed by this key, or the archive no longer has the tree a head fixed.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var heads = await _store.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        await _catchUp.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await AppendNewAsync(cancellationToken).ConfigureAwait(false);
            foreach (var head in heads)
            {
                if (!head.VerifiedBy(_key.PublicKey))
                {
                    throw new ActaLogException($"the tree head of size {head.Size} in the store is not signed by the log key {_key.PublicKey.Fingerprint}");
                }

                if (head.Size > _tree.Size || !_tree.RootAt(head.Size).AsSpan().SequenceEqual(head.Root.AsSpan()))
                {
                    throw new ActaLogException($"the acta archive no longer holds the tree of the published head of size {head.Size} (it holds {_tree.Size} rows): rows were changed or removed");
                }
            }

            _heads = [.. heads];
            await SignIfGrownAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _catchUp.Release();
        }
    }

    /// <summary>Adds the rows stored since the last call and signs a head when there were any; returns the newest head.</summary>
    public async Task<SignedTreeHead> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await _catchUp.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await AppendNewAsync(cancellationToken).ConfigureAwait(false);
            await SignIfGrownAsync(cancellationToken).ConfigureAwait(false);
            return Head;
        }
        finally
        {
            _catchUp.Release();
        }
    }

    /// <summary>Where the transmission named <paramref name="hash"/> is in the log, or null.</summary>
    public long? IndexOf(string hash)
    {
        lock (_sync)
        {
            return _indexOf.TryGetValue(hash, out var index) ? index : null;
        }
    }

    /// <summary>The audit path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves (sizes of the tree so far).</summary>
    public byte[] InclusionProof(long index, long size)
    {
        lock (_sync)
        {
            return _tree.InclusionProof(index, size);
        }
    }

    public byte[] ConsistencyProof(long first, long second)
    {
        lock (_sync)
        {
            return _tree.ConsistencyProof(first, second);
        }
    }

    public byte[] RootAt(long size)
    {
        lock (_sync)
        {
            return _tree.RootAt(size);
        }
    }

    /// <summary>Leaves in the tree so far (at least the newest head's size).</summary>
    public long Size
    {
        get
        {
            lock (_sync)
            {
                return _tree.Size;
            }
        }
    }

    /// <summary>The bytes of leaves <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> − 1 (fewer at the end).</summary>
    public IReadOnlyList<byte[]> Leaves(long start, int count)
    {
        lock (_sync)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(start);
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            if (start >= _leaves.Count)
            {
                return [];
            }

            return _leaves.GetRange((int)start, (int)Math.Min(_leaves.Count - start, count));
        }
    }

    public void Dispose()
    {
        _key.Dispose();
        _catchUp.Dispose();
    }

    private async Task AppendNewAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var entries = await _archive.ReadEntriesAsync(_lastSequence, 10_000, cancellationToken).ConfigureAwait(false);
            if (entries.Count == 0)
            {
                return;
            }

            var leaves = entries.Select(e => ActaLogLeaf.Of(e).Encode()).ToList();
            lock (_sync)
            {
                for (var i = 0; i < entries.Count; i++)
                {
                    _indexOf.TryAdd(entries[i].Hash, _tree.Size);
                    _leaves.Add(leaves[i]);
                    _tree.Append(leaves[i]);
                }

                _lastSequence = entries[^1].Sequence;
            }
        }
    }

    private async Task SignIfGrownAsync(CancellationToken cancellationToken)
    {
        var size = Size;
        if (_heads.Count > 0 && _heads[^1].Size == size)
        {
            return;
        }

        var head = SignedTreeHead.Sign(size, RootAt(size), _time.GetUtcNow(), _key);
        await _store.AddAsync(head, cancellationToken).ConfigureAwait(false);
        _heads = _heads.Add(head);
    }
}

/// <summary>Central's log contradicts what it published: it must not start or sign anything more.</summary>
public sealed class ActaLogException(string message) : Exception(message);
