namespace Huella.Biometrics.Formats.Wsq;

/// <summary>
/// How every output sample of one filtered line is computed: which input samples are multiplied by
/// which filter taps, in which order. Symmetric extension at the line ends is resolved here once,
/// so applying the plan to thousands of rows or columns is a plain multiply-add loop.
/// <para>
/// The order of the products is the reference decoder's, because single-precision sums depend on
/// it: with the same order, decoded pixels come out identical rather than off by one now and then.
/// </para>
/// </summary>
internal sealed class WsqLinePlan
{
    private WsqLinePlan(int length, int[] start, int[] source, float[] weight)
    {
        Length = length;
        Start = start;
        Source = source;
        Weight = weight;
    }

    public int Length { get; }

    /// <summary>Output n uses terms Start[n] to Start[n + 1] - 1.</summary>
    public int[] Start { get; }

    public int[] Source { get; }

    public float[] Weight { get; }

    /// <summary>
    /// Analysis: a line of <paramref name="length"/> samples becomes its lowpass half followed by its
    /// highpass half (highpass first when <paramref name="inverted"/>). Lowpass output k is centred
    /// on sample 2k and highpass output k on sample 2k + 1; both ends mirror without repeating.
    /// </summary>
    public static WsqLinePlan Analysis(int length, bool inverted, float[] low, float[] high)
    {
        var (lowCount, highCount) = Halves(length);
        var lowOffset = inverted ? highCount : 0;
        var highOffset = inverted ? 0 : lowCount;
        var builder = new Builder(length, (low.Length + high.Length) * ((length / 2) + 1));
        var last = length - 1;
        var lowStart = new Cursor((low.Length - 1) / 2, last, repeatLeft: false, repeatRight: false);
        var highStart = new Cursor(((high.Length - 1) / 2) - 1, last, repeatLeft: false, repeatRight: false);
        for (var k = 0; k < highCount; k++)
        {
            builder.AddRun(lowOffset + k, lowStart, 0, low, 0);
            builder.AddRun(highOffset + k, highStart, 0, high, 0);
            for (var step = 0; step < 2; step++)
            {
                lowStart.StepFromStart();
                highStart.StepFromStart();
            }
        }

        if (lowCount > highCount)
        {
            builder.AddRun(lowOffset + highCount, lowStart, 0, low, 0);
        }

        return builder.Build();
    }

    /// <summary>
    /// Synthesis: interleaves the two halves back into a line. Output samples alternate between
    /// the odd and even taps of each synthesis filter; the halves are extended symmetrically, with
    /// the edge repeated or not depending on which samples the halves were centred on.
    /// </summary>
    public static WsqLinePlan Synthesis(int length, bool inverted, float[] low, float[] high)
    {
        var (lowCount, highCount) = Halves(length);
        var odd = length % 2 == 1;
        var lowOffset = inverted ? highCount : 0;
        var highOffset = inverted ? 0 : lowCount;
        var lowFirstTap = ((low.Length - 1) / 2) % 2;
        var highFirstTap = ((high.Length + 1) / 2) % 2;
        if (lowFirstTap != highFirstTap)
        {
            throw new ArgumentException("The synthesis filters must differ in length by two.", nameof(high));
        }

        // The two channels are planned separately, then each output takes its lowpass terms
        // followed by its highpass terms.
        var lowTerms = new Builder(length, (low.Length + 1) * (length + 1));
        var lowStart = new Cursor((low.Length - 1) / 4, lowCount - 1, repeatLeft: false, repeatRight: !odd);
        PlanChannel(lowTerms, lowStart, highCount, lowFirstTap, odd, low, lowOffset);

        var highTerms = new Builder(length, (high.Length + 1) * (length + 1));
        var highStart = new Cursor(((high.Length + 1) / 4) - 1, highCount - 1, repeatLeft: true, repeatRight: odd);
        PlanChannel(highTerms, highStart, highCount, highFirstTap, odd, high, highOffset);

        return Builder.Merge(lowTerms, highTerms);
    }

    private static void PlanChannel(Builder terms, Cursor start, int steps, int firstTap, bool odd, float[] filter, int offset)
    {
        var output = 0;
        for (var k = 0; k < steps; k++)
        {
            for (var tap = k == 0 ? firstTap : 1; tap >= 0; tap--)
            {
                terms.AddRun(output++, start, tap, filter, offset, stride: 2);
            }

            start.StepFromStart();
        }

        var lastTap = odd ? (firstTap == 1 ? 1 : 0) : (firstTap == 1 ? 2 : 1);
        for (var tap = 1; tap >= lastTap; tap--)
        {
            terms.AddRun(output++, start, tap, filter, offset, stride: 2);
        }

        if (output != terms.Length)
        {
            throw new InvalidOperationException($"Synthesis plan produced {output} of {terms.Length} samples.");
        }
    }

    private static (int Low, int High) Halves(int length) =>
        length % 2 == 1 ? ((length + 1) / 2, (length - 1) / 2) : (length / 2, length / 2);

    /// <summary>
    /// A read position walking one half of a line, bouncing at its ends. At an end with a pending
    /// repeat it stays put for one step (half-sample symmetry), otherwise it turns at once
    /// (whole-sample symmetry). A repeat is used up once taken.
    /// </summary>
    private struct Cursor
    {
        private readonly int _last;
        private int _direction;
        private bool _repeatLeft;
        private bool _repeatRight;

        public Cursor(int position, int last, bool repeatLeft, bool repeatRight)
        {
            if (position < 0 || position > last || last < 1)
            {
                throw WsqError.General("image too small for the WSQ decomposition");
            }

            Position = position;
            _last = last;
            _direction = -1;
            _repeatLeft = repeatLeft;
            _repeatRight = repeatRight;
        }

        public int Position { get; private set; }

        public void Step()
        {
            if (Position == 0)
            {
                _direction = _repeatLeft ? 0 : 1;
                _repeatLeft = false;
            }

            if (Position == _last)
            {
                _direction = _repeatRight ? 0 : -1;
                _repeatRight = false;
            }

            Position += _direction;
        }

        /// <summary>
        /// The per-output starting point only ever bounces off the left end; on lines long enough
        /// for the filters it never reaches the right one.
        /// </summary>
        public void StepFromStart()
        {
            if (Position == 0)
            {
                _direction = _repeatLeft ? 0 : 1;
                _repeatLeft = false;
            }

            Position += _direction;
            if (Position > _last)
            {
                throw WsqError.General("image too small for the WSQ decomposition");
            }
        }
    }

    private sealed class Builder
    {
        private readonly int[] _count;
        private readonly int[] _firstTerm;
        private int[] _source;
        private float[] _weight;
        private int _terms;

        public Builder(int length, int capacity)
        {
            Length = length;
            _count = new int[length];
            _firstTerm = new int[length];
            _source = new int[capacity];
            _weight = new float[capacity];
        }

        public int Length { get; }

        /// <summary>Terms for one output: taps firstTap, firstTap + stride, ... read along a copy of the cursor.</summary>
        public void AddRun(int output, Cursor cursor, int firstTap, float[] filter, int offset, int stride = 1)
        {
            if (output >= Length)
            {
                throw new InvalidOperationException("Plan output beyond the line.");
            }

            _firstTerm[output] = _terms;
            for (var tap = firstTap; tap < filter.Length; tap += stride)
            {
                if (tap != firstTap)
                {
                    cursor.Step();
                }

                Add(offset + cursor.Position, filter[tap]);
                _count[output]++;
            }
        }

        public WsqLinePlan Build() => Merge(this, null);

        public static WsqLinePlan Merge(Builder first, Builder? second)
        {
            var length = first.Length;
            var total = first._terms + (second?._terms ?? 0);
            var start = new int[length + 1];
            var source = new int[total];
            var weight = new float[total];
            var at = 0;
            for (var n = 0; n < length; n++)
            {
                start[n] = at;
                at = first.CopyTerms(n, source, weight, at);
                if (second is not null)
                {
                    at = second.CopyTerms(n, source, weight, at);
                }
            }

            start[length] = at;
            return new WsqLinePlan(length, start, source, weight);
        }

        private int CopyTerms(int output, int[] source, float[] weight, int at)
        {
            var from = _firstTerm[output];
            for (var i = 0; i < _count[output]; i++)
            {
                source[at] = _source[from + i];
                weight[at] = _weight[from + i];
                at++;
            }

            return at;
        }

        private void Add(int source, float weight)
        {
            if (_terms == _source.Length)
            {
                Array.Resize(ref _source, _terms * 2);
                Array.Resize(ref _weight, _terms * 2);
            }

            _source[_terms] = source;
            _weight[_terms] = weight;
            _terms++;
        }
    }
}
