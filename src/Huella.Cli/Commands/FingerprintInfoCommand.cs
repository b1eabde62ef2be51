using System.CommandLine;
using System.Globalization;
using Huella.Biometrics;
using Huella.Biometrics.Formats.AnsiNist;
using Huella.Biometrics.Formats.Minutiae;
using Huella.Biometrics.Imaging;

namespace Huella.Cli.Commands;

/// <summary><c>huella fingerprint info FILE</c>: what a fingerprint file holds, recognised from its content.</summary>
internal static class FingerprintInfoCommand
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An image (PNG, JPEG, BMP, TIFF, PGM, WSQ), a minutiae template (ISO 19794-2, ANSI 378, Huella) or an ANSI/NIST-ITL transaction." }.MustExistAsFile();
        var command = new Command("info", "Describe a fingerprint image, template or transaction.") { file };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                foreach (var line in Describe(File.ReadAllBytes(parse.GetValue(file)!.FullName)))
                {
                    output.WriteLine(line);
                }

                return 0;
            }
            catch (Exception e) when (e is IOException or FingerprintFormatException or UnauthorizedAccessException)
            {
                error.WriteLine($"huella fingerprint info: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    internal static IEnumerable<string> Describe(byte[] data)
    {
        var format = ImageDecoder.Detect(data);
        if (format != ImageFormat.Unknown)
        {
            var image = ImageDecoder.Decode(data);
            return [string.Create(CultureInfo.InvariantCulture, $"{format.ToString().ToUpperInvariant()} image, {image.Width}x{image.Height} pixels, {image.Dpi:0.#} dpi, {data.Length:N0} bytes")];
        }

        if (data.AsSpan().StartsWith("HFT"u8))
        {
            var template = FingerprintTemplate.Parse(data);
            return [$"Huella template, {template.Width}x{template.Height} at 500 dpi, {template.Minutiae.Count} minutiae{(template.HasRidgeFlow ? " and ridge flow" : "")}, quality {template.Quality}, {data.Length:N0} bytes"];
        }

        if (data.AsSpan().StartsWith("FMR\0"u8))
        {
            return [MinutiaeRecord.Parse(data).ToString()];
        }

        if (data.AsSpan().StartsWith("1.0"u8))
        {
            var transaction = AnsiNistTransaction.Parse(data);
            var lines = new List<string> { transaction.ToString() };
            lines.AddRange(transaction.Images.Select(i => string.Create(CultureInfo.InvariantCulture,
                $"  Type-{i.RecordType} image: position {i.Position}, {i.Width}x{i.Height}, {i.Dpi ?? 0:0.#} dpi, {i.Compression}")));
            lines.AddRange(transaction.Minutiae.Select(m => $"  Type-9 minutiae: {m.MinutiaeCount}"));
            return lines;
        }

        throw new FingerprintFormatException("Not a fingerprint image, template or ANSI/NIST-ITL transaction Huella reads.") { Offset = 0 };
    }
}
