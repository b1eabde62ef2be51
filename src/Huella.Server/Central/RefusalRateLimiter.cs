using Microsoft.Extensions.Options;

namespace Huella.Server.Central;

/// <summary>
/// A token bucket of refusals per API key (<see cref="CentralOptions.RefusalBurst"/> tokens, earned
/// back at <see cref="CentralOptions.RefusalsPerMinute"/>): every refused transmission takes a token,
/// and a key with none left is answered 429 before its body is read. An honest station is refused
/// rarely and never notices; a key spraying garbage is slowed to the refill rate, so what central
/// checks and stores for it grows no faster than that.
/// </summary>
internal sealed class RefusalRateLimiter(TimeProvider time, IOptions<CentralOptions> options)
{
    private readonly Lock _lock = new();

    // One bucket per configured key that was ever refused: bounded by the key list, not by callers.
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="key"/> may transmit now, else how long until it may.</summary>
    public TimeSpan? WaitFor(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            var tokens = Refill(key);
            return tokens >= 1 ? null : TimeSpan.FromMinutes((1 - tokens) / options.Value.RefusalsPerMinute);
        }
    }

    /// <summary>Takes a token from <paramref name="key"/>: central refused what it sent.</summary>
    public void Refused(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            // Requests already past the check when the bucket ran dry still pay, down to one burst of debt.
            var tokens = Math.Max(Refill(key) - 1, -options.Value.RefusalBurst);
            _buckets[key] = new Bucket(tokens, time.GetUtcNow());
        }
    }

    private double Refill(string key)
    {
        var now = time.GetUtcNow();
        var burst = options.Value.RefusalBurst;
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            return burst;
        }

        var earned = Math.Max(0, (now - bucket.At).TotalMinutes) * options.Value.RefusalsPerMinute;
        var tokens = Math.Min(burst, bucket.Tokens + earned);
        _buckets[key] = new Bucket(tokens, now);
        return tokens;
    }

    private readonly record struct Bucket(double Tokens, DateTimeOffset At);
}
