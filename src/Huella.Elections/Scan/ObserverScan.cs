using System.Globalization;
using System.Security.Cryptography;
using Huella.Biometrics.Imaging;
using Huella.Elections.Actas;

namespace Huella.Elections.Scan;

/// <summary>
/// A photo of a paper acta in, a verdict out: decode the photo (<see cref="PhotoDecoder"/>), find and
/// read its QR (<see cref="QrLocator"/>), check it (a Huella acta's signatures against the published
/// keys; a CNE 2024 payload's 38 counts), and compare its numbers with what <see cref="Published"/>
/// holds for the mesa. Stores nothing.
/// </summary>
public sealed class ObserverScan(PublishedKeys? keys, IPublishedActas? published, PhotoLimits? limits = null)
{
    public PhotoLimits Limits { get; } = limits ?? PhotoLimits.Default;

    public IPublishedActas? Published { get; } = published;

    /// <summary>
    /// Where CNE 2024 strips are compared when it is not <see cref="Published"/> (central serving the
    /// 2024 table beside its own election); null: the same source as Huella actas.
    /// </summary>
    public IPublishedActas? Cne2024 { get; init; }

    public async Task<ScanReport> ScanAsync(ReadOnlyMemory<byte> photo, string? file = null, CancellationToken cancellationToken = default)
    {
        if (!PhotoDecoder.TryDecode(photo.Span, Limits, out var image, out var error))
        {
            return new ScanReport { File = file, Outcome = ScanOutcome.BadPhoto, Message = error!.Value.Message };
        }

        return await ScanAsync(image!, file, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ScanReport> ScanAsync(GrayImage image, string? file = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var read = QrLocator.Find(image, ScannedPayload.IsActa, cancellationToken);
        if (read is null)
        {
            return new ScanReport { File = file, Outcome = ScanOutcome.NoCode, Message = "No QR code could be read in the photo: photograph the code flat, whole and in focus." };
        }

        var payload = ScannedPayload.Of(read);
        var report = new ScanReport
        {
            File = file,
            Outcome = ScanOutcome.NotAnActa,
            Message = payload.Problem ?? "",
            Format = payload.Format,
            Payload = payload.Text,
            Code = payload.Mesa?.ToString(),
            Contest = payload.Format is null ? null : payload.Contest,
            Method = read.Method,
        };
        if (payload.Format is null)
        {
            return report;
        }

        if (payload.Problem is not null)
        {
            return report with { Outcome = ScanOutcome.Invalid };
        }

        ActaCheck? check = payload.Huella is { } signed && keys is not null ? ActaVerifier.Verify(signed, keys) : null;
        var compared = await CompareAsync(payload, cancellationToken).ConfigureAwait(false);
        report = report with
        {
            Signature = check?.Verdict.ToString(),
            Agrees = compared.Agrees,
            Differences = compared.Differences,
            Published = compared.Source,
        };
        var what = payload.Format == ScanFormat.Huella
            ? $"Huella acta of mesa {payload.Mesa}, contest {payload.Contest}{(check is { } c ? $": {c.Reason}" : " (signatures not checked: no published keys)")}"
            : $"CNE 2024 acta of mesa {payload.Mesa}: 38 card counts read";
        if (check is { IsValid: false } bad)
        {
            return report with { Outcome = ScanOutcome.Invalid, Message = $"Huella acta of mesa {payload.Mesa} does not verify ({bad.Verdict}): {bad.Reason}." };
        }

        return compared switch
        {
            { Source: null } => report with { Outcome = ScanOutcome.NotCompared, Message = $"{what}; nothing to compare with." },
            { Published: false } => report with { Outcome = ScanOutcome.NotPublished, Message = $"{what}; {compared.Source} has nothing for this mesa." },
            { Agrees: true } => report with { Outcome = ScanOutcome.Agrees, Message = $"{what}; agrees with {compared.Source}." },
            { Agrees: false } => report with
            {
                Outcome = ScanOutcome.Differs,
                Message = $"{what}; DIFFERS from {compared.Source}: {string.Join(", ", compared.Differences.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Field} {d.Scanned} on the paper, {d.Published} published")))}.",
            },
            _ => report with { Outcome = ScanOutcome.NotCompared, Message = $"{what}; {compared.Source} shares no number with it to compare." },
        };
    }

    private async Task<(string? Source, bool Published, bool? Agrees, IReadOnlyList<ScanDifference> Differences)> CompareAsync(ScannedPayload payload, CancellationToken cancellationToken)
    {
        var source = payload.Format == ScanFormat.Cne2024 && Cne2024 is not null ? Cne2024 : Published;
        if (source is null || payload.Mesa is not { } mesa)
        {
            return (null, false, null, []);
        }

        var found = await source.FindAsync(mesa, payload.Contest, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return (source.Name, false, null, []);
        }

        var scanned = payload.Huella is { } signed ? ActaNumbers.Of(signed.Acta, source.Ballot(payload.Contest)) : ActaNumbers.Of(payload.Cne!);
        var (agrees, differences) = Compare(scanned, found.Numbers);
        if (payload.Huella is { } acta && found.ActaHash is { } hash && agrees == true
            && hash != Convert.ToHexStringLower(SHA256.HashData(acta.Body.AsSpan())))
        {
            // Same numbers, another signed body (another log head or closing time): not the acta central counted.
            return (source.Name, true, false, [new ScanDifference("signed-body", 0, 1)]);
        }

        return (source.Name, true, agrees, differences);
    }

    /// <summary>Compares on the numbers both carry; null when they share none.</summary>
    public static (bool? Agrees, IReadOnlyList<ScanDifference> Differences) Compare(ActaNumbers scanned, ActaNumbers published)
    {
        ArgumentNullException.ThrowIfNull(scanned);
        ArgumentNullException.ThrowIfNull(published);
        var differences = new List<ScanDifference>();
        var shared = 0;
        foreach (var number in scanned.Items)
        {
            if (published[number.Field] is { } value)
            {
                shared++;
                if (value != number.Value)
                {
                    differences.Add(new ScanDifference(number.Field, number.Value, value));
                }
            }
        }

        return (shared == 0 ? null : differences.Count == 0, differences);
    }
}
