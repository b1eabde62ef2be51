using System.Net.Http.Json;
using System.Text.Json;
using Huella.Elections.Transmission;
using Huella.Server.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Huella.Server.Tests.Central;

/// <summary>The station's transmitter against central on a real socket, over a network that misbehaves on purpose.</summary>
public sealed class ActaTransmitterTests(CentralFixture central) : IClassFixture<CentralFixture>, IDisposable
{
    private static readonly TransmitterOptions Fast = new()
    {
        ApiKey = ServerKeys.For(Roles.Station),
        InitialDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(200),
        AttemptTimeout = TimeSpan.FromSeconds(20),
        MaxAttempts = 6,
    };

    private readonly HttpClient _http = new() { BaseAddress = central.Address, Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose()
    {
        central.Network = null;
        _http.Dispose();
    }

    private byte[] ActaOf(int index) => central.Actas.Sign(central.Actas.ActaFor(central.Actas.Mesas.ElementAt(index)));

    private async Task<int> VersionsOf(int index)
    {
        using var observer = ServerKeys.Client(central.Address, Roles.Observer);
        var versions = await observer.GetFromJsonAsync<JsonElement>($"/central/v1/actas/{central.Actas.Mesas.ElementAt(index)}");
        return versions.GetProperty("versions").GetArrayLength();
    }

    [Fact]
    public async Task Dropped_connections_and_server_errors_are_retried_until_central_stores_the_acta()
    {
        var first = central.Requests + 1;
        central.Network = (n, context, pass) =>
        {
            if (n < first + 2)
            {
                context.Abort();
                return Task.CompletedTask;
            }

            if (n == first + 2)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            }

            return pass();
        };

        var result = await new ActaTransmitter(_http, TimeProvider.System, Fast).SendAsync(ActaOf(0));

        Assert.Equal(TransmissionStatus.Accepted, result.Status);
        Assert.Equal(4, result.Attempts);
        Assert.Equal(first + 3, central.Requests);
        Assert.Equal(1, await VersionsOf(0));
    }

    [Fact]
    public async Task An_acknowledgement_lost_on_the_way_back_is_retried_safely_and_answered_already_received()
    {
        var first = central.Requests + 1;
        central.Network = async (n, context, pass) =>
        {
            if (n != first)
            {
                await pass();
                return;
            }

            // Central stores the acta and answers, but the answer never reaches the station.
            context.Response.Body = new MemoryStream();
            await pass();
            context.Abort();
        };

        var result = await new ActaTransmitter(_http, TimeProvider.System, Fast).SendAsync(ActaOf(1));

        Assert.Equal(TransmissionStatus.AlreadyReceived, result.Status);
        Assert.True(result.Acknowledged);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(1, await VersionsOf(1));
    }

    [Fact]
    public async Task An_attempt_left_unanswered_times_out_and_is_retried()
    {
        var first = central.Requests + 1;
        var swallowed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        central.Network = async (n, context, pass) =>
        {
            if (n == first)
            {
                // A link that swallows the request: nothing comes back until the station gives up on it.
                swallowed.SetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            await pass();
        };

        // The station's clock is a fake one: the attempt times out when the test says so, however slow the machine.
        // No back-off between attempts, so nothing else waits on that clock.
        var clock = new FakeTimeProvider();
        var options = Fast with { AttemptTimeout = TimeSpan.FromSeconds(2), InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };
        var sending = new ActaTransmitter(_http, clock, options).SendAsync(ActaOf(2));
        await swallowed.Task;
        Assert.False(sending.IsCompleted);
        clock.Advance(options.AttemptTimeout);
        var result = await sending;

        Assert.True(result.Acknowledged, result.Reason);
        Assert.Equal(TransmissionStatus.Accepted, result.Status);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(first + 1, central.Requests);
        Assert.Equal(1, await VersionsOf(2));
    }

    [Fact]
    public async Task A_rejection_is_final_and_never_retried()
    {
        var first = central.Requests + 1;
        using var rogue = Huella.Crypto.SigningKey.Generate();

        var result = await new ActaTransmitter(_http, TimeProvider.System, Fast).SendAsync(central.Actas.Sign(central.Actas.ActaFor(central.Actas.Mesas.ElementAt(3)), rogue));

        Assert.Equal(TransmissionStatus.Rejected, result.Status);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(422, result.HttpStatus);
        Assert.Contains("was not published", result.Reason, StringComparison.Ordinal);
        Assert.Equal(first, central.Requests);
    }

    [Fact]
    public async Task A_station_without_its_key_is_refused_at_once()
    {
        var result = await new ActaTransmitter(_http, TimeProvider.System, Fast with { ApiKey = null }).SendAsync(ActaOf(4));

        Assert.Equal(TransmissionStatus.Rejected, result.Status);
        Assert.Equal(401, result.HttpStatus);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task Giving_up_after_the_last_attempt_reports_the_last_failure()
    {
        central.Network = (_, context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        };

        var result = await new ActaTransmitter(_http, TimeProvider.System, Fast with { MaxAttempts = 3 }).SendAsync(ActaOf(5));

        Assert.Equal(TransmissionStatus.GaveUp, result.Status);
        Assert.False(result.Acknowledged);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(500, result.HttpStatus);
    }

    [Theory]
    [InlineData(1, 250, 500)]
    [InlineData(2, 500, 1000)]
    [InlineData(4, 2000, 4000)]
    [InlineData(9, 30_000, 60_000)]
    [InlineData(40, 30_000, 60_000)]
    public void Backoff_doubles_up_to_the_cap_and_jitter_keeps_the_upper_half(int attempt, int lowMs, int highMs)
    {
        var options = new TransmitterOptions();
        Assert.Equal(TimeSpan.FromMilliseconds(lowMs), ActaTransmitter.RetryDelay(attempt, options, 0));
        Assert.Equal(TimeSpan.FromMilliseconds((lowMs + highMs) / 2.0), ActaTransmitter.RetryDelay(attempt, options, 0.5));
        Assert.InRange(ActaTransmitter.RetryDelay(attempt, options, 0.999999), TimeSpan.FromMilliseconds(highMs - 1), TimeSpan.FromMilliseconds(highMs));
    }
}
