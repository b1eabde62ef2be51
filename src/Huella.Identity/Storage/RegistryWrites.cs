using System.Data.Common;
using Huella.Storage;

namespace Huella.Identity.Storage;

/// <summary>
/// The registry's serialised write transactions: one writer at a time in process (a gate) and
/// across processes (the engine's lock, taken by <c>begin</c>), because each write extends the
/// audit chain from the hash of the entry before it.
/// </summary>
internal sealed class RegistryWrites(
    StoreConnections connections,
    Func<DbConnection, CancellationToken, Task<DbTransaction>> begin,
    TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Runs <paramref name="body"/> in a write transaction: it extends the audit chain from the stored
    /// head and writes the entries it takes from it; nothing is committed unless it returns. After a
    /// commit that extended the chain, <paramref name="committed"/> sees the chain's new end, still
    /// inside the gate, so whatever it records follows chain order.
    /// </summary>
    public async Task<T> ChainedAsync<T>(Func<DbConnection, DbTransaction, AuditChain, Task<T>> body, string actor, Action<AuditChain> committed, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await begin(connection, cancellationToken).ConfigureAwait(false);
            var (sequence, head) = await AuditLog.HeadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var chain = new AuditChain(sequence, head, actor, time);
            var result = await body(connection, transaction, chain).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (chain.Sequence > sequence)
            {
                committed(chain);
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>As <see cref="ChainedAsync"/>, the body appending audit entries through an <see cref="AuditWriter"/>.</summary>
    public Task<T> AuditedAsync<T>(Func<DbConnection, DbTransaction, AuditWriter, Task<T>> body, string actor, Action<AuditChain> committed, CancellationToken cancellationToken) =>
        ChainedAsync(
            (connection, transaction, chain) => body(
                connection,
                transaction,
                (action, person, detail) => AuditLog.InsertAsync(connection, transaction, chain.Next(action, person, detail), cancellationToken)),
            actor,
            committed,
            cancellationToken);

    public void Dispose() => _gate.Dispose();
}
