using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Huella.Elections.Transmission;

/// <summary>
/// Sends a station's signed acta to central over HTTP and retries, with exponential backoff and
/// jitter, after network errors, timeouts and server errors (5xx, 408, 429), never after a
/// rejection: central identifies an acta by its signed body, so a retry of an acta that did get
/// through is acknowledged as already received, not counted again.
/// </summary>
public sealed class ActaTransmitter
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly TransmitterOptions _options;
    private readonly Random _random;

    public ActaTransmitter(HttpClient http, TimeProvider time, TransmitterOptions? options = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        _http = http;
        _time = time;
        _options = options ?? new TransmitterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttempts, 1);
        _random = random ?? Random.Shared;
    }

    public async Task<TransmissionResult> SendAsync(byte[] signedActa, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signedActa);
        TransmissionResult last = new(TransmissionStatus.GaveUp, 0, null, "not sent", null);
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            TimeSpan? retryAfter = null;
            using (var timeout = new CancellationTokenSource(_options.AttemptTimeout, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, _options.Path) { Content = new ByteArrayContent(signedActa) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    if (_options.ApiKey is not null)
                    {
                        request.Headers.Add("X-Api-Key", _options.ApiKey);
                    }

                    using var response = await _http.SendAsync(request, linked.Token).ConfigureAwait(false);
                    var answer = await ReadAnswerAsync(response, linked.Token).ConfigureAwait(false);
                    var status = StatusOf(response.StatusCode);
                    last = new TransmissionResult(status ?? TransmissionStatus.GaveUp, attempt, (int)response.StatusCode, answer.Reason, answer.Hash);
                    if (status is not null)
                    {
                        return last;
                    }

                    retryAfter = response.Headers.RetryAfter?.Delta;
                }
                catch (HttpRequestException e)
                {
                    last = new TransmissionResult(TransmissionStatus.GaveUp, attempt, null, $"network error: {e.Message}", null);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    last = new TransmissionResult(TransmissionStatus.GaveUp, attempt, null, $"no answer within {_options.AttemptTimeout.TotalSeconds:0.#} s", null);
                }
            }

            if (attempt < _options.MaxAttempts)
            {
                var delay = RetryDelay(attempt, _options, _random.NextDouble());
                await Task.Delay(retryAfter is { } asked && asked > delay ? asked : delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }

        return last;
    }

    /// <summary>
    /// The wait after failed attempt <paramref name="attempt"/> (1-based): the exponential step
    /// <c>InitialDelay · 2^(attempt-1)</c>, capped at <c>MaxDelay</c>, of which a random half is
    /// dropped (<paramref name="unit"/> in [0, 1)), so stations cut off together do not retry together.
    /// </summary>
    public static TimeSpan RetryDelay(int attempt, TransmitterOptions options, double unit)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var step = Math.Min(options.MaxDelay.Ticks, options.InitialDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 62)));
        return TimeSpan.FromTicks((long)(step / 2 + (step / 2 * Math.Clamp(unit, 0, 1))));
    }

    /// <summary>The final status an HTTP answer means, or null when the attempt should be repeated.</summary>
    private static TransmissionStatus? StatusOf(HttpStatusCode code) => code switch
    {
        HttpStatusCode.Created => TransmissionStatus.Accepted,
        HttpStatusCode.OK => TransmissionStatus.AlreadyReceived,
        HttpStatusCode.Conflict => TransmissionStatus.Conflicting,
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => null,
        >= HttpStatusCode.InternalServerError => null,
        _ => TransmissionStatus.Rejected,
    };

    private static async Task<(string Reason, string? Hash)> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var reason = root.TryGetProperty("message", out var message) ? message.GetString()
                : root.TryGetProperty("detail", out var detail) ? detail.GetString()
                : null;
            var hash = root.TryGetProperty("hash", out var h) ? h.GetString() : null;
            return (reason ?? $"HTTP {(int)response.StatusCode}", hash);
        }
        catch (JsonException)
        {
            return ($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null);
        }
    }
}
