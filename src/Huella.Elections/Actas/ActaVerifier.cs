namespace Huella.Elections.Actas;

public enum ActaVerdict
{
    Valid,

    /// <summary>The bytes are not a well-formed signed acta.</summary>
    Malformed,

    /// <summary>The acta belongs to another election.</summary>
    WrongElection,

    /// <summary>No machine signature, or one by a key that was never published.</summary>
    UnknownMachine,

    /// <summary>Signed by a key published for another mesa.</summary>
    WrongMesa,

    /// <summary>A signature does not verify: the acta was altered or forged.</summary>
    BadSignature,

    /// <summary>Fewer mesa members countersigned than the rules require.</summary>
    MissingCountersignatures,

    /// <summary>Signed, but its numbers contradict each other.</summary>
    Inconsistent,
}

public readonly record struct ActaCheck(ActaVerdict Verdict, string Reason, Acta? Acta)
{
    public bool IsValid => Verdict == ActaVerdict.Valid;
}

/// <summary>Checks a signed acta offline against the published keys: what any witness can run on a phone.</summary>
public static class ActaVerifier
{
    public static ActaCheck Verify(ReadOnlySpan<byte> encoded, PublishedKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return SignedActa.TryDecode(encoded, out var signedActa, out var error)
            ? Verify(signedActa!, keys)
            : new ActaCheck(ActaVerdict.Malformed, error!, null);
    }

    public static ActaCheck Verify(SignedActa signedActa, PublishedKeys keys)
    {
        ArgumentNullException.ThrowIfNull(signedActa);
        ArgumentNullException.ThrowIfNull(keys);
        var acta = signedActa.Acta;
        if (acta.ElectionId != keys.ElectionId)
        {
            return new(ActaVerdict.WrongElection, $"acta is for election '{acta.ElectionId}', keys are for '{keys.ElectionId}'", acta);
        }

        var machineSigned = false;
        var members = new HashSet<string>();
        // The machine's signature is checked first, wherever its key id sorts: a refusal names the
        // machine, which produced the counts, before any member.
        foreach (var signature in signedActa.Signatures.OrderBy(s => s.Role))
        {
            var key = keys.Find(signature.KeyId);
            if (key is null || key.Role != signature.Role)
            {
                var who = signature.Role == SignerRole.Machine ? ActaVerdict.UnknownMachine : ActaVerdict.BadSignature;
                return new(who, $"{signature.Role} key {Convert.ToHexStringLower(signature.KeyId.AsSpan())} was not published for this role", acta);
            }

            if (key.Mesa != acta.Mesa)
            {
                return new(ActaVerdict.WrongMesa, $"{key.Holder} signs for mesa {key.Mesa}, not {acta.Mesa}", acta);
            }

            if (!key.Key.Verify(signedActa.Body.AsSpan(), signature.Signature.AsSpan()))
            {
                return new(ActaVerdict.BadSignature, $"the signature of {key.Holder} does not match the acta: it was altered or forged", acta);
            }

            if (signature.Role == SignerRole.Machine)
            {
                machineSigned = true;
            }
            else
            {
                members.Add(key.Key.Fingerprint);
            }
        }

        if (!machineSigned)
        {
            return new(ActaVerdict.UnknownMachine, "the acta carries no machine signature", acta);
        }

        if (members.Count < keys.RequiredCountersignatures)
        {
            return new(ActaVerdict.MissingCountersignatures, $"{members.Count} of {keys.RequiredCountersignatures} required mesa members countersigned", acta);
        }

        return acta.IsConsistent(out var problem)
            ? new(ActaVerdict.Valid, $"signed by the machine and {members.Count} mesa member(s) of mesa {acta.Mesa}", acta)
            : new(ActaVerdict.Inconsistent, problem!, acta);
    }

}
