using System.Text;
using Huella.Crypto;

namespace Huella.Crypto.Tests;

public sealed class HashChainTests
{
    private static List<(byte[] Entry, byte[] Hash)> Chain(params string[] events)
    {
        var chain = new List<(byte[], byte[])>();
        var previous = HashChain.Genesis.ToArray();
        foreach (var e in events)
        {
            var entry = Encoding.UTF8.GetBytes(e);
            previous = HashChain.Link(previous, entry);
            chain.Add((entry, previous));
        }

        return chain;
    }

    [Fact]
    public void An_intact_chain_verifies_and_its_head_is_the_last_hash()
    {
        var chain = Chain("open", "verified V-1", "no match V-2", "close");
        Assert.Equal(-1, HashChain.FirstBrokenLink(chain));
        Assert.Equal(chain[^1].Hash, HashChain.Head(chain.Select(c => c.Entry)));
    }

    [Fact]
    public void Editing_removing_or_reordering_an_entry_is_detected_at_that_entry()
    {
        var edited = Chain("open", "verified V-1", "no match V-2", "close");
        edited[1] = (Encoding.UTF8.GetBytes("verified V-9"), edited[1].Hash);
        Assert.Equal(1, HashChain.FirstBrokenLink(edited));

        var removed = Chain("open", "verified V-1", "no match V-2", "close");
        removed.RemoveAt(2);
        Assert.Equal(2, HashChain.FirstBrokenLink(removed));

        var reordered = Chain("open", "verified V-1", "no match V-2", "close");
        (reordered[1], reordered[2]) = (reordered[2], reordered[1]);
        Assert.Equal(1, HashChain.FirstBrokenLink(reordered));
    }
}
