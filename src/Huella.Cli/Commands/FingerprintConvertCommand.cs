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
        var input = new Argument<FileInfo>("IN") { Description = "Image to convert (format recognised from its content)." };
        var output = new Argument<FileInfo>("OUT") { Description = "Where to write: .png or .wsq." };
        var dpi = new Option<double?>("--dpi") { Description = "Resolution of the input, overriding what the file says." };
        var bitRate = new Option<double>("--bitrate") { Description = "WSQ bits per pixel.", DefaultValueFactory = _ => 0.75 };
        var command = new Command("convert", "Convert a fingerprint image to PNG or WSQ.") { input, output, dpi, bitRate };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var target = parse.GetValue(output)!;
            try
            {
                var image = ImageDecoder.Load(parse.GetValue(input)!.FullName, parse.GetValue(dpi));
                var bytes = target.Extension.ToLowerInvariant() switch
                {
                    ".png" => ImageEncoder.EncodePng(image),
                    ".wsq" => WsqCodec.Encode(image, parse.GetValue(bitRate)),
                    _ => null,
                };
                if (bytes is null)
                {
                    error.WriteLine($"huella fingerprint convert: cannot write '{target.Extension}'; use .png or .wsq.");
                    return HuellaCommand.UsageError;
                }

                File.WriteAllBytes(target.FullName, bytes);
                parse.InvocationConfiguration.Output.WriteLine($"{target.Name}: {image.Width}x{image.Height}, {image.Dpi:0.#} dpi, {bytes.Length:N0} bytes ({(double)image.Pixels.Length / bytes.Length:0.0}:1)");
                return 0;
            }
            catch (Exception e) when (e is IOException or FingerprintFormatException or ArgumentException or UnauthorizedAccessException)
            {
                error.WriteLine($"huella fingerprint convert: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
