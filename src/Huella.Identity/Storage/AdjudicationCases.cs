using System.Data.Common;
using System.Text.Json;
using Huella.Storage;

namespace Huella.Identity.Storage;

/// <summary>Adjudication cases in their table: opened with an enrollment, read, and resolved by a decision.</summary>
internal static class AdjudicationCases
{
    public const string ById = "id = @id";

    public static Task InsertAsync(DbConnection connection, DbTransaction transaction, AdjudicationCase opened, PersonId person, CancellationToken cancellationToken) =>
        RegistrySql.ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO adjudication_cases (id, person_id, candidates, opened_at, state) VALUES (@id, @p, @c, @at, @st)",
            cancellationToken,
            ("@id", opened.Id.ToString()),
            ("@p", person.Value),
            ("@c", WriteCandidates(opened.Candidates)),
            ("@at", RegistrySql.Format(opened.OpenedAt)),
            ("@st", StoredCodes.Of(CaseState.Open)));

    /// <summary>The cases matching <paramref name="where"/> (parameter <c>@id</c> when given), oldest first.</summary>
    public static async Task<IReadOnlyList<AdjudicationCase>> LoadAsync(DbConnection connection, DbTransaction? transaction, string where, string? id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT id, person_id, candidates, opened_at, state, decision, merged_into, resolved_by, resolved_at FROM adjudication_cases WHERE {where} ORDER BY opened_at, id";
        if (id is not null)
        {
            SchemaMigrator.AddParameter(command, "@id", id);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var cases = new List<AdjudicationCase>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            cases.Add(new AdjudicationCase(
                Guid.Parse(reader.GetString(0)),
                PersonId.Parse(reader.GetString(1)),
                ReadCandidates(reader.GetString(2)),
                RegistrySql.ParseTime(reader.GetString(3)),
                StoredCodes.CaseStateOf(reader.GetInt32(4)),
                reader.IsDBNull(5) ? null : StoredCodes.DecisionOf(reader.GetInt32(5)),
                reader.IsDBNull(6) ? null : PersonId.Parse(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : RegistrySql.ParseTime(reader.GetString(8))));
        }

        return cases;
    }

    /// <summary>Applies <paramref name="decision"/> to an open case inside the write transaction; returns the case as resolved.</summary>
    public static async Task<AdjudicationCase> ResolveAsync(
        DbConnection connection, DbTransaction transaction, AuditWriter audit, KeyRing keys, TimeProvider time, Guid id, AdjudicationDecision decision, PersonId? mergeInto, string actor, CancellationToken cancellationToken)
    {
        var found = (await LoadAsync(connection, transaction, ById, id.ToString(), cancellationToken).ConfigureAwait(false)).SingleOrDefault()
            ?? throw new RegistryNotFoundException($"No adjudication case {id}.");
        if (found.State != CaseState.Open)
        {
            throw new RegistryConflictException($"Case {id} was already resolved ({found.Decision}).");
        }

        var pending = (await PersonReads.LoadAsync(connection, transaction, keys, PersonReads.ById, found.PendingPerson.Value, cancellationToken).ConfigureAwait(false))!;
        switch (decision)
        {
            case AdjudicationDecision.Approve:
                await PersonWrites.ChangeStatusAsync(connection, transaction, pending, new StatusChange(time.GetUtcNow(), PersonStatus.Active, actor, $"case {id}: approved, not a duplicate"), cancellationToken).ConfigureAwait(false);
                break;
            case AdjudicationDecision.Reject:
                await PersonWrites.ChangeStatusAsync(connection, transaction, pending, new StatusChange(time.GetUtcNow(), PersonStatus.Removed, actor, $"case {id}: rejected"), cancellationToken).ConfigureAwait(false);
                break;
            case AdjudicationDecision.Merge:
                await MergeAsync(connection, transaction, audit, keys, time, found, pending, mergeInto, actor, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(decision), decision, "Unknown decision.");
        }

        var resolvedAt = time.GetUtcNow();
        var merged = decision == AdjudicationDecision.Merge ? mergeInto : null;
        await RegistrySql.ExecuteAsync(
            connection,
            transaction,
            "UPDATE adjudication_cases SET state = @st, decision = @d, merged_into = @m, resolved_by = @by, resolved_at = @at WHERE id = @id",
            cancellationToken,
            ("@st", StoredCodes.Of(CaseState.Resolved)),
            ("@d", StoredCodes.Of(decision)),
            ("@m", merged?.Value),
            ("@by", actor),
            ("@at", RegistrySql.Format(resolvedAt)),
            ("@id", id.ToString())).ConfigureAwait(false);
        await audit(AuditAction.CaseResolve, pending.Id, $"case={id} decision={decision}{(merged is { } m ? " into=" + m.Value : "")}").ConfigureAwait(false);
        return found with { State = CaseState.Resolved, Decision = decision, MergedInto = merged, ResolvedBy = actor, ResolvedAt = resolvedAt };
    }

    private static async Task MergeAsync(
        DbConnection connection, DbTransaction transaction, AuditWriter audit, KeyRing keys, TimeProvider time, AdjudicationCase found, PersonRecord pending, PersonId? mergeInto, string actor, CancellationToken cancellationToken)
    {
        if (mergeInto is not { } targetId || found.Candidates.All(c => c.PersonId != targetId))
        {
            throw new RegistryConflictException("A merge names one of the case's candidates as the record to keep.");
        }

        var target = await PersonReads.LoadAsync(connection, transaction, keys, PersonReads.ById, targetId.Value, cancellationToken).ConfigureAwait(false);
        if (target is null || target.Status == PersonStatus.Removed)
        {
            throw new RegistryConflictException($"Candidate {targetId} is no longer in the registry.");
        }

        // Only fingers the kept record lacks are added: nothing enrolled is overwritten.
        var added = 0;
        foreach (var finger in pending.Fingers.Where(f => target.Finger(f.Position) is null))
        {
            await PersonWrites.InsertFingerAsync(connection, transaction, keys, targetId, finger, cancellationToken).ConfigureAwait(false);
            added++;
        }

        await PersonWrites.ChangeStatusAsync(connection, transaction, pending, new StatusChange(time.GetUtcNow(), PersonStatus.Removed, actor, $"case {found.Id}: merged into {targetId}"), cancellationToken).ConfigureAwait(false);
        await audit(AuditAction.PersonMerge, targetId, $"case={found.Id} from={pending.Id} fingers_added={added}").ConfigureAwait(false);
    }

    private static string WriteCandidates(IReadOnlyList<MatchCandidate> candidates) =>
        JsonSerializer.Serialize(candidates.Select(c => new CandidateRow(c.PersonId.Value, c.Score, c.Fmr)).ToArray(), StoreJson.Default.CandidateRowArray);

    private static List<MatchCandidate> ReadCandidates(string json) =>
        [.. (JsonSerializer.Deserialize(json, StoreJson.Default.CandidateRowArray) ?? []).Select(r => new MatchCandidate(PersonId.Parse(r.Id), r.Score, r.Fmr))];
}

internal sealed record CandidateRow(string Id, double Score, double Fmr);

[System.Text.Json.Serialization.JsonSerializable(typeof(CandidateRow[]))]
internal sealed partial class StoreJson : System.Text.Json.Serialization.JsonSerializerContext;
