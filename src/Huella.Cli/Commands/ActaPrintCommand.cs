using System.CommandLine;
using Huella.Biometrics;
using Huella.Elections;
using Huella.Elections.Actas;
using Huella.Elections.Contests;
using Huella.Elections.Printing;

namespace Huella.Cli.Commands;

/// <summary><c>huella acta print FILE --png OUT --pdf OUT</c>: the acta as the mesa prints it, QR included.</summary>
internal static class ActaPrintCommand
{
    public static Command Build()
    {
        var input = new Argument<string>("acta") { Description = "A signed acta: a .acta file, an image of its QR code or printed page, or its base64url text." };
        var png = new Option<FileInfo?>("--png") { Description = "Write the printed page as a gray PNG." };
        var pdf = new Option<FileInfo?>("--pdf") { Description = "Write the printed page as a one-page PDF." };
        var keys = new Option<FileInfo?>("--keys") { Description = "The published keys (JSON): names the signers on the page and reports whether the acta verifies." };
        var ballot = new Option<string?>("--ballot") { Description = "Name the cards and sum them by candidate with a known ballot: ve-2024." };
        ballot.AcceptOnlyFromAmong("ve-2024");
        var dpi = new Option<int>("--dpi") { Description = "Resolution of the PNG.", DefaultValueFactory = _ => 150 };
        dpi.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 72 or > 600)
            {
                result.AddError("--dpi must be between 72 and 600.");
            }
        });
        var command = new Command("print", "Print an acta as a PNG and/or PDF page with its QR code.") { input, png, pdf, keys, ballot, dpi };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var pngFile = parse.GetValue(png);
            var pdfFile = parse.GetValue(pdf);
            if (pngFile is null && pdfFile is null)
            {
                error.WriteLine("huella acta print: give --png OUT, --pdf OUT or both.");
                return HuellaCommand.UsageError;
            }

            try
            {
                if (!SignedActa.TryDecode(ActaVerifyCommand.ReadActa(parse.GetValue(input)!), out var signed, out var problem))
                {
                    error.WriteLine($"huella acta print: not a signed acta: {problem}");
                    return 1;
                }

                var published = parse.GetValue(keys) is { } keysFile ? PublishedKeysFile.Parse(File.ReadAllText(keysFile.FullName)) : null;
                var options = new ActaPrintOptions
                {
                    Contest = parse.GetValue(ballot) == "ve-2024" ? Venezuela2024.Presidential : null,
                    Keys = published,
                    Dpi = parse.GetValue(dpi),
                };
                if (options.Contest is { } contest && contest.Cards.Length != signed!.Acta.CardVotes.Length)
                {
                    error.WriteLine($"huella acta print: the acta counts {signed.Acta.CardVotes.Length} cards, the ballot has {contest.Cards.Length}.");
                    return 1;
                }

                if (published is not null)
                {
                    var check = ActaVerifier.Verify(signed!, published);
                    output.WriteLine($"{check.Verdict}: {check.Reason}");
                }

                if (pngFile is not null)
                {
                    File.WriteAllBytes(pngFile.FullName, ActaPrint.RenderPng(signed!, options));
                    output.WriteLine($"Printed acta of mesa {signed!.Acta.Mesa}: {pngFile.FullName}");
                }

                if (pdfFile is not null)
                {
                    File.WriteAllBytes(pdfFile.FullName, ActaPrint.RenderPdf(signed!, options));
                    output.WriteLine($"Printed acta of mesa {signed!.Acta.Mesa}: {pdfFile.FullName}");
                }

                return 0;
            }
            catch (Exception e) when (e is ElectionDataException or IOException or UnauthorizedAccessException or FingerprintFormatException)
            {
                error.WriteLine($"huella acta print: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
