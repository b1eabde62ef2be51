using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Huella.Server.Abis;

/// <summary>How many ABIS jobs may wait, and how many completed ones are kept and for how long.</summary>
internal sealed record AbisJobLimits(int MaxPending, int MaxCompleted, TimeSpan Retention)
{
    public static AbisJobLimits From(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.AbisMaxPendingJobs, options.AbisMaxCompletedJobs, options.AbisRetention);
    }
}

internal enum AbisSubmission
{
    Queued,
    DuplicateRequestId,
    QueueFull,
}

/// <summary>
/// The ABIS job queue: requests are accepted at once and run one after another by
/// <see cref="AbisWorker"/>, as MOSIP's queue-based ABIS does. Through the <see cref="AbisJournal"/>
/// a job is on disk before it is acknowledged and completed jobs keep their responses across
/// restarts. The queue is bounded: at
/// most <see cref="AbisJobLimits.MaxPending"/> jobs wait (more are refused, nothing is written),
/// and a completed job is forgotten, in memory and on disk, once it is older than the retention
/// or more than <see cref="AbisJobLimits.MaxCompleted"/> newer ones completed after it; its
/// request id may then be used again.
/// </summary>
internal sealed class AbisJobs : IDisposable
{
    private readonly Channel<(AbisRequest Request, string Actor)> _queue = Channel.CreateUnbounded<(AbisRequest, string)>();
    private readonly ConcurrentDictionary<string, (AbisJobView View, DateTimeOffset? CompletedAt)> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string RequestId, DateTimeOffset CompletedAt)> _completed = new();
    private readonly SemaphoreSlim _evicting = new(1, 1);
    private readonly AbisJournal _journal;
    private readonly TimeProvider _time;
    private int _pending;

    public AbisJobs(AbisJournal journal, IEnumerable<AbisJournalEntry> recovered, AbisJobLimits limits, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(recovered);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(time);
        _journal = journal;
        _time = time;
        Limits = limits;
        var completed = new List<(string, DateTimeOffset)>();
        foreach (var job in recovered)
        {
            if (job.Response is not null)
            {
                var at = job.CompletedAt ?? _time.GetUtcNow();
                _jobs[job.RequestId] = (new AbisJobView(job.RequestId, job.Operation, AbisJobStatus.Completed, job.Response), at);
                completed.Add((job.RequestId, at));
            }
            else if (job.Request is not null)
            {
                // Accepted before the restart: it was acknowledged, so it runs even beyond the bound.
                _jobs[job.RequestId] = (new AbisJobView(job.RequestId, job.Operation, AbisJobStatus.Queued, null), null);
                _pending++;
                _queue.Writer.TryWrite((job.Request, job.Actor));
            }
        }

        foreach (var entry in completed.OrderBy(c => c.Item2))
        {
            _completed.Enqueue(entry);
        }
    }

    public AbisJobLimits Limits { get; }

    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Completed jobs still kept.</summary>
    public int Completed => _completed.Count;

    internal ChannelReader<(AbisRequest Request, string Actor)> Reader => _queue.Reader;

    /// <summary>Queues a request (on disk first), unless its request id is known or the queue is full.</summary>
    public async Task<AbisSubmission> TryEnqueueAsync(AbisRequest request, AbisOperation operation, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_jobs.ContainsKey(request.RequestId))
        {
            // Checked first so that a client told "full" retries only what it can retry.
            return AbisSubmission.DuplicateRequestId;
        }

        if (Interlocked.Increment(ref _pending) > Limits.MaxPending)
        {
            Interlocked.Decrement(ref _pending);
            return AbisSubmission.QueueFull;
        }

        if (!_jobs.TryAdd(request.RequestId, (new AbisJobView(request.RequestId, operation, AbisJobStatus.Queued, null), null)))
        {
            Interlocked.Decrement(ref _pending);
            return AbisSubmission.DuplicateRequestId;
        }

        try
        {
            await _journal.AcceptAsync(request, operation, actor, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _jobs.TryRemove(request.RequestId, out _);
            Interlocked.Decrement(ref _pending);
            throw;
        }

        _queue.Writer.TryWrite((request, actor));
        return AbisSubmission.Queued;
    }

    /// <summary>The job, or null when unknown or completed longer ago than the retention (even if not yet evicted).</summary>
    public AbisJobView? Find(string requestId) =>
        _jobs.TryGetValue(requestId, out var job) && !(job.CompletedAt is { } at && _time.GetUtcNow() - at >= Limits.Retention) ? job.View : null;

    internal async Task UpdateAsync(AbisJobView job, CancellationToken cancellationToken)
    {
        if (job.Status != AbisJobStatus.Completed)
        {
            _jobs[job.RequestId] = (job, null);
            return;
        }

        var at = _time.GetUtcNow();
        await _journal.CompleteAsync(job.Response!, at, cancellationToken).ConfigureAwait(false);

        _jobs[job.RequestId] = (job, at);
        _completed.Enqueue((job.RequestId, at));
        Interlocked.Decrement(ref _pending);
    }

    /// <summary>Forgets completed jobs past the retention or beyond the count kept, from the journal first, then from memory.</summary>
    internal async Task<int> EvictAsync(CancellationToken cancellationToken)
    {
        await _evicting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var kept = _completed.Count;
            var evicted = new List<string>();
            foreach (var (requestId, completedAt) in _completed)
            {
                if (kept - evicted.Count <= Limits.MaxCompleted && now - completedAt < Limits.Retention)
                {
                    break;
                }

                evicted.Add(requestId);
            }

            if (evicted.Count == 0)
            {
                return 0;
            }

            await _journal.ForgetAsync(evicted, cancellationToken).ConfigureAwait(false);

            // Only this method dequeues, so the first evicted.Count entries are still the ones listed.
            foreach (var requestId in evicted)
            {
                _completed.TryDequeue(out _);
                _jobs.TryRemove(requestId, out _);
            }

            return evicted.Count;
        }
        finally
        {
            _evicting.Release();
        }
    }

    public void Dispose() => _evicting.Dispose();
}
