using System.Net.Http.Json;
using System.Text.Json;

namespace Huella.Server.Tests;

/// <summary>
/// Waits for an ABIS job by its status: as long as the job is queued or running the wait goes on,
/// however slowly a busy machine works through the queue; any other status fails at once.
/// </summary>
internal static class AbisJobWait
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    // Only there to turn a worker that never picks the job up into a failure instead of a stuck run; not a speed check.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(10);

    /// <summary>The job's MOSIP response once its status is Completed.</summary>
    public static async Task<JsonElement> CompletedAsync(HttpClient client, string location)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>(location, guard.Token);
            var status = job.GetProperty("status").GetString();
            switch (status)
            {
                case "Completed":
                    return job.GetProperty("response");
                case "Queued" or "Running":
                    await Task.Delay(Poll, guard.Token);
                    break;
                default:
                    Assert.Fail($"ABIS job at {location} has the status {status}.");
                    break;
            }
        }
    }
}
