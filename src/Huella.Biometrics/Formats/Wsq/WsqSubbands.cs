namespace Huella.Biometrics.Formats.Wsq;

/// <summary>A rectangle of the transformed image, in pixels.</summary>
internal readonly record struct WsqRegion(int X, int Y, int Width, int Height)
{
    public int Area => Width * Height;
}

/// <summary>
/// One step of the decomposition: the region is split by the filter bank along rows and then
/// columns. Inverted directions put the highpass half first (spectral inversion), which is how
/// WSQ keeps the bands of a split highpass region in frequency order.
/// </summary>
internal readonly record struct WsqSplit(WsqRegion Region, bool InvertRows, bool InvertColumns);

/// <summary>
/// The fixed WSQ decomposition of a width x height image: 20 splits (applied in order when
/// encoding, in reverse when decoding) that leave 64 subbands, of which 0-59 are coded and
/// 60-63 (the finest diagonal detail) are always discarded.
/// </summary>
internal sealed class WsqSubbands
{
    /// <summary>Quantization table entries: one per subband, coded or not.</summary>
    public const int TableEntries = 64;

    /// <summary>Subbands 0 to 59 carry data; the rest are dropped.</summary>
    public const int Coded = 60;

    /// <summary>Subbands 0-18 form block 1, 19-51 block 2 and 52-59 block 3.</summary>
    public const int SecondBlockStart = 19;

    public const int ThirdBlockStart = 52;

    private const int SplitCount = 20;

    private WsqSubbands(WsqSplit[] splits, WsqRegion[] bands)
    {
        Splits = splits;
        Bands = bands;
    }

    public WsqSplit[] Splits { get; }

    /// <summary>The 60 coded subbands, in coding order.</summary>
    public WsqRegion[] Bands { get; }

    public static WsqSubbands For(int width, int height)
    {
        var nodes = new WsqRegion[SplitCount];
        nodes[0] = new WsqRegion(0, 0, width, height);
        SplitInFour(nodes, 0, 1, withFourth: false);

        var (lowWidth, highWidth) = Halves(nodes[1].Width, firstSmaller: false);
        var (lowHeight, highHeight) = Halves(nodes[1].Height, firstSmaller: false);
        nodes[4] = new WsqRegion(lowWidth, 0, highWidth, lowHeight);
        SplitInFour(nodes, 4, 6, withFourth: true);
        nodes[5] = new WsqRegion(0, lowHeight, lowWidth, highHeight);
        SplitInFour(nodes, 5, 10, withFourth: true);
        nodes[14] = new WsqRegion(0, 0, lowWidth, lowHeight);
        SplitInFour(nodes, 14, 15, withFourth: true);
        nodes[19] = new WsqRegion(0, 0, (nodes[15].Width + 1) / 2, (nodes[15].Height + 1) / 2);

        var splits = new WsqSplit[SplitCount];
        for (var i = 0; i < SplitCount; i++)
        {
            splits[i] = new WsqSplit(nodes[i], InvertedRows(i), InvertedColumns(i));
        }

        // Later groups overwrite the first entries of earlier ones: the group laid over the whole
        // image only contributes its last 13 bands (51-63), the low corner being split further.
        var bands = new WsqRegion[TableEntries];
        SixteenBands(bands, 3, nodes[14], leftNarrower: false, topShorter: false);
        SixteenBands(bands, 19, nodes[4], leftNarrower: true, topShorter: false);
        SixteenBands(bands, 48, nodes[0], leftNarrower: false, topShorter: false);
        SixteenBands(bands, 35, nodes[5], leftNarrower: false, topShorter: true);
        FourBands(bands, 0, nodes[19]);
        return new WsqSubbands(splits, bands[..Coded]);
    }

    /// <summary>The two parts of an odd length differ by one; which comes first depends on inversion.</summary>
    private static (int First, int Second) Halves(int length, bool firstSmaller) =>
        length % 2 == 0 ? (length / 2, length / 2)
        : firstSmaller ? ((length - 1) / 2, (length + 1) / 2)
        : ((length + 1) / 2, (length - 1) / 2);

    private static bool InvertedRows(int node) => node is 2 or 4 or 7 or 9 or 11 or 13 or 16 or 18;

    private static bool InvertedColumns(int node) => node is 3 or 5 or 8 or 9 or 12 or 13 or 17 or 18;

    private static void SplitInFour(WsqRegion[] nodes, int parent, int firstChild, bool withFourth)
    {
        var r = nodes[parent];
        var (w1, w2) = Halves(r.Width, firstSmaller: parent == 4);
        var (h1, h2) = Halves(r.Height, firstSmaller: parent == 5);
        nodes[firstChild] = new WsqRegion(r.X, r.Y, w1, h1);
        nodes[firstChild + 1] = new WsqRegion(r.X + w1, r.Y, w2, h1);
        nodes[firstChild + 2] = new WsqRegion(r.X, r.Y + h1, w1, h2);
        if (withFourth)
        {
            nodes[firstChild + 3] = new WsqRegion(r.X + w1, r.Y + h1, w2, h2);
        }
    }

    private static void FourBands(WsqRegion[] bands, int start, WsqRegion r)
    {
        var (w1, w2) = Halves(r.Width, firstSmaller: false);
        var (h1, h2) = Halves(r.Height, firstSmaller: false);
        Quad(bands, start, r.X, r.Y, (w1, w2), (h1, h2));
    }

    /// <summary>
    /// Bands of a region split twice in each direction. The right and bottom halves are highpass
    /// outputs split again with inversion, so their own first parts are the smaller ones.
    /// </summary>
    private static void SixteenBands(WsqRegion[] bands, int start, WsqRegion r, bool leftNarrower, bool topShorter)
    {
        var (leftWidth, rightWidth) = Halves(r.Width, leftNarrower);
        var (topHeight, bottomHeight) = Halves(r.Height, topShorter);
        var left = Halves(leftWidth, firstSmaller: false);
        var right = Halves(rightWidth, firstSmaller: true);
        var top = Halves(topHeight, firstSmaller: false);
        var bottom = Halves(bottomHeight, firstSmaller: true);
        Quad(bands, start, r.X, r.Y, left, top);
        Quad(bands, start + 4, r.X + leftWidth, r.Y, right, top);
        Quad(bands, start + 8, r.X, r.Y + topHeight, left, bottom);
        Quad(bands, start + 12, r.X + leftWidth, r.Y + topHeight, right, bottom);
    }

    private static void Quad(WsqRegion[] bands, int start, int x, int y, (int First, int Second) widths, (int First, int Second) heights)
    {
        bands[start] = new WsqRegion(x, y, widths.First, heights.First);
        bands[start + 1] = new WsqRegion(x + widths.First, y, widths.Second, heights.First);
        bands[start + 2] = new WsqRegion(x, y + heights.First, widths.First, heights.Second);
        bands[start + 3] = new WsqRegion(x + widths.First, y + heights.First, widths.Second, heights.Second);
    }
}
