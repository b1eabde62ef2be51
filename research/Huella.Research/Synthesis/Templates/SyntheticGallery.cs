using System.Buffers.Binary;
using Huella.Biometrics;

namespace Huella.Research.Synthesis.Templates;

/// <summary>
/// Gallery files of templates for scale tests: <see cref="Write(string, int, int, int, SyntheticTemplateParameters?)"/>
/// makes one from synthetic fingers, <see cref="Read(string)"/> streams it back. A gallery of
/// <c>count</c> fingers holds impression 1 of fingers 0 … count−1 (ids 0 … count−1), then
/// <c>mated</c> records that are impression 2 of fingers spread evenly over the gallery, each
/// naming the id it mates (layout in <c>GalleryFormat.cs</c>).
/// </summary>
public static class SyntheticGallery
{
    private const int Batch = 4096;

    /// <summary>Writes a synthetic gallery; the file depends only on the arguments, not on the cores that made it.</summary>
    public static SyntheticGalleryHeader Write(string path, int count, int mated, int seed, SyntheticTemplateParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        return Write(stream, count, mated, seed, parameters);
    }

    public static SyntheticGalleryHeader Write(Stream output, int count, int mated, int seed, SyntheticTemplateParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(mated);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mated, count);
        parameters ??= SyntheticTemplateParameters.Default;
        var header = new SyntheticGalleryHeader(seed, count + mated, mated);
        Span<byte> head = stackalloc byte[GalleryFormat.HeaderSize];
        GalleryFormat.WriteHeader(head, header);
        output.Write(head);

        // Batches are made in parallel (each record depends only on its index) and written in order.
        var buffer = new SyntheticTemplate[Batch];
        var total = count + mated;
        Span<byte> bytes = stackalloc byte[GalleryFormat.MaxTemplateSize];
        for (var start = 0; start < total; start += Batch)
        {
            var size = Math.Min(Batch, total - start);
            Parallel.For(0, size, i => buffer[i] = Record(start + i, count, mated, seed, parameters).Template);
            for (var i = 0; i < size; i++)
            {
                var length = buffer[i].WriteBytes(bytes);
                GalleryFormat.WriteRecord(output, Record(start + i, count, mated).MateOf, bytes[..length]);
            }
        }

        return header;
    }

    /// <summary>Writes any templates (real ones, for example) as a gallery, with their mate links.</summary>
    public static void Write(Stream output, IReadOnlyList<(FingerprintTemplate Template, int? MateOf)> records, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(records);
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].MateOf is { } mate && (mate < 0 || mate >= i))
            {
                throw new ArgumentException($"Record {i} mates {mate}, which is not an earlier record.", nameof(records));
            }
        }

        Span<byte> head = stackalloc byte[GalleryFormat.HeaderSize];
        GalleryFormat.WriteHeader(head, new SyntheticGalleryHeader(seed, records.Count, records.Count(r => r.MateOf is not null)));
        output.Write(head);
        foreach (var (template, mateOf) in records)
        {
            GalleryFormat.WriteRecord(output, mateOf, template.ToBytes());
        }
    }

    /// <summary>Reads the header only; throws <see cref="FingerprintFormatException"/> when it is not a gallery.</summary>
    public static SyntheticGalleryHeader ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadHeader(stream);
    }

    /// <summary>
    /// Streams the records of a gallery file. The header is checked at once; a record that is
    /// corrupt throws <see cref="FingerprintFormatException"/> when enumeration reaches it.
    /// </summary>
    public static IEnumerable<SyntheticGalleryEntry> Read(string path)
    {
        _ = ReadHeader(path);
        return ReadFile(path);
    }

    /// <summary>Streams the records from <paramref name="input"/> (left open), checking each.</summary>
    public static IEnumerable<SyntheticGalleryEntry> Read(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var header = ReadHeader(input);
        return Parse(Records(input, header, GalleryFormat.HeaderSize));
    }

    /// <summary>
    /// Streams the records of a gallery file with their templates unparsed (each its own array),
    /// checking the gallery layout; <see cref="FingerprintTemplate.Parse"/> checks the template.
    /// </summary>
    public static IEnumerable<SyntheticGalleryRecord> ReadRecords(string path)
    {
        _ = ReadHeader(path);
        return ReadRecordsFile(path);
    }

    /// <summary>Streams the raw records from <paramref name="input"/> (left open).</summary>
    public static IEnumerable<SyntheticGalleryRecord> ReadRecords(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var header = ReadHeader(input);
        return Records(input, header, GalleryFormat.HeaderSize).Select(r => new SyntheticGalleryRecord(r.Id, r.Template, r.MateOf));
    }

    /// <summary>The gallery record at position <paramref name="id"/>: which finger and impression, and what it mates.</summary>
    internal static (int Finger, int Impression, int? MateOf) Record(int id, int count, int mated)
    {
        if (id < count)
        {
            return (id, 1, null);
        }

        var finger = (int)((long)(id - count) * count / mated);
        return (finger, 2, finger);
    }

    private static (SyntheticTemplate Template, int? MateOf) Record(int id, int count, int mated, int seed, SyntheticTemplateParameters parameters)
    {
        var (finger, impression, mateOf) = Record(id, count, mated);
        return (SyntheticTemplates.CreateFinger(seed, finger, parameters).Impression(impression), mateOf);
    }

    private static IEnumerable<SyntheticGalleryEntry> ReadFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        foreach (var entry in Read(stream))
        {
            yield return entry;
        }
    }

    private static IEnumerable<SyntheticGalleryRecord> ReadRecordsFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        foreach (var record in ReadRecords(stream))
        {
            yield return record;
        }
    }

    private static IEnumerable<SyntheticGalleryEntry> Parse(IEnumerable<(int Id, byte[] Template, int? MateOf, long Offset)> records)
    {
        foreach (var (id, bytes, mateOf, offset) in records)
        {
            FingerprintTemplate template;
            try
            {
                template = FingerprintTemplate.Parse(bytes);
            }
            catch (FingerprintFormatException e)
            {
                throw new FingerprintFormatException($"The {GalleryFormat.Format} record {id} holds a bad template: {e.Message}", e)
                {
                    Format = GalleryFormat.Format,
                    Offset = offset + (e.Offset ?? 0),
                };
            }

            yield return new SyntheticGalleryEntry(id, template, mateOf);
        }
    }

    private static SyntheticGalleryHeader ReadHeader(Stream input)
    {
        Span<byte> head = stackalloc byte[GalleryFormat.HeaderSize];
        var read = input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        long? remaining = input.CanSeek ? input.Length - input.Position : null;
        return GalleryFormat.ReadHeader(head[..read], remaining);
    }

    /// <summary>Records with the gallery layout checked; the offset is where each template starts.</summary>
    private static IEnumerable<(int Id, byte[] Template, int? MateOf, long Offset)> Records(Stream input, SyntheticGalleryHeader header, long offset)
    {
        var head = new byte[GalleryFormat.RecordHeaderSize];
        var mated = 0;
        for (var id = 0; id < header.Count; id++)
        {
            if (input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length)
            {
                throw GalleryFormat.Error($"ends inside record {id} of {header.Count}", offset);
            }

            var mateOf = BinaryPrimitives.ReadInt32LittleEndian(head);
            int length = BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(4));
            if (mateOf < -1 || mateOf >= id)
            {
                throw GalleryFormat.Error($"record {id} mates {mateOf}, which is not an earlier record", offset);
            }

            if (length > GalleryFormat.MaxTemplateSize)
            {
                throw GalleryFormat.Error($"record {id} declares a {length}-byte template; templates are at most {GalleryFormat.MaxTemplateSize} bytes", offset + 4);
            }

            var body = new byte[length];
            if (input.ReadAtLeast(body, length, throwOnEndOfStream: false) < length)
            {
                throw GalleryFormat.Error($"ends inside the template of record {id}", offset + GalleryFormat.RecordHeaderSize);
            }

            var start = offset + GalleryFormat.RecordHeaderSize;
            offset = start + length;
            mated += mateOf >= 0 ? 1 : 0;
            if (id == header.Count - 1)
            {
                CheckEnd(input, header, mated, offset);
            }

            yield return (id, body, mateOf >= 0 ? mateOf : null, start);
        }

        if (header.Count == 0)
        {
            CheckEnd(input, header, mated, offset);
        }
    }

    private static void CheckEnd(Stream input, SyntheticGalleryHeader header, int mated, long offset)
    {
        if (mated != header.Mated)
        {
            throw GalleryFormat.Error($"declares {header.Mated} mated records but holds {mated}", 12);
        }

        if (input.ReadByte() >= 0)
        {
            throw GalleryFormat.Error($"has bytes after its {header.Count} records", offset);
        }
    }
}
