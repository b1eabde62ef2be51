namespace Huella.Crypto.Tests;

public sealed class SealedBoxTests
{
    private static readonly byte[] Message = "padrón de la mesa 010101001-1: 500 electores"u8.ToArray();
    private static readonly byte[] Header = "roll v1 mesa 010101001-1"u8.ToArray();

    [Fact]
    public void The_recipient_opens_what_was_sealed_for_it()
    {
        using var machine = SealingKey.Generate();
        var box = SealedBox.Seal(machine.PublicKey.Span, Message, Header);
        Assert.Equal(Message.Length + SealedBox.Overhead, box.Length);
        Assert.True(SealedBox.TryOpen(machine, box, Header, out var opened));
        Assert.Equal(Message, opened);
    }

    [Fact]
    public void Two_seals_of_one_message_differ_and_hide_it()
    {
        using var machine = SealingKey.Generate();
        var first = SealedBox.Seal(machine.PublicKey.Span, Message, Header);
        var second = SealedBox.Seal(machine.PublicKey.Span, Message, Header);
        Assert.NotEqual(first, second);
        Assert.Equal(-1, first.AsSpan().IndexOf("padr"u8));
    }

    [Fact]
    public void Another_key_cannot_open_it()
    {
        using var machine = SealingKey.Generate();
        using var other = SealingKey.Generate();
        var box = SealedBox.Seal(machine.PublicKey.Span, Message, Header);
        Assert.False(SealedBox.TryOpen(other, box, Header, out var opened));
        Assert.Empty(opened);
    }

    [Fact]
    public void Any_altered_byte_truncation_or_other_header_is_refused()
    {
        using var machine = SealingKey.Generate();
        var box = SealedBox.Seal(machine.PublicKey.Span, Message, Header);
        for (var i = 0; i < box.Length; i++)
        {
            var altered = box.ToArray();
            altered[i] ^= 0x01;
            Assert.False(SealedBox.TryOpen(machine, altered, Header, out _), $"byte {i}");
        }

        for (var length = 0; length < box.Length; length++)
        {
            Assert.False(SealedBox.TryOpen(machine, box.AsSpan(0, length), Header, out _), $"length {length}");
        }

        Assert.False(SealedBox.TryOpen(machine, box, "roll v1 mesa 010101001-2"u8, out _));
    }

    [Fact]
    public void A_key_rebuilt_from_its_seed_opens_the_box()
    {
        var seed = new byte[32];
        seed[0] = 7;
        using var machine = SealingKey.FromSeed(seed);
        var box = SealedBox.Seal(machine.PublicKey.Span, Message);
        using var again = SealingKey.FromSeed(seed);
        Assert.True(SealedBox.TryOpen(again, box, default, out var opened));
        Assert.Equal(Message, opened);
    }
}
