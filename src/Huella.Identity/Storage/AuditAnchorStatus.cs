namespace Huella.Identity.Storage;

/// <summary>How the audit log in the database stands against its latest trusted checkpoint.</summary>
public enum AuditAnchorState
{
    /// <summary>The log reaches the latest checkpoint with the same hash (and may run past it).</summary>
    Anchored,

    /// <summary>The log and the anchor are both empty: a new registry.</summary>
    Empty,

    /// <summary>The store keeps no anchor (none configured).</summary>
    NotConfigured,

    /// <summary>The log holds entries but no trusted checkpoint vouches for any: the anchor file was lost or replaced.</summary>
    Unanchored,

    /// <summary>The log ends before the latest checkpoint: entries were deleted.</summary>
    Truncated,

    /// <summary>The entry at the checkpoint's sequence has another hash: the log was rewritten.</summary>
    Rewritten,
}

/// <summary>The result of checking the audit log against its anchor; <see cref="Rejected"/> counts anchor lines that were malformed or not signed by this registry.</summary>
public readonly record struct AuditAnchorStatus(AuditAnchorState State, long LogSequence, long CheckpointSequence, int Rejected)
{
    public bool IsIntact => (State is AuditAnchorState.Anchored or AuditAnchorState.Empty or AuditAnchorState.NotConfigured) && Rejected == 0;

    public string Describe() => State switch
    {
        AuditAnchorState.Anchored => $"audit log anchored: {LogSequence} entries, checkpoint at {CheckpointSequence}",
        AuditAnchorState.Empty => "audit log empty",
        AuditAnchorState.NotConfigured => "audit log not anchored (no checkpoint file configured)",
        AuditAnchorState.Unanchored => $"audit log has {LogSequence} entries but no trusted checkpoint: the anchor file was lost or replaced",
        AuditAnchorState.Truncated => $"audit log TRUNCATED: it ends at entry {LogSequence}, a signed checkpoint vouches for {CheckpointSequence}",
        AuditAnchorState.Rewritten => $"audit log REWRITTEN: entry {CheckpointSequence} differs from its signed checkpoint",
        _ => State.ToString(),
    } + (Rejected > 0 ? $"; {Rejected} anchor line(s) malformed, forged, or signed by another key for a longer log" : "");

    /// <summary>The verdict from the log's last sequence and the hash it stores at the checkpoint's sequence (null when that entry is missing).</summary>
    internal static AuditAnchorStatus Evaluate(long logSequence, AuditCheckpoint? checkpoint, byte[]? hashAtCheckpoint, int rejected)
    {
        if (checkpoint is null)
        {
            return new(logSequence == 0 ? AuditAnchorState.Empty : AuditAnchorState.Unanchored, logSequence, 0, rejected);
        }

        var state = hashAtCheckpoint is null || logSequence < checkpoint.Sequence ? AuditAnchorState.Truncated
            : !hashAtCheckpoint.AsSpan().SequenceEqual(checkpoint.Head) ? AuditAnchorState.Rewritten
            : AuditAnchorState.Anchored;
        return new(state, logSequence, checkpoint.Sequence, rejected);
    }
}
