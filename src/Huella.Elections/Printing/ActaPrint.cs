using System.Globalization;
using Huella.Biometrics.Imaging;
using Huella.Elections.Actas;
using Huella.Elections.Contests;

namespace Huella.Elections.Printing;

/// <summary>What the printed acta may say beyond the acta itself: names for the numbers and keys it carries.</summary>
public sealed record ActaPrintOptions
{
    /// <summary>The ballot, to name each card and sum cards into candidates; without it cards print by number.</summary>
    public BallotContest? Contest { get; init; }

    /// <summary>The published keys, to print who holds each signing key; without them only key ids print.</summary>
    public PublishedKeys? Keys { get; init; }

    /// <summary>Resolution of the PNG, in dots per inch.</summary>
    public double Dpi { get; init; } = 150;
}

/// <summary>
/// The acta as the machine prints it at the mesa: one A4 page with every number on the acta, the
/// log head, the signers, and a QR holding the full signed acta, so a witness can check the paper
/// with a phone photo (<see cref="ActaQr.Read"/>, then <see cref="ActaVerifier"/>). The PNG and
/// the PDF come from one layout (<see cref="ActaLayout"/>).
/// </summary>
public static class ActaPrint
{
    /// <summary>The page as gray pixels (0 = black), at <see cref="ActaPrintOptions.Dpi"/>.</summary>
    public static GrayImage RenderImage(SignedActa acta, ActaPrintOptions? options = null)
    {
        options ??= new ActaPrintOptions();
        return PageRaster.Render(ActaLayout.Build(acta, options), options.Dpi);
    }

    public static byte[] RenderPng(SignedActa acta, ActaPrintOptions? options = null) => ImageEncoder.EncodePng(RenderImage(acta, options));

    public static byte[] RenderPdf(SignedActa acta, ActaPrintOptions? options = null) =>
        PdfWriter.Write([ActaLayout.Build(acta, options ?? new ActaPrintOptions())]);

    /// <summary>Spanish name of an incident kind, as printed.</summary>
    public static string IncidentName(IncidentKind kind) => kind switch
    {
        IncidentKind.NoMatch => "Huella sin coincidencia (3 intentos)",
        IncidentKind.NoFingerprintOnFile => "Sin huella registrada",
        IncidentKind.CannotGiveFingerprint => "No puede dar huella",
        IncidentKind.AlreadyVoted => "Ya votó (rechazado)",
        IncidentKind.NotOnRoll => "No inscrito en esta mesa",
        IncidentKind.AssistedVote => "Voto asistido",
        _ => string.Create(CultureInfo.InvariantCulture, $"Incidencia {(int)kind}"),
    };
}
