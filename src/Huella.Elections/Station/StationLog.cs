using System.Text;
using Huella.Crypto;

namespace Huella.Elections.Station;

/// <summary>
/// The station's hash-chained event log: opening, each authentication outcome, closing. It names
/// electors (that is its job) but never a ballot, a token or a choice; its head hash goes on the acta.
/// </summary>
public sealed class StationLog
{
    private readonly List<(byte[] Entry, byte[] Hash)> _entries = [];
    private byte[] _head = HashChain.Genesis.ToArray();

    public IReadOnlyList<(byte[] Entry, byte[] Hash)> Entries => _entries;

    public ReadOnlySpan<byte> Head => _head;

    public void Append(string line)
    {
        var entry = Encoding.UTF8.GetBytes(line);
        _head = HashChain.Link(_head, entry);
        _entries.Add((entry, _head));
    }

    public IEnumerable<string> Lines => _entries.Select(e => Encoding.UTF8.GetString(e.Entry));
}
