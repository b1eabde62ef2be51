namespace Huella.Elections.Central;

/// <summary>
/// How much refused material central keeps per sender (API key): the first refused transmissions are
/// kept whole as evidence; past either cap only their summary is kept (hash, verdict, reason, time,
/// size), so a sender spraying garbage costs a bounded amount of disk, whatever it sends.
/// </summary>
/// <param name="MaxBodies">Refused transmissions kept whole per sender.</param>
/// <param name="MaxBytes">Bytes of refused transmissions kept whole per sender.</param>
public sealed record RefusalLimits(int MaxBodies = 100, long MaxBytes = 1024 * 1024)
{
    /// <summary>Whether one more body of <paramref name="size"/> bytes fits after <paramref name="kept"/>.</summary>
    public bool Fits(RefusalUsage kept, int size) => kept.Bodies < MaxBodies && kept.Bytes + size <= MaxBytes;
}

/// <summary>What one sender's refused transmissions kept whole take up.</summary>
public readonly record struct RefusalUsage(int Bodies, long Bytes)
{
    public RefusalUsage Plus(int size) => new(Bodies + 1, Bytes + size);
}
