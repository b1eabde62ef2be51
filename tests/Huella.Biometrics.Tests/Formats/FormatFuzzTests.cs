using System.Buffers.Binary;
using Huella.Biometrics.Formats.AnsiNist;
using Huella.Biometrics.Formats.Minutiae;
using Huella.Testing;

namespace Huella.Biometrics.Tests.Formats;

/// <summary>
/// Deterministic mutation fuzzing of both record parsers over every shared sample: a mutated file
/// must either parse (and then write and re-read to an equal model) or throw
/// <see cref="FingerprintFormatException"/> — never another exception, never a hang, and for tiny
/// inputs never a large allocation (the tell of a length field trusted before it was checked).
/// </summary>
public sealed class FormatFuzzTests
{
    private const int TemplateMutations = 40;
    private const int TransactionMutations = 24;
    private const int TinyInputLimit = 96;
    private const long TinyInputAllocationLimit = 16 * 1024;

    // Only there to turn an infinite loop into a failure instead of a stuck run; not a speed check:
    // the guard fails when no single parse finishes in that long, however long the whole folder takes.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private static long _parsesFinished;

    public static TheoryData<string> TemplateFolders => new()
    {
        "fingerprints/iso-templates/fvc2002-secugen/DB1_B",
        "fingerprints/iso-templates/fvc2002-secugen/DB2_B",
        "fingerprints/iso-templates/fvc2002-secugen/DB3_B",
        "fingerprints/iso-templates/fvc2002-secugen/DB4_B",
        "fingerprints/iso-templates/invalid/fvc2004/DB_1B",
        "fingerprints/sourceafis-samples",
    };

    public static TheoryData<string> TransactionFolders => new()
    {
        "ansi-nist/jnbis-nist-samples",
        "ansi-nist/nbis-an2kconvert-testdata",
        "ansi-nist/nist-ansi-character-separated-reference-files",
    };

    [Theory]
    [MemberData(nameof(TemplateFolders))]
    public void Mutated_templates_parse_or_fail_with_a_format_exception(string folder)
    {
        var files = SharedData.Files(folder, folder.EndsWith("samples", StringComparison.Ordinal) ? "iso-*.dat" : "*.iso");
        Assert.NotEmpty(files);
        var parsed = 0;
        var rejected = 0;
        RunGuarded(() =>
        {
            foreach (var file in files)
            {
                var original = File.ReadAllBytes(file);
                var random = new Random(StableSeed(file));
                for (var i = 0; i < TemplateMutations; i++)
                {
                    var mutated = Mutate(original, random, TemplateLengthOffsets(original));
                    _ = CheckTemplate(mutated) ? parsed++ : rejected++;
                    if (mutated.Length <= TinyInputLimit)
                    {
                        AssertSmallAllocation(() => _ = CheckTemplate(mutated));
                    }
                }

                for (var length = 0; length <= Math.Min(original.Length, TinyInputLimit); length += 7)
                {
                    var prefix = original.AsSpan(0, length).ToArray();
                    AssertSmallAllocation(() => _ = CheckTemplate(prefix));
                    if (length >= 12)
                    {
                        BinaryPrimitives.WriteInt32BigEndian(prefix.AsSpan(8), 0x7FFFFFFF);
                        AssertSmallAllocation(() => _ = CheckTemplate(prefix));
                    }
                }
            }
        });

        // Both outcomes must occur, or the mutations are not probing anything.
        Assert.True(rejected > 0, "no mutation was rejected");
        Assert.True(parsed > 0 || folder.Contains("invalid", StringComparison.Ordinal), "no mutation parsed");
    }

    [Theory]
    [MemberData(nameof(TransactionFolders))]
    public void Mutated_transactions_parse_or_fail_with_a_format_exception(string folder)
    {
        var files = SharedData.Files(folder, "*.an2");
        Assert.NotEmpty(files);
        var parsed = 0;
        var rejected = 0;
        RunGuarded(() =>
        {
            foreach (var file in files)
            {
                var original = File.ReadAllBytes(file);
                var random = new Random(StableSeed(file));
                var lengthOffsets = TransactionLengthOffsets(original);
                for (var i = 0; i < TransactionMutations; i++)
                {
                    _ = CheckTransaction(Mutate(original, random, lengthOffsets)) ? parsed++ : rejected++;
                }

                for (var length = 0; length <= TinyInputLimit; length += 5)
                {
                    var prefix = original.AsSpan(0, length).ToArray();
                    AssertSmallAllocation(() => _ = CheckTransaction(prefix));
                    var tiny = Mutate(prefix, random, []);
                    AssertSmallAllocation(() => _ = CheckTransaction(tiny));
                }
            }
        });

        Assert.True(rejected > 0, "no mutation was rejected");
        Assert.True(parsed > 0, "no mutation parsed");
    }

    [Fact]
    public void A_binary_record_claiming_two_gigabytes_is_rejected_without_allocating_it()
    {
        var original = File.ReadAllBytes(SharedData.PathOf("ansi-nist", "nist-ansi-character-separated-reference-files", "type-8-sig-fax.an2"));
        var offsets = TransactionLengthOffsets(original);
        var binaryLen = offsets.Single(o => o.Binary).Offset;
        var mutated = original.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(mutated.AsSpan(binaryLen), 0x7FFFFFFF);
        AssertSmallAllocation(() => Assert.Throws<FingerprintFormatException>(() => AnsiNistTransaction.Parse(mutated)));
    }

    /// <summary>The parsed value, or null when the parser rejected the input with its own format error.</summary>
    private static T? ParseOrNull<T>(byte[] bytes, Func<byte[], T> parse)
        where T : class
    {
        try
        {
            return parse(bytes);
        }
        catch (FingerprintFormatException)
        {
            return null;
        }
        finally
        {
            Interlocked.Increment(ref _parsesFinished);
        }
    }

    /// <summary>True when the input parsed (and then round-tripped), false when it was rejected.</summary>
    private static bool CheckTemplate(byte[] bytes)
    {
        if (ParseOrNull(bytes, b => MinutiaeRecord.Parse(b)) is not { } record)
        {
            return false;
        }

        _ = record.ToString();
        Assert.Equal(record, MinutiaeRecord.Parse(record.ToBytes()));
        foreach (var view in record.Views)
        {
            _ = ExtendedDataBlock.TrySplit(view.ExtendedData.AsSpan(), out _);
        }

        return true;
    }

    private static bool CheckTransaction(byte[] bytes)
    {
        if (ParseOrNull(bytes, b => AnsiNistTransaction.Parse(b)) is not { } transaction)
        {
            return false;
        }

        _ = transaction.ToString();
        _ = transaction.Images;
        try
        {
            _ = transaction.Minutiae;
        }
        catch (FingerprintFormatException)
        {
            // A mangled Type-9 subfield is reported the same way; the transaction itself stays readable.
        }

        Assert.Equal(transaction, AnsiNistTransaction.Parse(transaction.ToBytes()));
        return true;
    }

    /// <summary>Bit flips, truncations, byte runs, and length fields set to huge values.</summary>
    private static byte[] Mutate(byte[] original, Random random, List<(int Offset, bool Binary)> lengthFields)
    {
        if (original.Length == 0)
        {
            return [(byte)random.Next(256)];
        }

        var bytes = original.ToArray();
        switch (random.Next(lengthFields.Count > 0 ? 6 : 5))
        {
            case 0:
                for (var flips = random.Next(1, 5); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            case 2:
                var from = random.Next(bytes.Length);
                random.NextBytes(bytes.AsSpan(from, Math.Min(8, bytes.Length - from)));
                return bytes;
            case 3:
                var at = random.Next(Math.Max(1, bytes.Length - 4));
                var huge = random.Next(3) switch { 0 => 0x7FFFFFFF, 1 => unchecked((int)0xFFFFFFFF), _ => 0x0000FFFF };
                if (bytes.Length >= at + 4)
                {
                    BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(at), huge);
                }

                return bytes;
            case 4:
                // Splice: drop or duplicate a run, shifting everything after it.
                var start = random.Next(bytes.Length);
                var count = random.Next(1, 16);
                return random.Next(2) == 0
                    ? [.. bytes[..start], .. bytes[Math.Min(bytes.Length, start + count)..]]
                    : [.. bytes[..start], .. bytes[start..Math.Min(bytes.Length, start + count)], .. bytes[start..]];
            default:
                var (offset, binary) = lengthFields[random.Next(lengthFields.Count)];
                if (binary)
                {
                    BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(offset), random.Next(2) == 0 ? 0x7FFFFFFF : random.Next(1, 64));
                }
                else
                {
                    // ASCII LEN: overwrite its digits with nines, or with a tiny value.
                    var digit = random.Next(2) == 0 ? (byte)'9' : (byte)'0';
                    for (var p = offset; p < bytes.Length && bytes[p] is >= (byte)'0' and <= (byte)'9'; p++)
                    {
                        bytes[p] = digit;
                    }
                }

                return bytes;
        }
    }

    private static List<(int Offset, bool Binary)> TemplateLengthOffsets(byte[] bytes)
    {
        var offsets = new List<(int, bool)>();
        if (bytes.Length >= 28)
        {
            offsets.Add((8, true));
            offsets.Add((24, true)); // first view header: finger, view, quality, minutiae count
        }

        return offsets;
    }

    /// <summary>Where each record's LEN sits: 4-byte binary LEN, or the digits after "T.001:".</summary>
    private static List<(int Offset, bool Binary)> TransactionLengthOffsets(byte[] bytes)
    {
        var transaction = AnsiNistTransaction.Parse(bytes);
        var offsets = new List<(int, bool)>();
        var position = 0;
        foreach (var record in transaction.Records)
        {
            if (record is BinaryRecord binary)
            {
                offsets.Add((position, true));
                position += binary.Bytes.Length;
            }
            else
            {
                var tagged = (TaggedRecord)record;
                offsets.Add((position + tagged.Fields[0].Tag.Length + 1, false));
                position += tagged.GetInt(1)!.Value;
            }
        }

        return offsets;
    }

    private static void AssertSmallAllocation(Action parse)
    {
        parse(); // warm up: first-call JIT and type loading allocate too
        var before = GC.GetAllocatedBytesForCurrentThread();
        parse();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, 0, TinyInputAllocationLimit);
    }

    private static void RunGuarded(Action action)
    {
        var task = Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var finished = Interlocked.Read(ref _parsesFinished);
        while (!task.Wait(HangGuard))
        {
            // A busy machine only slows the parses down; a parser stuck in a loop finishes none.
            var now = Interlocked.Read(ref _parsesFinished);
            Assert.True(now != finished, "A parser did not finish one input: probable infinite loop.");
            finished = now;
        }

        task.GetAwaiter().GetResult();
    }

    private static int StableSeed(string path)
    {
        var seed = 17;
        foreach (var c in Path.GetFileName(path))
        {
            seed = unchecked((seed * 31) + c);
        }

        return seed;
    }
}
