namespace Huella.Server.Forensics;

/// <summary>One rendered plot: its file name (also its URL segment), media type and bytes.</summary>
public sealed record ForensicsPlot(string FileName, string ContentType, ReadOnlyMemory<byte> Bytes);
