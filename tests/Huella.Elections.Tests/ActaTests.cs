using System.Collections.Immutable;
using System.Security.Cryptography;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Contests;
using Huella.Elections.Geography;

namespace Huella.Elections.Tests;

public sealed class ActaTests : IDisposable
{
    private static readonly MesaId Mesa = new(CentreCode.Parse("040202001"), 1);
    private static readonly MesaId OtherMesa = new(CentreCode.Parse("040202001"), 2);
    private readonly SigningKey _machine = SigningKey.Generate();
    private readonly SigningKey _president = SigningKey.Generate();
    private readonly SigningKey _secretary = SigningKey.Generate();
    private readonly SigningKey _otherMachine = SigningKey.Generate();

    private PublishedKeys Keys(int required = 2) => new("VE-2024-P",
    [
        new(Mesa, SignerRole.Machine, _machine.PublicKey, "machine 040202001.01"),
        new(Mesa, SignerRole.Member, _president.PublicKey, "president 040202001.01"),
        new(Mesa, SignerRole.Member, _secretary.PublicKey, "secretary 040202001.01"),
        new(OtherMesa, SignerRole.Machine, _otherMachine.PublicKey, "machine 040202001.02"),
    ], required);

    /// <summary>The first real acta of the 2024 QR set (040202001.01), with Huella's extra fields.</summary>
    internal static Acta RealisticActa()
    {
        int[] cards = [87, 5, 4, 1, 4, 0, 1, 4, 4, 0, 0, 0, 4, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 2, 0, 0, 5, 20, 332, 0, 3];
        var cast = cards.Sum() + 1;
        return new Acta
        {
            ElectionId = "VE-2024-P",
            Mesa = Mesa,
            CardVotes = [.. cards],
            NullVotes = 1,
            BlankVotes = 0,
            RegisteredElectors = 620,
            ElectorsAuthenticated = cast,
            BallotsCast = cast,
            Incidents = [3, 0, 1, 1, 0, 2],
            LogHead = [.. SHA256.HashData("station log"u8)],
            ClosedAt = 1_722_207_600,
        };
    }

    private SignedActa FullySigned(Acta acta) =>
        SignedActa.SignByMachine(acta, _machine).Countersign(_president).Countersign(_secretary);

    [Fact]
    public void An_acta_the_decoder_would_refuse_is_never_encoded()
    {
        var fits = RealisticActa() with { CardVotes = [.. new int[1024]], BallotsCast = 1, ElectorsAuthenticated = 1, NullVotes = 1 };
        Assert.True(ActaCodec.TryDecodeBody(ActaCodec.EncodeBody(fits), out _, out _));
        Assert.Throws<ArgumentException>(() => ActaCodec.EncodeBody(fits with { CardVotes = [.. new int[1025]] }));
    }

    [Fact]
    public void A_signed_acta_round_trips_and_verifies()
    {
        var encoded = FullySigned(RealisticActa()).Encode();
        var check = ActaVerifier.Verify(encoded, Keys());
        Assert.Equal(ActaVerdict.Valid, check.Verdict);
        Assert.True(check.Acta!.SameAs(RealisticActa()));
        Assert.Equal(357, Venezuela2024.Presidential.CandidateVotes(check.Acta.CardVotes.AsSpan())[0]);
    }

    [Fact]
    public void The_contest_and_its_marks_per_ballot_are_part_of_what_is_signed()
    {
        var council = RealisticActa() with { Contest = 2, MarksPerBallot = 3 };
        var encoded = FullySigned(council).Encode();
        var check = ActaVerifier.Verify(encoded, Keys());
        Assert.Equal(ActaVerdict.Valid, check.Verdict);
        Assert.Equal((2, 3), (check.Acta!.Contest, check.Acta.MarksPerBallot));

        // Relabelling the acta as another contest's count breaks the machine's signature.
        SignedActa.TryDecode(encoded, out var signed, out _);
        var relabelled = signed!.WithAlteredActa(council with { Contest = 0 }).Encode();
        Assert.Equal(ActaVerdict.BadSignature, ActaVerifier.Verify(relabelled, Keys()).Verdict);
    }

    [Fact]
    public void The_whole_acta_with_three_signatures_stays_small()
    {
        var encoded = FullySigned(RealisticActa()).Encode();
        Assert.InRange(encoded.Length, 100, 400);
    }

    [Fact]
    public void Changing_any_byte_of_the_body_breaks_it()
    {
        var encoded = FullySigned(RealisticActa()).Encode();
        for (var i = 2; i < 1 + encoded[0]; i++)
        {
            var altered = (byte[])encoded.Clone();
            altered[i] ^= 0x01;
            var check = ActaVerifier.Verify(altered, Keys());
            Assert.NotEqual(ActaVerdict.Valid, check.Verdict);
        }
    }

    [Fact]
    public void Moved_votes_re_encoded_are_caught_by_the_signature()
    {
        var signed = FullySigned(RealisticActa());
        var cards = signed.Acta.CardVotes.ToArray();
        (cards[0], cards[35]) = (cards[35], cards[0]);
        var forgedBody = ActaCodec.EncodeBody(signed.Acta with { CardVotes = [.. cards] });
        var original = signed.Encode();
        var signatures = original.AsSpan(1 + original[0]).ToArray();
        var forged = new byte[1 + forgedBody.Length + signatures.Length];
        forged[0] = (byte)forgedBody.Length;
        forgedBody.CopyTo(forged, 1);
        signatures.CopyTo(forged, 1 + forgedBody.Length);

        var check = ActaVerifier.Verify(forged, Keys());
        Assert.Equal(ActaVerdict.BadSignature, check.Verdict);
    }

    [Fact]
    public void An_acta_from_an_unknown_machine_is_rejected()
    {
        using var rogue = SigningKey.Generate();
        var encoded = SignedActa.SignByMachine(RealisticActa(), rogue).Countersign(_president).Countersign(_secretary).Encode();
        Assert.Equal(ActaVerdict.UnknownMachine, ActaVerifier.Verify(encoded, Keys()).Verdict);
    }

    [Fact]
    public void An_acta_signed_by_another_mesas_machine_is_rejected()
    {
        var encoded = SignedActa.SignByMachine(RealisticActa(), _otherMachine).Countersign(_president).Encode();
        Assert.Equal(ActaVerdict.WrongMesa, ActaVerifier.Verify(encoded, Keys()).Verdict);
    }

    [Fact]
    public void Missing_countersignatures_are_reported()
    {
        var encoded = SignedActa.SignByMachine(RealisticActa(), _machine).Countersign(_president).Encode();
        Assert.Equal(ActaVerdict.MissingCountersignatures, ActaVerifier.Verify(encoded, Keys(required: 2)).Verdict);
        Assert.Equal(ActaVerdict.Valid, ActaVerifier.Verify(encoded, Keys(required: 1)).Verdict);
    }

    [Fact]
    public void The_same_member_signing_twice_adds_one_signature()
    {
        var signed = SignedActa.SignByMachine(RealisticActa(), _machine).Countersign(_president).Countersign(_president);
        Assert.Equal(2, signed.Signatures.Length);
        Assert.Equal(ActaVerdict.MissingCountersignatures, ActaVerifier.Verify(signed.Encode(), Keys(required: 2)).Verdict);
    }

    [Fact]
    public void Signatures_are_written_sorted_by_key_id_whatever_order_members_sign_in()
    {
        var one = SignedActa.SignByMachine(RealisticActa(), _machine).Countersign(_president).Countersign(_secretary).Encode();
        var other = SignedActa.SignByMachine(RealisticActa(), _machine).Countersign(_secretary).Countersign(_president).Encode();
        Assert.Equal(one, other);
        Assert.True(SignedActa.TryDecode(one, out var decoded, out _));
        var ids = decoded!.Signatures.Select(s => Convert.ToHexStringLower(s.KeyId.AsSpan())).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public void Reordered_repeated_or_padded_signatures_are_malformed_not_another_valid_acta()
    {
        var genuine = FullySigned(RealisticActa()).Encode();
        var (signaturesAt, records) = SignatureRecords(genuine);
        Assert.Equal(3, records.Count);

        byte[] With(IEnumerable<byte[]> list, int count) => [.. genuine.AsSpan(0, signaturesAt - 1).ToArray(), (byte)count, .. list.SelectMany(r => r)];
        var reordered = With([records[1], records[0], records[2]], 3);
        var repeated = With([records[0], records[0], records[1], records[2]], 4);
        byte[] padded = [.. genuine, 0];

        foreach (var copy in new[] { reordered, repeated, padded })
        {
            Assert.False(SignedActa.TryDecode(copy, out _, out var error));
            Assert.False(string.IsNullOrEmpty(error));
            Assert.Equal(ActaVerdict.Malformed, ActaVerifier.Verify(copy, Keys()).Verdict);
        }

        Assert.Equal(ActaVerdict.Valid, ActaVerifier.Verify(genuine, Keys()).Verdict);
    }

    [Fact]
    public void The_published_printed_acta_is_canonical_and_valid()
    {
        var docs = Path.Combine(Huella.Testing.SharedData.RepositoryRoot, "docs");
        var bytes = File.ReadAllBytes(Path.Combine(docs, "printed-acta.acta"));
        var keys = PublishedKeysFile.Parse(File.ReadAllText(Path.Combine(docs, "printed-acta-keys.json")));
        Assert.Equal(ActaVerdict.Valid, ActaVerifier.Verify(bytes, keys).Verdict);
    }

    /// <summary>Where the signature records start (after the count byte) and each 73-byte record.</summary>
    private static (int Start, List<byte[]> Records) SignatureRecords(byte[] encoded)
    {
        var bodyLength = encoded[0] & 0x7F;
        var width = 1;
        if ((encoded[0] & 0x80) != 0)
        {
            bodyLength |= encoded[1] << 7;
            width = 2;
        }

        var start = width + bodyLength + 1;
        var records = new List<byte[]>();
        for (var at = start; at < encoded.Length; at += 73)
        {
            records.Add(encoded[at..(at + 73)]);
        }

        return (start, records);
    }

    [Fact]
    public void A_machine_refuses_to_sign_an_inconsistent_acta()
    {
        var wrong = RealisticActa() with { BallotsCast = 10 };
        Assert.Throws<InvalidOperationException>(() => SignedActa.SignByMachine(wrong, _machine));
    }

    [Fact]
    public void Truncated_and_mutated_bytes_are_malformed_never_a_crash()
    {
        var encoded = FullySigned(RealisticActa()).Encode();
        for (var length = 0; length < encoded.Length; length++)
        {
            Assert.NotEqual(ActaVerdict.Valid, ActaVerifier.Verify(encoded.AsSpan(0, length), Keys()).Verdict);
        }

        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var mutated = (byte[])encoded.Clone();
            mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            _ = ActaVerifier.Verify(mutated, Keys());
        }

        Assert.Equal(ActaVerdict.Malformed, ActaVerifier.Verify([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], Keys()).Verdict);
    }

    [Fact]
    public void The_qr_code_reads_back_to_the_same_verifiable_bytes()
    {
        var encoded = FullySigned(RealisticActa()).Encode();
        var modules = ActaQr.Modules(encoded);
        var (pixels, size) = ActaQr.Render(modules, scale: 3);
        var read = ActaQr.Read(pixels, size, size);
        Assert.NotNull(read);
        Assert.Equal(encoded, read);
        Assert.Equal(ActaVerdict.Valid, ActaVerifier.Verify(read, Keys()).Verdict);
        Assert.InRange(ActaQr.Version(modules), 1, 15);
    }

    [Fact]
    public void An_image_without_a_qr_reads_as_nothing()
    {
        var blank = Enumerable.Repeat((byte)255, 200 * 200).ToArray();
        Assert.Null(ActaQr.Read(blank, 200, 200));
    }

    public void Dispose()
    {
        _machine.Dispose();
        _president.Dispose();
        _secretary.Dispose();
        _otherMachine.Dispose();
    }
}
