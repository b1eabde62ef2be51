using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Huella.Elections.Central;
using Huella.Research.Simulation;
using Huella.Elections.Totalization;
using Huella.Elections.Transmission;
using Huella.Server.Auth;
using Huella.Server.Central;
using Huella.Storage;
using Huella.Testing;

namespace Huella.Server.Tests.Central;

/// <summary>
/// Central as a separate process, killed with SIGKILL while stations transmit, then restarted on the
/// same SQLite archive; the stations send again everything not acknowledged, and some acknowledged
/// actas too: no acknowledged acta is lost, none is counted twice, and the totals central publishes
/// equal a recount from the stored actas and the sum of the actas themselves.
/// </summary>
public sealed class CentralCrashTests : IDisposable
{
    private const int Mesas = 1_200;
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-central-crash-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Killing_central_mid_ingest_loses_no_acknowledged_acta_and_counts_none_twice()
    {
        using var factory = new SyntheticActas(Mesas, seed: 7);
        var actas = factory.Mesas.Select(m => factory.ActaFor(m)).ToList();
        var signed = actas.Select(a => factory.Sign(a)).ToList();
        var configuration = CentralSetup.Configuration(_folder, factory);
        var acknowledged = new bool[signed.Count];
        var acknowledgedCount = 0;

        using (var first = await ServerProcess.StartAsync([CentralServer.Command], configuration))
        {
            using var station = ServerKeys.Client(first.Address, Roles.Station);
            var next = -1;
            var killed = false;

            // Six stations transmit at once; once 300 actas are acknowledged the process dies under them.
            async Task Station()
            {
                int i;
                while (!Volatile.Read(ref killed) && (i = Interlocked.Increment(ref next)) < signed.Count)
                {
                    var content = new ByteArrayContent(signed[i]);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    try
                    {
                        var response = await station.PostAsync("/central/v1/actas", content);
                        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                        {
                            acknowledged[i] = true;
                            if (Interlocked.Increment(ref acknowledgedCount) == 300)
                            {
                                Volatile.Write(ref killed, true);
                                first.Kill();
                            }
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                    catch (TaskCanceledException)
                    {
                        return;
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Station()));
            Assert.True(killed, "central was never killed: the test did not exercise a crash");
        }

        Assert.True(acknowledgedCount < signed.Count);
        using (var second = await ServerProcess.StartAsync([CentralServer.Command], configuration))
        {
            // Everything not acknowledged, and every third acknowledged acta as well (a station cannot always know).
            var again = Enumerable.Range(0, signed.Count).Where(i => !acknowledged[i] || i % 3 == 0).ToList();
            using var http = new HttpClient { BaseAddress = second.Address, Timeout = Timeout.InfiniteTimeSpan };
            var transmitter = new ActaTransmitter(http, TimeProvider.System, new TransmitterOptions { ApiKey = ServerKeys.For(Roles.Station), InitialDelay = TimeSpan.FromMilliseconds(50) });
            var results = new TransmissionResult[signed.Count];
            await Parallel.ForEachAsync(again, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, ct) => results[i] = await transmitter.SendAsync(signed[i], ct));

            foreach (var i in again)
            {
                Assert.True(results[i].Acknowledged, $"acta {i}: {results[i].Status} {results[i].Reason}");
                if (acknowledged[i])
                {
                    Assert.Equal(TransmissionStatus.AlreadyReceived, results[i].Status);
                }
            }

            using var observer = ServerKeys.Client(second.Address, Roles.Observer);
            var json = await observer.GetStringAsync("/central/v1/results");
            Assert.Empty(ErrSchema.Errors(json));
            var report = JsonSerializer.Deserialize<JsonElement>(json);
            Assert.Equal("unofficial-complete", report.GetProperty("Status").GetString());
            Assert.Equal(CentralSetup.Expected(actas).Nation.CardVotes.ToArray(), CentralSetup.NationCardVotes(report));
            var anomalies = await observer.GetFromJsonAsync<JsonElement>("/central/v1/anomalies");
            Assert.Equal(Mesas, anomalies.GetProperty("countedMesas").GetInt32());
            Assert.Equal(0, anomalies.GetProperty("anomalies").GetArrayLength());
        }

        // The archive itself, read with central stopped: one row per acta, every acknowledged one among them.
        var archive = new ActaArchive(StoreLocation.Sqlite(Path.Combine(_folder, "central.db")));
        var stored = await archive.ReadAllAsync();
        Assert.Equal(Mesas, stored.Count);
        Assert.All(stored, s => Assert.Equal(IngestStatus.Accepted, s.Status));
        var hashes = stored.Select(s => s.Hash).ToHashSet();
        Assert.All(signed, s => Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(s)), hashes));

        using var recount = new CentralCount(archive, factory.Keys, [CentralSetup.Contest], TimeProvider.System);
        var totals = await recount.RecountAsync(0);
        Assert.Equal(Mesas, totals.Nation.Mesas);
        Assert.Equal(CentralSetup.Expected(actas).Nation.CardVotes.ToArray(), totals.Nation.CardVotes.ToArray());
        Assert.DoesNotContain(totals.Anomalies, a => a.Kind == AnomalyKind.ConflictingActas);
    }
}
