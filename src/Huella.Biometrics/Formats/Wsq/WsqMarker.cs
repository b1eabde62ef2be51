namespace Huella.Biometrics.Formats.Wsq;

/// <summary>The two-byte markers that delimit WSQ segments (FBI WSQ specification, version 3.1).</summary>
internal static class WsqMarker
{
    public const ushort StartOfImage = 0xFFA0;
    public const ushort EndOfImage = 0xFFA1;
    public const ushort StartOfFrame = 0xFFA2;
    public const ushort StartOfBlock = 0xFFA3;
    public const ushort TransformTable = 0xFFA4;
    public const ushort QuantizationTable = 0xFFA5;
    public const ushort HuffmanTable = 0xFFA6;
    public const ushort RestartInterval = 0xFFA7;
    public const ushort Comment = 0xFFA8;
    public const ushort Restart0 = 0xFFB0;
    public const ushort Restart7 = 0xFFB7;

    public static bool IsRestart(ushort marker) => marker is >= Restart0 and <= Restart7;

    public static string Name(ushort marker) => marker switch
    {
        StartOfImage => "SOI",
        EndOfImage => "EOI",
        StartOfFrame => "SOF",
        StartOfBlock => "SOB",
        TransformTable => "DTT",
        QuantizationTable => "DQT",
        HuffmanTable => "DHT",
        RestartInterval => "DRT",
        Comment => "COM",
        _ when IsRestart(marker) => $"RST{marker - Restart0}",
        _ => $"0x{marker:X4}",
    };
}
