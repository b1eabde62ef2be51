using System.CommandLine;
using Huella.Biometrics;
using Huella.Biometrics.Imaging;
using Huella.Elections;
using Huella.Elections.Actas;

namespace Huella.Cli.Commands;

/// <summary><c>huella acta verify FILE|PAYLOAD --keys KEYS.json</c>: checks one acta offline.</summary>
internal static class ActaVerifyCommand
{
    public static Command Build()
    {
        var input = new Argument<string>("acta") { Description = "A signed acta: a .acta file, an image of its QR code or of the printed page, or its base64url text." };
        var keys = new Option<FileInfo>("--keys") { Description = "The published keys (JSON).", Required = true }.MustExistAsFile();
        var command = new Command("verify", "Check an acta's signatures and numbers offline against the published keys.") { input, keys };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var published = PublishedKeysFile.Parse(File.ReadAllText(parse.GetValue(keys)!.FullName));
                var bytes = ReadActa(parse.GetValue(input)!);
                var check = ActaVerifier.Verify(bytes, published);
                output.WriteLine($"{check.Verdict}: {check.Reason}");
                if (check.Acta is { } acta)
                {
                    output.WriteLine($"{(acta.Kind == ActaKind.Opening ? "opening acta (zero report)" : "closing acta")} of mesa {acta.Mesa}, election {acta.ElectionId}, contest {acta.Contest}: {acta.BallotsCast} ballots, {acta.NullVotes} null, {acta.BlankVotes} blank; cards {string.Join(',', acta.CardVotes)}");
                }

                return check.IsValid ? 0 : 1;
            }
            catch (Exception e) when (e is ElectionDataException or IOException or FingerprintFormatException)
            {
                error.WriteLine($"huella acta verify: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    internal static byte[] ReadActa(string input)
    {
        if (!File.Exists(input))
        {
            return ActaText.TryParse(input, out var fromText)
                ? fromText
                : throw new ElectionDataException("The argument is neither a file nor an acta's base64url text.");
        }

        var data = File.ReadAllBytes(input);
        if (ImageDecoder.Detect(data) == ImageFormat.Unknown)
        {
            return data;
        }

        var image = ImageDecoder.Decode(data);
        return ActaQr.Read(image.Pixels.ToArray(), image.Width, image.Height)
            ?? throw new ElectionDataException($"No readable acta QR code in {input}.");
    }
}
