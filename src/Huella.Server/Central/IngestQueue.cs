using System.Threading.Channels;
using Huella.Elections.Central;
using Microsoft.Extensions.Options;

namespace Huella.Server.Central;

/// <summary>
/// Group commit for transmissions: each request checks its own acta (signatures, on its own thread),
/// then waits while one writer stores everything pending in one transaction. Stations transmitting
/// at once share a commit, and no request is answered before its acta is durably stored.
/// </summary>
internal sealed class IngestQueue(CentralCount central, ActaLog log, IOptions<CentralOptions> options, ILogger<IngestQueue> logger) : BackgroundService
{
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Stores and decides a transmission already checked (<see cref="CentralCount.Check"/>) on the caller's thread.</summary>
    public async Task<IngestOutcome> SubmitAsync(CheckedActa check, CancellationToken cancellationToken)
    {
        var pending = new Pending(check, new TaskCompletionSource<IngestOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _pending.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        return await pending.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>();
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (batch.Count < options.Value.MaxBatch && _pending.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                try
                {
                    var outcomes = await central.IngestCheckedAsync([.. batch.Select(p => p.Check)], stoppingToken).ConfigureAwait(false);

                    // The log signs a head over the batch before anyone is answered: an acknowledged acta is in a published head.
                    await log.CatchUpAsync(stoppingToken).ConfigureAwait(false);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i].Done.TrySetResult(outcomes[i]);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Nothing of this batch was acknowledged: the stations get a 5xx and transmit again.
                    Log.IngestFailed(logger, e, batch.Count);
                    batch.ForEach(p => p.Done.TrySetException(e));
                }

                batch.Clear();
            }
        }
        finally
        {
            _pending.Writer.TryComplete();
            batch.ForEach(p => p.Done.TrySetCanceled(CancellationToken.None));
            while (_pending.Reader.TryRead(out var left))
            {
                left.Done.TrySetCanceled(CancellationToken.None);
            }
        }
    }

    private sealed record Pending(CheckedActa Check, TaskCompletionSource<IngestOutcome> Done);
}
