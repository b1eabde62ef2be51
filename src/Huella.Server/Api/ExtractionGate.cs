namespace Huella.Server.Api;

/// <summary>
/// Bounds how many images the server decodes and extracts at once (<see cref="ServerOptions.MaxConcurrentExtractions"/>).
/// Decoding is where an upload turns into memory: a small compressed file can claim a large image,
/// so without a bound many such uploads at once would each hold their decoded pixels together.
/// Work beyond the limit waits for a slot (its request's cancellation still applies) rather than
/// being refused, so a burst of honest clients slows down instead of failing.
/// </summary>
internal sealed class ExtractionGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private int _running;
    private int _peak;

    public ExtractionGate(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
        _slots = new SemaphoreSlim(limit, limit);
    }

    public int Limit { get; }

    /// <summary>Extractions running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>The most extractions that ever ran at once in this process (what operators and tests check the limit by).</summary>
    public int Peak => Volatile.Read(ref _peak);

    /// <summary>Runs <paramref name="work"/> once a slot is free, on the caller's thread.</summary>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var running = Interlocked.Increment(ref _running);
            int peak;
            while (running > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, running, peak) != peak)
            {
            }

            return work();
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
