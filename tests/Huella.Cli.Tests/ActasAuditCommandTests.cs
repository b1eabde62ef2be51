using System.Formats.Tar;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Huella.Cli.Commands;
using Huella.Crypto;
using Huella.Research.Simulation;
using Huella.Server.Auth;
using Huella.Server.Central;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Huella.Cli.Tests;

/// <summary>
/// <c>huella actas audit</c> against a real central on 127.0.0.1 that received real transmissions
/// (genuine actas, a conflict, a forgery, garbage, a repeat): everything holds; then each kind of
/// tampering with the downloads (an altered acta, a removed version, a changed total, a forked head) is caught.
/// </summary>
public sealed class ActasAuditCommandTests : IAsyncLifetime
{
    private const string StationKey = "test-key-station-audit-0123456789abcdef";
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-audit-").FullName;
    private WebApplication? _app;

    private SyntheticActas Actas { get; } = new(24);

    private HttpClient? Station { get; set; }

    private string Url => Station!.BaseAddress!.ToString();

    public async Task InitializeAsync()
    {
        var keysFile = Path.Combine(_folder, "published-keys.json");
        await File.WriteAllTextAsync(keysFile, Huella.Elections.Actas.PublishedKeysFile.ToJson(Actas.Keys));
        var settings = new Dictionary<string, string?>
        {
            ["Huella:Central:Store"] = "sqlite:" + Path.Combine(_folder, "central.db"),
            ["Huella:Central:PublishedKeysFile"] = keysFile,
            ["Huella:Central:ElectionName"] = "Audit election",
            ["Huella:Central:ElectionDate"] = "2026-11-29",
            ["Huella:Central:Contest:Name"] = "test",
            ["Huella:Central:Contest:Candidates:0:Code"] = "A",
            ["Huella:Central:Contest:Candidates:0:Name"] = "Ana",
            ["Huella:Central:Contest:Candidates:1:Code"] = "B",
            ["Huella:Central:Contest:Candidates:1:Name"] = "Beto",
            ["Huella:Central:Contest:Cards:0:Party"] = "P1",
            ["Huella:Central:Contest:Cards:0:Candidate"] = "0",
            ["Huella:Central:Contest:Cards:1:Party"] = "P2",
            ["Huella:Central:Contest:Cards:1:Candidate"] = "1",
            ["Huella:Central:Contest:Cards:2:Party"] = "P3",
            ["Huella:Central:Contest:Cards:2:Candidate"] = "0",
            ["Huella:ApiKeys:0:Name"] = "station",
            ["Huella:ApiKeys:0:Sha256"] = ApiKeyEntry.Hash(StationKey),
            ["Huella:ApiKeys:0:Roles:0"] = Roles.Station,
        };
        _app = await CentralServer.BuildAsync([], builder =>
        {
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(settings);
        });
        await _app.StartAsync();
        Station = new HttpClient { BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/") };
        Station.DefaultRequestHeaders.Add("X-Api-Key", StationKey);
    }

    public async Task DisposeAsync()
    {
        Station?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Actas.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<HttpStatusCode> SendAsync(byte[] acta)
    {
        var content = new ByteArrayContent(acta);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return (await Station!.PostAsync("central/v1/actas", content)).StatusCode;
    }

    /// <summary>Half the mesas, then the rest with a conflict, a forgery, garbage and a repeat.</summary>
    private async Task<(int Stored, byte[] Conflict)> TransmitAsync(int from, int to, bool extras)
    {
        var mesas = Actas.Mesas.ToList();
        var sent = new List<byte[]>();
        foreach (var mesa in mesas[from..to])
        {
            sent.Add(Actas.Sign(Actas.ActaFor(mesa)));
            Assert.Equal(HttpStatusCode.Created, await SendAsync(sent[^1]));
        }

        if (!extras)
        {
            return (to - from, []);
        }

        var conflict = Actas.Sign(Actas.ActaFor(mesas[0]));
        Assert.Equal(HttpStatusCode.Conflict, await SendAsync(conflict));
        Assert.Equal(HttpStatusCode.Conflict, await SendAsync(conflict));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(sent[^1]));
        using var rogue = SigningKey.Generate();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await SendAsync(Actas.Sign(Actas.ActaFor(mesas[1]), rogue)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await SendAsync([0x05, 1, 2]));
        return (to - from + 3, conflict);
    }

    [Fact]
    public async Task A_genuine_central_passes_and_a_later_audit_proves_the_log_only_grew()
    {
        await TransmitAsync(0, 12, extras: false);
        var first = Path.Combine(_folder, "first");
        var (code, output, error) = CliRunner.Run("actas", "audit", "--url", Url, "--out", first);
        Assert.True(code == 0, output + error);
        Assert.Contains("audit: OK", output, StringComparison.Ordinal);
        Assert.Contains("signed head of 12 leaves", output, StringComparison.Ordinal);

        await TransmitAsync(12, 24, extras: true);
        (code, output, error) = CliRunner.Run("actas", "audit", "--url", Url, "--since", Path.Combine(first, "head.json"), "--json");
        Assert.True(code == 0, output + error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.True(report.GetProperty("ok").GetBoolean());
        Assert.Equal(27, report.GetProperty("treeSize").GetInt64());
        Assert.Equal(27, report.GetProperty("versions").GetInt32());
        Assert.Equal(27, report.GetProperty("proofsChecked").GetInt32());
        Assert.Equal(27, report.GetProperty("signaturesChecked").GetInt32());
        foreach (var file in new[] { "keys.json", "head.json", "actas.csv", "actas.tar", "election.json", "results.json", "report.json" })
        {
            Assert.True(File.Exists(Path.Combine(first, file)), file);
        }
    }

    [Fact]
    public async Task An_altered_acta_a_removed_version_and_a_changed_total_are_each_caught()
    {
        var (_, conflict) = await TransmitAsync(0, 24, extras: true);
        var conflictHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(conflict));

        var altered = await AuditAsync((path, body) => path.EndsWith("/actas.tar", StringComparison.Ordinal) ? AlterFirstFile(body) : body);
        Assert.Contains(altered.Failures, f => f.Contains("(altered)", StringComparison.Ordinal));

        var removed = await AuditAsync((path, body) => path.EndsWith("/actas.csv", StringComparison.Ordinal)
            ? Encoding.UTF8.GetBytes(string.Join('\n', Encoding.UTF8.GetString(body).Split('\n').Where(l => !l.Contains(conflictHash, StringComparison.Ordinal))))
            : body);
        Assert.Contains(removed.Failures, f => f.Contains("missing from actas.csv", StringComparison.Ordinal) && f.Contains(conflictHash, StringComparison.Ordinal));

        var changed = await AuditAsync((path, body) => path.EndsWith("/results.json", StringComparison.Ordinal) ? MoreVotes(body) : body);
        Assert.Contains(changed.Failures, f => f.StartsWith("results.json: $.Election[0].Contest[0].ContestSelection[0].VoteCounts", StringComparison.Ordinal));

        var untouched = await AuditAsync((_, body) => body);
        Assert.True(untouched.Ok, string.Join("; ", untouched.Failures));
    }

    [Fact]
    public async Task A_forked_head_signed_by_the_log_key_and_a_head_of_another_key_are_caught()
    {
        await TransmitAsync(0, 24, extras: true);
        using var logKey = SigningKey.FromSeed(await File.ReadAllBytesAsync(Path.Combine(_folder, "central.db.log-key")));

        // The log key signed a tree of 20 leaves that is not the prefix of what central now serves: a fork.
        var fork = SignedTreeHead.Sign(20, MerkleTree.LeafHash("another history"u8), DateTimeOffset.UnixEpoch, logKey);
        var forked = await AuditAsync((_, body) => body, Saved(fork, logKey.PublicKey));
        Assert.Contains(forked.Failures, f => f.Contains("forked log", StringComparison.Ordinal));

        using var other = SigningKey.Generate();
        var foreign = await AuditAsync((_, body) => body, Saved(SignedTreeHead.Sign(20, MerkleTree.EmptyRoot(), DateTimeOffset.UnixEpoch, other), other.PublicKey));
        Assert.Contains(foreign.Failures, f => f.Contains("not signed by the published log key", StringComparison.Ordinal));

        // And a served head that the log key did not sign.
        var unsigned = await AuditAsync((path, body) => path.EndsWith("/log/head", StringComparison.Ordinal) ? Resigned(body, other) : body);
        Assert.Contains(unsigned.Failures, f => f.StartsWith("log head", StringComparison.Ordinal));
    }

    private async Task<ActasAuditReport> AuditAsync(Func<string, byte[], byte[]> tamper, AuditHead? since = null)
    {
        using var http = new HttpClient(new Tampering(tamper)) { BaseAddress = Station!.BaseAddress };
        return await new ActasAudit(http).RunAsync(since, null, CancellationToken.None);
    }

    private static AuditHead Saved(SignedTreeHead head, VerificationKey key) =>
        new(head.Size, Convert.ToHexStringLower(head.Root.AsSpan()), head.Timestamp.ToUnixTimeMilliseconds(), Convert.ToHexStringLower(head.Signature.AsSpan()), key.ToString());

    private static byte[] AlterFirstFile(byte[] tar)
    {
        using var input = new MemoryStream(tar);
        using var reader = new TarReader(input);
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true))
        {
            var first = true;
            while (reader.GetNextEntry(copyData: true) is { } entry)
            {
                using var data = new MemoryStream();
                entry.DataStream!.CopyTo(data);
                var bytes = data.ToArray();
                if (first)
                {
                    bytes[bytes.Length / 2] ^= 0x01;
                    first = false;
                }

                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, entry.Name) { DataStream = new MemoryStream(bytes) });
            }
        }

        return output.ToArray();
    }

    private static byte[] MoreVotes(byte[] results)
    {
        var report = JsonNode.Parse(results)!;
        var count = report["Election"]![0]!["Contest"]![0]!["ContestSelection"]![0]!["VoteCounts"]![0]!["Count"]!;
        count.ReplaceWith(count.GetValue<long>() + 1000);
        return Encoding.UTF8.GetBytes(report.ToJsonString());
    }

    private static byte[] Resigned(byte[] head, SigningKey key)
    {
        var served = JsonSerializer.Deserialize<AuditHead>(head, ActasAuditDocuments.Json)!;
        var signed = SignedTreeHead.Sign(served.Size, Convert.FromHexString(served.Root), DateTimeOffset.FromUnixTimeMilliseconds(served.Timestamp), key);
        return JsonSerializer.SerializeToUtf8Bytes(served with { Signature = Convert.ToHexStringLower(signed.Signature.AsSpan()) }, ActasAuditDocuments.Json);
    }

    /// <summary>Between the auditor and the real central: hands each download to <c>tamper</c> (path, bytes) before the auditor reads it.</summary>
    private sealed class Tampering(Func<string, byte[], byte[]> tamper) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var type = response.Content.Headers.ContentType;
            response.Content = new ByteArrayContent(tamper(request.RequestUri!.AbsolutePath, body));
            response.Content.Headers.ContentType = type;
            return response;
        }
    }
}
