using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huella.Server.Auth;
using Huella.Testing;

namespace Huella.Server.Tests;

/// <summary>
/// The server as a separate process, killed with SIGKILL while enrollments are in flight, then
/// restarted on the same SQLite file: every acknowledged enrollment is there, whole; the rebuilt
/// index equals the stored registry; the audit chain is intact.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-crash-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Killing_the_server_mid_enrollment_loses_nothing_acknowledged()
    {
        var acknowledged = new List<(string PersonId, int Fingers)>();
        using (var first = await StartServer())
        {
            using var client = ServerKeys.Client(first.Address, Roles.Enroller);
            var next = 0;
            var killed = false;

            // Two clients enroll in a loop; once eight are acknowledged the process is killed under them.
            async Task Loop()
            {
                while (!killed)
                {
                    var n = Interlocked.Increment(ref next);
                    var (db, finger) = (new[] { "db1b", "db2b", "db3b", "db4b" }[n % 4], 101 + (n / 4 % 10));
                    var fingers = n % 2 == 0 ? new[] { ServerKeys.Finger(2, finger, 1, db), ServerKeys.Finger(3, finger, 2, db) } : new[] { ServerKeys.Finger(2, finger, 1, db) };
                    try
                    {
                        var response = await client.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment($"V-{40000000 + n}", fingers));
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                            lock (acknowledged)
                            {
                                acknowledged.Add((body.GetProperty("personId").GetString()!, fingers.Length));
                                if (acknowledged.Count >= 8 && !killed)
                                {
                                    killed = true;
                                    first.Kill();
                                }
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

            await Task.WhenAll(Loop(), Loop());
            Assert.True(killed);
        }

        using var second = await StartServer();
        using var admin = ServerKeys.Client(second.Address, Roles.Admin);
        foreach (var (personId, fingers) in acknowledged)
        {
            var person = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/persons/{personId}");
            Assert.Equal(fingers, person.GetProperty("fingers").GetArrayLength());
        }

        var stats = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/stats");
        Assert.True(stats.GetProperty("indexMatchesStore").GetBoolean());
        Assert.True(stats.GetProperty("indexPersons").GetInt32() >= acknowledged.Count);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?last=10000");
        Assert.True(audit.GetProperty("chainIntact").GetBoolean());

        // Every stored person is whole: as many fingers as its insert entry says, and one insert entry each.
        var inserts = audit.GetProperty("log").EnumerateArray().Where(e => e.GetProperty("action").GetString() == "person.insert").ToList();
        Assert.Equal(stats.GetProperty("indexPersons").GetInt32(), inserts.Count);
        foreach (var insert in inserts)
        {
            var person = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/persons/{insert.GetProperty("personId").GetString()}");
            Assert.EndsWith($"fingers={person.GetProperty("fingers").GetArrayLength()}", insert.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Acknowledged_abis_jobs_survive_a_kill_and_run_after_restart()
    {
        var requests = new List<string>();
        using (var first = await StartServer())
        {
            using var client = ServerKeys.Client(first.Address, Roles.Enroller);

            // Six inserts acknowledged back to back (each needs an extraction, so most are still queued), then SIGKILL.
            for (var n = 0; n < 6; n++)
            {
                var requestId = $"crash-ins-{n}";
                var accepted = await client.PostAsJsonAsync("/abis/v1/requests", new
                {
                    id = "mosip.abis.insert",
                    requestId,
                    referenceId = $"crash-ref-{n}",
                    biometrics = new[] { ServerKeys.Finger(2, 101 + n, 1, "db4b") },
                });
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
                requests.Add(requestId);
            }

            first.Kill();
        }

        using var second = await StartServer();
        using var enroller = ServerKeys.Client(second.Address, Roles.Enroller);
        foreach (var requestId in requests)
        {
            var response = await Completed(enroller, requestId);

            // A job cut off after its insert committed runs again and finds its reference there: both mean "stored".
            var outcome = (response.GetProperty("returnValue").GetString(), response.TryGetProperty("failureReason", out var reason) ? reason.GetString() : null);
            Assert.True(outcome is ("1", null) or ("2", "10"), $"{requestId}: {outcome}");
        }

        var accepted2 = await enroller.PostAsJsonAsync("/abis/v1/requests", new { id = "mosip.abis.referenceCount", requestId = "crash-count" });
        Assert.Equal(HttpStatusCode.Accepted, accepted2.StatusCode);
        Assert.Equal("6", (await Completed(enroller, "crash-count")).GetProperty("count").GetString());

        // Request ids stay taken across the restart.
        Assert.Equal(HttpStatusCode.Conflict, (await enroller.PostAsJsonAsync("/abis/v1/requests", new { id = "mosip.abis.ping", requestId = requests[0] })).StatusCode);
    }

    private static Task<JsonElement> Completed(HttpClient client, string requestId) => AbisJobWait.CompletedAsync(client, $"/abis/v1/requests/{requestId}");

    private Task<ServerProcess> StartServer() => ServerProcess.StartAsync(
        [],
        [
            new("Huella:Store", "sqlite:" + Path.Combine(_folder, "registry.db")),
            new("Huella:KeysFile", Path.Combine(_folder, "registry.keys")),
            .. ServerKeys.Configuration(),
        ]);
}
