using Huella.Biometrics.Imaging;

namespace Huella.Research.ScanPhotos;

/// <summary>A document as printed, before it is photographed: its pixels and where its QR is (quiet zone included), in pixels.</summary>
internal sealed record PrintedDocument(GrayImage Image, double QrLeft, double QrTop, double QrSize, double ModulePixels, byte[] ExpectedBytes, string ExpectedText, string Mesa);
