using Huella.Biometrics;
using Huella.Biometrics.Imaging;

namespace Huella.Identity.Enrollment;

/// <summary>One extracted finger handed to the registry; <see cref="Position"/> is null when unknown (identification only).</summary>
public sealed record FingerCapture(FingerPosition? Position, FingerprintTemplate Template, CaptureMetadata Capture)
{
    /// <summary>The finger as the registry stores it (a capture enrolled has passed <see cref="FingerSet"/>, so it has a position).</summary>
    public FingerRecord ToRecord() =>
        new(Position ?? throw new InvalidOperationException("An enrolled finger needs its position."), Template.ToBytes(), Template.Quality, Capture);
}

/// <summary>Why a capture could not be used, in words an operator can act on.</summary>
public sealed record CaptureProblem(FingerPosition? Position, CaptureProblemCode Code, string Message);

/// <summary>Turns images into captures, with operator-readable reasons for the ones that fail.</summary>
public static class CaptureExtractor
{
    /// <summary>Decodes and extracts one image; returns a problem instead of throwing for bad or unusable images.</summary>
    public static bool TryExtract(FingerPosition? position, ReadOnlySpan<byte> imageBytes, double? dpi, string device, TimeProvider time, out FingerCapture? capture, out CaptureProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(time);
        capture = null;
        problem = null;
        GrayImage image;
        try
        {
            image = ImageDecoder.Decode(imageBytes, dpi);
        }
        catch (FingerprintFormatException e)
        {
            problem = new CaptureProblem(position, CaptureProblemCode.UnreadableImage, $"{Name(position)}: the image could not be read ({e.Message}). Send a PNG, TIFF, JPEG, BMP or PGM image.");
            return false;
        }

        if (!FingerprintTemplate.TryCreate(image, out var template, out var reason))
        {
            problem = new CaptureProblem(position, CaptureProblemCode.NoFingerprint, $"{Name(position)}: {Advice(reason)}");
            return false;
        }

        capture = new FingerCapture(position, template, new CaptureMetadata(time.GetUtcNow(), device, image.Dpi));
        return true;
    }

    public static string Name(FingerPosition? position) => position is { } p ? $"finger {(int)p} ({p})" : "finger";

    internal static string Advice(NoFingerprintReason reason) => reason switch
    {
        NoFingerprintReason.ImageTooSmall => "the image is too small to hold a fingerprint; capture at 500 dpi with the whole fingertip on the sensor",
        NoFingerprintReason.ImageTooLarge => "the image is larger than the engine accepts; capture one finger at a time at 500 dpi",
        NoFingerprintReason.NoFingerprintArea => "no fingerprint was found (blank, smudged or saturated image); clean the sensor and press the finger flat",
        NoFingerprintReason.TooFewMinutiae => "too few ridge details were found; press more firmly and roll the finger slightly so more of it touches",
        _ => $"no usable fingerprint ({reason})",
    };
}
