namespace Huella.Identity.Storage;

/// <summary>
/// A stored finger whose sealed template does not open: altered on disk, moved to another person's
/// row, or sealed with a key the ring no longer holds. Loading the gallery names it and goes on
/// without it, so one bad row never keeps the rest of the registry from searching.
/// </summary>
public readonly record struct UnreadableFinger(PersonId Person, FingerPosition Position, string Reason)
{
    public override string ToString() => $"person {Person.Value} finger {(int)Position}: {Reason.TrimEnd('.')}";
}

/// <summary>A stored row that fails its integrity check (an AES-GCM tag, a key id); the message names the row.</summary>
public sealed class RegistryIntegrityException(string message, Exception? inner = null) : Exception(message, inner);
