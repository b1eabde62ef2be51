using System.CommandLine;
using Huella.Biometrics;
using Huella.Biometrics.Formats.Wsq;
using Huella.Biometrics.Imaging;

namespace Huella.Cli.Commands;

/// <summary><c>huella fingerprint convert IN OUT</c>: any image Huella reads to PNG or WSQ, chosen by OUT's extension.</summary>
internal static class FingerprintConvertCommand
{
    public static Command Build()
    {
        var input = new Argument<FileInfo>("IN") { Description = "Image to convert (format recognised from its content)." }.MustExistAsFile();
        var output = new Argument<FileInfo>("OUT") { Description = "Where to write: .png or .wsq." };
        var dpi = CliInputs.Dpi("Resolution of the input, overriding what the file says.");
        var bitRate = new Option<double>("--bitrate") { Description = $"WSQ bits per pixel, above 0 and at most {WsqCodec.MaxBitRate}.", DefaultValueFactory = _ => 0.75 };
        bitRate.Validators.Add(result =>
        {
            // Refused before anything is written: an out-of-range rate gives a file that does not decode to the image.
            var rate = result.GetValueOrDefault<double>();
            if (!double.IsFinite(rate) || rate <= 0 || rate > WsqCodec.MaxBitRate)
            {
                result.AddError($"--bitrate must be above 0 and at most {WsqCodec.MaxBitRate} bits per pixel (0.75 is the FBI's rate for 500 ppi prints).");
            }
        });
        var command = new Command("convert", "Convert a fingerprint image to PNG or WSQ.") { input, output, dpi, bitRate };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(output)!;
            var extension = target.Extension.ToLowerInvariant();
            if (extension is not (".png" or ".wsq"))
            {
                parse.InvocationConfiguration.Error.WriteLine($"huella fingerprint convert: cannot write '{target.Extension}'; use .png or .wsq.");
                return HuellaCommand.UsageError;
            }

            var image = ImageDecoder.Load(parse.GetValue(input)!.FullName, parse.GetValue(dpi));
            var bytes = extension == ".png" ? ImageEncoder.EncodePng(image) : WsqCodec.Encode(image, parse.GetValue(bitRate));
            File.WriteAllBytes(target.FullName, bytes);
            parse.InvocationConfiguration.Output.WriteLine($"{target.Name}: {image.Width}x{image.Height}, {image.Dpi:0.#} dpi, {bytes.Length:N0} bytes ({(double)image.Pixels.Length / bytes.Length:0.0}:1)");
            return 0;
        });
        return command;
    }
}
