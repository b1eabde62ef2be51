using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Printing;
using Huella.Elections.Ve2024;

namespace Huella.Research.ScanPhotos;

/// <summary>
/// Huella's printed acta for the counts of a real 2024 mesa, signed by a machine and a mesa member
/// whose keys derive from the seed (the same seed prints the same bytes), at 150 dpi.
/// </summary>
internal static class HuellaPages
{
    public const string Election = "VE-2024-SCAN";
    private const double Dpi = 150;

    public static PublishedKeys Keys(IEnumerable<CneQrPayload> payloads, int seed) =>
        new(Election, payloads.Select(p => p.Mesa).Distinct().SelectMany(mesa => new[]
        {
            new PublishedKey(mesa, SignerRole.Machine, KeyOf(mesa, "machine", seed).PublicKey, $"machine {mesa}"),
            new PublishedKey(mesa, SignerRole.Member, KeyOf(mesa, "member", seed).PublicKey, $"president {mesa}"),
        }));

    public static SignedActa Sign(CneQrPayload payload, int seed)
    {
        var cast = payload.CardVotes.Sum() + payload.NullVotes;
        var acta = new Acta
        {
            ElectionId = Election,
            Mesa = payload.Mesa,
            CardVotes = payload.CardVotes,
            NullVotes = payload.NullVotes,
            BlankVotes = 0,
            RegisteredElectors = cast + 100 + (payload.Mesa.Number * 7),
            ElectorsAuthenticated = cast,
            BallotsCast = cast,
            Incidents = ImmutableArray.Create(new int[Enum.GetValues<IncidentKind>().Length]),
            LogHead = [.. SHA256.HashData(Encoding.UTF8.GetBytes($"log {payload.Mesa} {seed}"))],
            ClosedAt = 1_722_211_200,
        };
        using var machine = KeyOf(payload.Mesa, "machine", seed);
        using var member = KeyOf(payload.Mesa, "member", seed);
        return SignedActa.SignByMachine(acta, machine).Countersign(member);
    }

    public static PrintedDocument Print(SignedActa signed, PublishedKeys keys)
    {
        var options = new ActaPrintOptions { Contest = Venezuela2024.Presidential, Keys = keys, Dpi = Dpi };
        var image = ActaPrint.RenderImage(signed, options);
        var qr = ActaLayout.Build(signed, options).Items.OfType<QrItem>().Single();

        // The same whole-pixel geometry PageRaster draws the QR with.
        var scale = Dpi / 72;
        var count = qr.Modules.GetLength(0);
        var box = qr.Size * scale;
        var module = Math.Max(1, Math.Floor(box / count));
        var left = Math.Round((qr.X * scale) + ((box - (module * count)) / 2));
        var top = Math.Round((qr.Y * scale) + ((box - (module * count)) / 2));
        var bytes = signed.Encode();
        return new PrintedDocument(image, left, top, module * count, module, bytes, ActaText.ToText(bytes), signed.Acta.Mesa.ToString());
    }

    private static SigningKey KeyOf(MesaId mesa, string role, int seed) =>
        SigningKey.FromSeed(SHA256.HashData(Encoding.UTF8.GetBytes($"scan-photos {seed} {mesa} {role}")));
}
