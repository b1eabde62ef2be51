using System.Text;
using Huella.Crypto;

namespace Huella.Elections.Station;

/// <summary>
/// The station's hash-chained event log: opening, each authentication outcome, closing. It names
/// electors (that is its job) but never a ballot, a token or a choice; its head hash goes on the acta.
/// An entry is first prepared (<see cref="Next"/>), stored with the change it records, and only then
/// accepted, so the log in memory never runs ahead of the log on disk.
/// </summary>
public sealed class StationLog
{
    private readonly List<(byte[] Entry, byte[] Hash)> _entries = [];
    private byte[] _head = HashChain.Genesis.ToArray();

    public IReadOnlyList<(byte[] Entry, byte[] Hash)> Entries => _entries;

    public ReadOnlySpan<byte> Head => _head;

    public IEnumerable<string> Lines => _entries.Select(e => Encoding.UTF8.GetString(e.Entry));

    public void Append(string line)
    {
        var (entry, hash) = Next(line);
        Accept(entry, hash);
    }

    internal (byte[] Entry, byte[] Hash) Next(string line)
    {
        var entry = Encoding.UTF8.GetBytes(line);
        return (entry, HashChain.Link(_head, entry));
    }

    internal void Accept(byte[] entry, byte[] hash)
    {
        _entries.Add((entry, hash));
        _head = hash;
    }

    /// <summary>Loads a stored log, refusing one whose chain does not recompute.</summary>
    internal void Restore(IReadOnlyList<(byte[] Entry, byte[] Hash)> entries)
    {
        var broken = HashChain.FirstBrokenLink(entries);
        if (broken >= 0)
        {
            throw new StationStoreException($"The stored station log is broken at entry {broken + 1}: it was altered.");
        }

        foreach (var (entry, hash) in entries)
        {
            Accept(entry, hash);
        }
    }
}
