using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;
using Huella.Biometrics;
using Huella.Crypto;
using Huella.Elections.Geography;
using Huella.Elections.Station;
using Huella.Identity;
using Huella.Identity.Enrollment;

namespace Huella.Elections.Roll;

/// <summary>
/// The roll package a polling station receives before election day, for a mesa that may be offline:
/// a public header (election, mesa, issue time, number of electors, the machine it is for), the
/// electors and their templates sealed to that machine's X25519 key (only it can read them), and
/// the electoral authority's Ed25519 signature over all of it (nobody can add, drop or swap an
/// elector). Layout: "HRP1" ‖ header ‖ u32 sealed length ‖ sealed body ‖ signature (64).
/// </summary>
public static class RollPackage
{
    private static ReadOnlySpan<byte> Magic => "HRP1"u8;
    private const int MaxElectors = 100_000;
    private const int MaxTemplateBytes = 64 * 1024;

    public static byte[] Seal(MesaRoll roll, ReadOnlySpan<byte> machineSealingKey, SigningKey authority)
    {
        ArgumentNullException.ThrowIfNull(roll);
        ArgumentNullException.ThrowIfNull(authority);
        var header = Header(roll.ElectionId, roll.Mesa, roll.IssuedAt, roll.Electors.Length, machineSealingKey);
        var sealedBody = SealedBox.Seal(machineSealingKey, Body(roll.Electors), header);
        var package = new byte[header.Length + 4 + sealedBody.Length + SigningKey.SignatureSize];
        header.CopyTo(package, 0);
        BinaryPrimitives.WriteUInt32BigEndian(package.AsSpan(header.Length), (uint)sealedBody.Length);
        sealedBody.CopyTo(package, header.Length + 4);
        authority.Sign(package.AsSpan(0, package.Length - SigningKey.SignatureSize), package.AsSpan(package.Length - SigningKey.SignatureSize));
        return package;
    }

    /// <summary>
    /// Checks the authority's signature, that the package is for this election, mesa and machine, and
    /// opens it. False, with a reason, for anything forged, altered, truncated or addressed elsewhere.
    /// </summary>
    public static bool TryOpen(ReadOnlySpan<byte> package, VerificationKey authority, SealingKey machine, string electionId, MesaId mesa, out OpenedRoll? roll, out string? error)
    {
        ArgumentNullException.ThrowIfNull(machine);
        roll = null;
        if (!TryReadHeader(package, out var header, out var headerLength, out error))
        {
            return false;
        }

        if (package.Length < headerLength + 4 + SigningKey.SignatureSize)
        {
            error = "the package is truncated";
            return false;
        }

        var sealedLength = BinaryPrimitives.ReadUInt32BigEndian(package[headerLength..]);
        if (sealedLength != package.Length - headerLength - 4 - SigningKey.SignatureSize)
        {
            error = "the package length does not match its contents";
            return false;
        }

        if (!authority.Verify(package[..^SigningKey.SignatureSize], package[^SigningKey.SignatureSize..]))
        {
            error = "the electoral authority's signature does not verify: the package is forged or altered";
            return false;
        }

        if (header.ElectionId != electionId || header.Mesa != mesa)
        {
            error = $"the package is for {header.ElectionId} mesa {header.Mesa}, not {electionId} mesa {mesa}";
            return false;
        }

        if (!header.Machine.SequenceEqual(machine.PublicKey.Span))
        {
            error = "the package was sealed for another machine";
            return false;
        }

        if (!SealedBox.TryOpen(machine, package.Slice(headerLength + 4, (int)sealedLength), package[..headerLength], out var body))
        {
            error = "the electors cannot be decrypted with this machine's key";
            return false;
        }

        try
        {
            if (!TryReadBody(body, header.Electors, out var electors, out error))
            {
                return false;
            }

            roll = new OpenedRoll(header.ElectionId, header.Mesa, header.IssuedAt, electors);
            return true;
        }
        finally
        {
            Array.Clear(body);
        }
    }

    private static byte[] Header(string electionId, MesaId mesa, DateTimeOffset issuedAt, int electors, ReadOnlySpan<byte> machine)
    {
        if (machine.Length != SealingKey.PublicKeySize)
        {
            throw new ArgumentException("A machine's sealing key is 32 bytes.", nameof(machine));
        }

        var election = Encoding.UTF8.GetBytes(electionId);
        if (election.Length is 0 or > 255)
        {
            throw new ArgumentException("An election id is 1–255 bytes.", nameof(electionId));
        }

        var header = new byte[Magic.Length + 1 + election.Length + 4 + 1 + 8 + 4 + SealingKey.PublicKeySize];
        var span = header.AsSpan();
        Magic.CopyTo(span);
        span = span[Magic.Length..];
        span[0] = (byte)election.Length;
        election.CopyTo(span[1..]);
        span = span[(1 + election.Length)..];
        BinaryPrimitives.WriteInt32BigEndian(span, mesa.Centre.Value);
        span[4] = checked((byte)mesa.Number);
        BinaryPrimitives.WriteInt64BigEndian(span[5..], issuedAt.ToUnixTimeSeconds());
        BinaryPrimitives.WriteInt32BigEndian(span[13..], electors);
        machine.CopyTo(span[17..]);
        return header;
    }

    private readonly record struct PackageHeader(string ElectionId, MesaId Mesa, DateTimeOffset IssuedAt, int Electors, byte[] Machine);

    private static bool TryReadHeader(ReadOnlySpan<byte> package, out PackageHeader header, out int length, out string? error)
    {
        header = default;
        length = 0;
        if (package.Length < Magic.Length + 1 || !package.StartsWith(Magic))
        {
            error = "not a Huella roll package";
            return false;
        }

        var electionLength = package[Magic.Length];
        length = Magic.Length + 1 + electionLength + 4 + 1 + 8 + 4 + SealingKey.PublicKeySize;
        if (electionLength == 0 || package.Length < length)
        {
            error = "the package header is truncated";
            return false;
        }

        var span = package[(Magic.Length + 1)..];
        string election;
        try
        {
            election = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(span[..electionLength]);
        }
        catch (DecoderFallbackException)
        {
            error = "the election id is not UTF-8";
            return false;
        }

        span = span[electionLength..];
        var centre = BinaryPrimitives.ReadInt32BigEndian(span);
        if (!CentreCode.TryParse(centre.ToString("D9", System.Globalization.CultureInfo.InvariantCulture), out var code) || span[4] == 0)
        {
            error = "the mesa code is not valid";
            return false;
        }

        var issuedAt = BinaryPrimitives.ReadInt64BigEndian(span[5..]);
        if (issuedAt is < 0 or > 253_402_300_799)
        {
            error = "the issue time is out of range";
            return false;
        }

        var electors = BinaryPrimitives.ReadInt32BigEndian(span[13..]);
        if (electors is < 0 or > MaxElectors)
        {
            error = $"the package claims {electors} electors (at most {MaxElectors})";
            return false;
        }

        header = new PackageHeader(election, new MesaId(code, span[4]), DateTimeOffset.FromUnixTimeSeconds(issuedAt), electors, span.Slice(17, SealingKey.PublicKeySize).ToArray());
        error = null;
        return true;
    }

    private static byte[] Body(ImmutableArray<RollElector> electors)
    {
        using var stream = new MemoryStream();
        Span<byte> number = stackalloc byte[4];
        foreach (var elector in electors)
        {
            var cedula = Encoding.UTF8.GetBytes(elector.Cedula.ToString());
            stream.WriteByte(checked((byte)cedula.Length));
            stream.Write(cedula);
            stream.WriteByte(checked((byte)elector.Templates.Length));
            foreach (var template in elector.Templates)
            {
                BinaryPrimitives.WriteInt32BigEndian(number, template.Length);
                stream.Write(number);
                stream.Write(template.Span);
            }
        }

        return stream.ToArray();
    }

    private static bool TryReadBody(ReadOnlySpan<byte> body, int count, out ImmutableArray<ElectorEntry> electors, out string? error)
    {
        var list = ImmutableArray.CreateBuilder<ElectorEntry>(count);
        var seen = new HashSet<Cedula>();
        electors = [];
        for (var i = 0; i < count; i++)
        {
            if (body.Length < 1 || body.Length < 1 + body[0] + 1 || body[0] == 0)
            {
                error = $"elector {i + 1} is truncated";
                return false;
            }

            var text = Encoding.UTF8.GetString(body.Slice(1, body[0]));
            if (!Cedula.TryParse(text, out var cedula))
            {
                error = $"elector {i + 1}: '{text}' is not a cédula";
                return false;
            }

            body = body[(1 + body[0])..];
            var fingers = body[0];
            body = body[1..];
            if (fingers > FingerSet.MaxFingers || !seen.Add(cedula))
            {
                error = $"elector {i + 1} ({cedula}) is listed twice or has more than {FingerSet.MaxFingers} fingers";
                return false;
            }

            var templates = ImmutableArray.CreateBuilder<FingerprintTemplate>(fingers);
            for (var f = 0; f < fingers; f++)
            {
                var length = body.Length < 4 ? -1 : BinaryPrimitives.ReadInt32BigEndian(body);
                if (length is < 1 or > MaxTemplateBytes || body.Length < 4 + length)
                {
                    error = $"elector {i + 1} ({cedula}): a template is truncated";
                    return false;
                }

                try
                {
                    templates.Add(FingerprintTemplate.Parse(body.Slice(4, length)));
                }
                catch (FingerprintFormatException e)
                {
                    error = $"elector {i + 1} ({cedula}): {e.Message}";
                    return false;
                }

                body = body[(4 + length)..];
            }

            list.Add(new ElectorEntry(cedula, templates.MoveToImmutable()));
        }

        if (!body.IsEmpty)
        {
            error = "the package holds more than its electors";
            return false;
        }

        electors = list.MoveToImmutable();
        error = null;
        return true;
    }
}
