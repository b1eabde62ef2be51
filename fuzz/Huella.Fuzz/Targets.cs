using System.Collections.Immutable;
using System.Text;
using Huella.Biometrics;
using Huella.Biometrics.Formats.AnsiNist;
using Huella.Biometrics.Formats.Minutiae;
using Huella.Biometrics.Imaging;
using Huella.Crypto;
using Huella.Elections;
using Huella.Elections.Actas;
using Huella.Elections.Definition;
using Huella.Elections.Geography;
using Huella.Elections.Roll;
using Huella.Elections.Station;
using Huella.Elections.Ve2024;
using Huella.Identity.Storage;
using Huella.Identity;

namespace Huella.Fuzz;

/// <summary>
/// Every parser that takes bytes or text from outside: fingerprint images and records, templates,
/// actas and their QR text, the published 2024 data, election definitions, station kits, roll
/// packages, key files and audit checkpoints. Seeds are real files from the shared data sets and the
/// repository's own documents, or valid inputs made here with the product's own writers.
/// </summary>
internal static class Targets
{
    /// <summary>Seeds above this size are left out: mutations of small inputs run many times faster and reach the same code.</summary>
    private const int MaxSeedBytes = 160_000;

    public static readonly string[] Names =
    [
        "image", "image-extract", "ansi-nist", "minutiae-record", "template", "signed-acta", "acta-text", "cne-qr", "resultados-csv",
        "election-definition", "published-keys", "station-kit", "roll-package", "key-ring", "audit-checkpoint",
    ];

    public static IReadOnlyList<FuzzTarget> All(string data, string repository)
    {
        var images = Files(Path.Combine(data, "fingerprints", "sourceafis-samples"), "probe.png", "probe.jpeg", "probe.bmp", "wsq-original.wsq")
            .Concat(Files(Path.Combine(data, "fingerprints", "wsq", "jnbis"), "sample.wsq", "sample.jpg"))
            .Concat(Files(Path.Combine(data, "fingerprints", "fvc2002", "db3b"), "101_1.tif"))
            .ToList();
        var template = FingerprintTemplate.Create(ImageDecoder.Decode(images[0])).ToBytes();
        var keys = new ElectionKeys();
        return
        [
            new("image", [.. images, Pgm()], input => ImageDecoder.Decode(input), typeof(FingerprintFormatException)) { Weight = 30 },
            new("image-extract", images, input => FingerprintTemplate.Create(ImageDecoder.Decode(input)), typeof(FingerprintFormatException), typeof(NoUsableFingerprintException)) { Weight = 60 },
            new("ansi-nist", Folder(Path.Combine(data, "ansi-nist"), "*.an2"), input => Refused(AnsiNistTransaction.TryParse(input, out var t, out var e), t, e)) { Weight = 4 },
            new("minutiae-record", Folder(Path.Combine(data, "fingerprints", "iso-templates"), "*.*").Take(40).ToList(), input => Refused(MinutiaeRecord.TryParse(input, out var r, out var e), r, e)),
            new("template", [template, FingerprintTemplate.Create(ImageDecoder.Decode(images[1])).ToBytes()], input => FingerprintTemplate.Parse(input), typeof(FingerprintFormatException)),
            new("signed-acta", [File.ReadAllBytes(Path.Combine(repository, "docs", "printed-acta.acta")), keys.Acta()], Acta),
            new("acta-text", [Encoding.UTF8.GetBytes(ActaText.ToText(keys.Acta()))], input => Refused(ActaText.TryParse(Encoding.UTF8.GetString(input), out var bytes), bytes, "not acta text")),
            new("cne-qr", [.. File.ReadLines(Path.Combine(data, "elections", "ve-2024", "acta-qr-payloads.txt")).Take(50).Select(Encoding.UTF8.GetBytes)], input => Refused(CneQrPayload.TryParse(Encoding.UTF8.GetString(input), out var p, out var e), p, e)),
            new("resultados-csv", [Encoding.UTF8.GetBytes(string.Join('\n', File.ReadLines(Path.Combine(data, "elections", "ve-2024", "RESULTADOS_2024_CSV_V1.csv")).Take(20)))], input => ResultadosCsv.Read(new StringReader(Encoding.UTF8.GetString(input))), typeof(ElectionDataException)),
            new("election-definition", [File.ReadAllBytes(Path.Combine(repository, "docs", "examples", "election-definition.json"))], input => Refused(ElectionDefinition.TryParse(Encoding.UTF8.GetString(input), out var d, out var e), d, e.Count == 0 ? null : e[0].ToString())) { Weight = 2 },
            new("published-keys", [File.ReadAllBytes(Path.Combine(repository, "docs", "printed-acta-keys.json"))], input => PublishedKeysFile.Parse(Encoding.UTF8.GetString(input)), typeof(ElectionDataException)),
            new("station-kit", [Encoding.UTF8.GetBytes(keys.Kit())], input => StationKit.Parse(Encoding.UTF8.GetString(input)).Dispose(), typeof(ElectionDataException)),
            new("roll-package", [keys.Roll(template)], keys.OpenRoll) { Weight = 2 },
            new("key-ring", [Encoding.UTF8.GetBytes(KeyRing.Generate().WithNewKey().Export())], input => KeyRing.Parse(Encoding.UTF8.GetString(input)), typeof(FormatException), typeof(ArgumentException)),
            new("audit-checkpoint", [Encoding.UTF8.GetBytes(AuditCheckpoint.Sign(7, new byte[32], DateTimeOffset.UnixEpoch, KeyRing.Generate()).ToJson())], input => Refused(AuditCheckpoint.TryParse(Encoding.UTF8.GetString(input), out var c), c, "malformed")),
        ];
    }

    /// <summary>
    /// A try-parser keeps its contract: a value when it says yes, a reason when it says no. A broken
    /// contract is thrown as <see cref="FuzzOracleException"/>, which no target accepts as a refusal.
    /// </summary>
    private static void Refused(bool accepted, object? value, string? reason)
    {
        if (accepted ? value is null : string.IsNullOrEmpty(reason))
        {
            throw new FuzzOracleException(accepted ? "accepted without a value" : "refused without a reason");
        }
    }

    /// <summary>An acta the decoder accepts is canonical: encoding it again gives back exactly the bytes read, so one acta has one identity.</summary>
    private static void Acta(byte[] input)
    {
        Refused(SignedActa.TryDecode(input, out var acta, out var error), acta, error);
        if (acta is not null && !acta.Encode().AsSpan().SequenceEqual(input))
        {
            throw new FuzzOracleException("accepted an acta that is not in canonical form");
        }
    }

    private static IEnumerable<byte[]> Files(string folder, params string[] names) => names.Select(n => File.ReadAllBytes(Path.Combine(folder, n)));

    private static List<byte[]> Folder(string folder, string pattern) =>
        [.. Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => new FileInfo(f)).Where(f => f.Length <= MaxSeedBytes).Select(f => File.ReadAllBytes(f.FullName))];

    /// <summary>A small binary PGM, the one image format with no sample in the shared data.</summary>
    private static byte[] Pgm()
    {
        var header = Encoding.ASCII.GetBytes("P5\n64 48\n255\n");
        var pixels = Enumerable.Range(0, 64 * 48).Select(i => (byte)(i * 7)).ToArray();
        return [.. header, .. pixels];
    }

    /// <summary>One mesa's keys, for inputs only the product's writers can make valid (signed actas, sealed rolls, kits).</summary>
    private sealed class ElectionKeys
    {
        private static readonly MesaId Mesa = new(CentreCode.Parse("010101001"), 1);
        private readonly SigningKey _authority = SigningKey.Generate();
        private readonly SigningKey _machine = SigningKey.GenerateExportable();
        private readonly SealingKey _rollKey = SealingKey.GenerateExportable();

        public byte[] Acta() => SignedActa.SignByMachine(
            new Acta
            {
                Kind = ActaKind.Closing,
                ElectionId = "fuzz",
                Mesa = Mesa,
                Contest = 0,
                MarksPerBallot = 1,
                CardVotes = [12, 7, 0],
                NullVotes = 1,
                BlankVotes = 2,
                RegisteredElectors = 40,
                ElectorsAuthenticated = 22,
                BallotsCast = 22,
                Incidents = [.. new int[Enum.GetValues<IncidentKind>().Length]],
                LogHead = [.. new byte[32]],
                ClosedAt = 1_722_000_000,
            },
            _machine).Encode();

        public string Kit() => StationKit.ToJson("fuzz", Mesa, _authority.PublicKey, _machine, _rollKey);

        public byte[] Roll(byte[] template) => RollPackage.Seal(
            new MesaRoll("fuzz", Mesa, DateTimeOffset.UnixEpoch, [new RollElector(Cedula.Parse("V-1"), [template.AsMemory()]), new RollElector(Cedula.Parse("V-2"), [])]),
            _rollKey.PublicKey.Span,
            _authority);

        public void OpenRoll(byte[] input) => RollPackage.TryOpen(input, _authority.PublicKey, _rollKey, "fuzz", Mesa, out _, out _);
    }
}
