using Huella.Biometrics;
using Huella.Identity;
using Huella.Identity.Enrollment;
using Microsoft.Extensions.Options;

namespace Huella.Server.Api;

/// <summary>
/// Turns uploaded finger images into captures, or into problems a client can fix (4xx, nothing
/// stored). Every decode and extraction passes through the server's <see cref="ExtractionGate"/>.
/// </summary>
internal sealed class Uploads(IOptions<ServerOptions> settings, ExtractionGate gate, TimeProvider time)
{
    public async Task<(List<FingerCapture> Captures, List<CaptureProblem> Problems)> ExtractAsync(
        IReadOnlyList<FingerImage>? fingers, string device, bool positionRequired, CancellationToken cancellationToken)
    {
        var options = settings.Value;
        var captures = new List<FingerCapture>();
        var problems = new List<CaptureProblem>();
        if (FingerSet.CountProblem(fingers?.Count ?? 0) is { } count)
        {
            problems.Add(count);
            return (captures, problems);
        }

        ArgumentNullException.ThrowIfNull(fingers);

        foreach (var finger in fingers)
        {
            // JSON lets a client send null where an image belongs.
            if (finger is null)
            {
                problems.Add(new CaptureProblem(null, CaptureProblemCode.Fingers, "a finger entry is null: send an object with an image"));
                continue;
            }

            FingerPosition? position = null;
            if (finger.Position is { } p)
            {
                if (!FingerPositions.IsValid((FingerPosition)p))
                {
                    problems.Add(new CaptureProblem(null, CaptureProblemCode.Position, $"finger position {p} is not 1 (right thumb) … 10 (left little)"));
                    continue;
                }

                position = (FingerPosition)p;
            }
            else if (positionRequired)
            {
                problems.Add(new CaptureProblem(null, CaptureProblemCode.Position, "every enrolled finger needs its position, 1 … 10"));
                continue;
            }

            if (finger.Dpi is { } dpi && !(dpi is >= 100 and <= 2000))
            {
                problems.Add(new CaptureProblem(position, CaptureProblemCode.Dpi, $"{CaptureExtractor.Name(position)}: resolution {dpi} is not 100–2000 dpi"));
                continue;
            }

            var image = finger.Image ?? "";
            if ((long)image.Length * 3 / 4 > options.MaxImageBytes)
            {
                problems.Add(new CaptureProblem(position, CaptureProblemCode.TooLarge, $"{CaptureExtractor.Name(position)}: image larger than {options.MaxImageBytes} bytes"));
                continue;
            }

            var bytes = new byte[(image.Length * 3 / 4) + 3];
            if (!Convert.TryFromBase64String(image, bytes, out var length))
            {
                problems.Add(new CaptureProblem(position, CaptureProblemCode.UnreadableImage, $"{CaptureExtractor.Name(position)}: the image is not valid base64"));
                continue;
            }

            var (capture, problem) = await gate.RunAsync(() => ExtractOne(position, bytes.AsSpan(0, length), finger.Dpi, device), cancellationToken).ConfigureAwait(false);
            if (capture is not null)
            {
                captures.Add(capture);
            }
            else
            {
                problems.Add(problem!);
            }
        }

        return (captures, problems);
    }

    /// <summary>
    /// One image. The decoders' typed errors (a malformed file, an image larger than they accept,
    /// no usable print) are the client's to fix: they become a problem (422), never a 500.
    /// </summary>
    private (FingerCapture? Capture, CaptureProblem? Problem) ExtractOne(FingerPosition? position, ReadOnlySpan<byte> image, double? dpi, string device)
    {
        try
        {
            return CaptureExtractor.TryExtract(position, image, dpi, device, time, out var capture, out var problem) ? (capture, null) : (null, problem);
        }
        catch (FingerprintFormatException e)
        {
            return (null, new CaptureProblem(position, CaptureProblemCode.UnreadableImage, $"{CaptureExtractor.Name(position)}: the image could not be read ({e.Message})"));
        }
        catch (NoUsableFingerprintException e)
        {
            return (null, new CaptureProblem(position, CaptureProblemCode.NoFingerprint, $"{CaptureExtractor.Name(position)}: {e.Message}"));
        }
    }

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(IReadOnlyList<CaptureProblem> problems, int status = StatusCodes.Status422UnprocessableEntity, string title = "The request cannot be processed") =>
        TypedResults.Problem(
            title: title,
            detail: string.Join("; ", problems.Select(p => p.Message)),
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["problems"] = problems.Select(p => new { position = (int?)p.Position, code = p.Code.ToWire(), message = p.Message }).ToList() });
}
