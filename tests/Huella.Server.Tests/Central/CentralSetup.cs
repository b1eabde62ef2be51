using System.Text.Json;
using Huella.Elections.Actas;
using Huella.Elections.Contests;
using Huella.Research.Simulation;
using Huella.Elections.Geography;
using Huella.Elections.Totalization;
using Huella.Server.Auth;

namespace Huella.Server.Tests.Central;

/// <summary>The election every central test counts: synthetic mesas and keys, a two-candidate contest on three cards.</summary>
internal static class CentralSetup
{
    public static readonly BallotContest Contest = new("test", [new("A", "Ana"), new("B", "Beto")], [new("P1", 0), new("P2", 1), new("P3", 0)]);

    /// <summary>Writes the published keys into <paramref name="folder"/> and returns central's configuration (API keys included).</summary>
    public static List<KeyValuePair<string, string?>> Configuration(string folder, SyntheticActas actas)
    {
        var keysFile = Path.Combine(folder, "published-keys.json");
        File.WriteAllText(keysFile, PublishedKeysFile.ToJson(actas.Keys));
        var settings = new List<KeyValuePair<string, string?>>
        {
            new("Huella:Central:Store", "sqlite:" + Path.Combine(folder, "central.db")),
            new("Huella:Central:PublishedKeysFile", keysFile),
            new("Huella:Central:ElectionName", "Test election"),
            new("Huella:Central:ElectionDate", "2026-11-29"),
            new("Huella:Central:Contest:Name", Contest.Name),
            new("Huella:Central:TestType", "central test fixture"),
        };
        for (var i = 0; i < Contest.Candidates.Length; i++)
        {
            settings.Add(new($"Huella:Central:Contest:Candidates:{i}:Code", Contest.Candidates[i].Code));
            settings.Add(new($"Huella:Central:Contest:Candidates:{i}:Name", Contest.Candidates[i].Name));
        }

        for (var i = 0; i < Contest.Cards.Length; i++)
        {
            settings.Add(new($"Huella:Central:Contest:Cards:{i}:Party", Contest.Cards[i].Party));
            settings.Add(new($"Huella:Central:Contest:Cards:{i}:Candidate", Contest.Cards[i].CandidateIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        settings.AddRange(ServerKeys.Configuration());
        var bound = Roles.All.Length;
        foreach (var (name, mesa) in new[] { ("mesa", BoundMesa(actas).ToString()), ("centre", BoundMesa(actas).Centre.ToString()) })
        {
            settings.Add(new($"Huella:ApiKeys:{bound}:Name", $"station-{name}"));
            settings.Add(new($"Huella:ApiKeys:{bound}:Sha256", ApiKeyEntry.Hash(BoundKey(name))));
            settings.Add(new($"Huella:ApiKeys:{bound}:Roles:0", Roles.Station));
            settings.Add(new($"Huella:ApiKeys:{bound}:Mesas:0", mesa));
            bound++;
        }

        return settings;
    }

    /// <summary>The mesa the station key <c>BoundKey("mesa")</c> may transmit for; <c>BoundKey("centre")</c> may transmit for its whole centre.</summary>
    public static MesaId BoundMesa(SyntheticActas actas) => actas.Mesas.ElementAt(40);

    public static string BoundKey(string scope) => $"test-key-station-{scope}-0123456789abcdef";

    public static HttpClient BoundClient(Uri address, string scope)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", BoundKey(scope));
        return client;
    }

    /// <summary>What an observer computes from the actas themselves.</summary>
    public static Totalizer Expected(IEnumerable<Acta> actas)
    {
        var totals = new Totalizer(Contest.Candidates.Length);
        foreach (var acta in actas)
        {
            totals.Add(Huella.Elections.Central.CentralCount.ToResult(acta, Contest));
        }

        return totals;
    }

    /// <summary>The nation's votes per card, read from a NIST SP 1500-100 report.</summary>
    public static long[] NationCardVotes(JsonElement report) =>
    [
        .. report.GetProperty("Election")[0].GetProperty("Contest")[0].GetProperty("ContestSelection").EnumerateArray()
            .Select(s => s.GetProperty("VoteCounts").EnumerateArray().Single(v => v.GetProperty("GpUnitId").GetString() == "ru-nation").GetProperty("Count").GetInt64()),
    ];

    /// <summary>The same signatures over different counts (votes moved between cards): what an attacker in transit can make.</summary>
    public static byte[] Altered(byte[] signedActa)
    {
        Assert.True(SignedActa.TryDecode(signedActa, out var original, out _));
        var cards = original!.Acta.CardVotes.ToArray();
        var moved = Math.Max(1, cards[0] / 2);
        cards[0] -= moved;
        cards[1] += moved;
        var body = ActaCodec.EncodeBody(original.Acta with { CardVotes = [.. cards] });

        // Wire format: varint body length, body, then the signatures, kept as they were.
        var (length, width) = ReadVarint(signedActa);
        var altered = new List<byte>();
        for (var value = (ulong)body.Length; ; value >>= 7)
        {
            altered.Add((byte)((value & 0x7f) | (value >= 0x80 ? 0x80u : 0u)));
            if (value < 0x80)
            {
                break;
            }
        }

        altered.AddRange(body);
        altered.AddRange(signedActa.AsSpan(width + (int)length).ToArray());
        return [.. altered];
    }

    private static (ulong Value, int Width) ReadVarint(byte[] data)
    {
        ulong value = 0;
        for (var i = 0; i < 10; i++)
        {
            value |= (ulong)(data[i] & 0x7f) << (7 * i);
            if ((data[i] & 0x80) == 0)
            {
                return (value, i + 1);
            }
        }

        throw new FormatException("varint too long");
    }
}
