using System.Diagnostics;
using System.Globalization;
using Huella.Elections.Scan;

namespace Huella.Research.ScanPhotos;

/// <summary>One reader's result on one photo: read correctly, read something else (never acceptable), or nothing; and how long it took.</summary>
public readonly record struct ScanAttempt(bool Read, bool Wrong, TimeSpan Elapsed, string? Method = null);

/// <summary>Both readers on one photo.</summary>
public sealed record ScanBenchRow(ScanPhoto Photo, ScanAttempt Huella, ScanAttempt? Zbar);

/// <summary>
/// Huella's locator and, when installed, <c>zbarimg</c> (Debian zbar-tools) on the same generated
/// photos: read rate per distortion class and decode time per photo. zbarimg reads each photo from a
/// file with <c>--raw -Sbinary</c>, so a Huella acta's bytes come back as they are; its time includes
/// starting the process, which is reported apart from Huella's in-process time.
/// </summary>
public static class ScanBench
{
    public static ScanAttempt ReadWithHuella(ScanPhoto photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var started = Stopwatch.GetTimestamp();
        QrRead? read = null;
        if (PhotoDecoder.TryDecode(photo.File, PhotoLimits.Default, out var image, out _))
        {
            read = QrLocator.Find(image!, ScannedPayload.IsActa);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var correct = read is not null && read.Bytes.AsSpan().SequenceEqual(photo.ExpectedBytes);
        return new ScanAttempt(correct, read is not null && !correct, elapsed, read?.Method);
    }

    /// <summary>zbarimg on the photo written at <paramref name="path"/>; null when zbarimg cannot be started.</summary>
    public static ScanAttempt? ReadWithZbar(ScanPhoto photo, string path, string zbarimg = "zbarimg")
    {
        ArgumentNullException.ThrowIfNull(photo);
        var info = new ProcessStartInfo(zbarimg) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-q", "--raw", "-Sbinary", "-Sdisable", "-Sqrcode.enable", path])
        {
            info.ArgumentList.Add(argument);
        }

        var started = Stopwatch.GetTimestamp();
        Process? process;
        try
        {
            process = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        if (process is null)
        {
            return null;
        }

        using (process)
        {
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            var elapsed = Stopwatch.GetElapsedTime(started);
            var bytes = output.ToArray().AsSpan();
            if (bytes.Length == 0)
            {
                return new ScanAttempt(false, false, elapsed);
            }

            // --raw ends each symbol with a newline.
            var correct = bytes.SequenceEqual(photo.ExpectedBytes) || (bytes[^1] == (byte)'\n' && bytes[..^1].SequenceEqual(photo.ExpectedBytes));
            return new ScanAttempt(correct, !correct, elapsed);
        }
    }

    /// <summary>The table the documentation quotes: per class and overall, both readers' rates and Huella's times.</summary>
    public static void Report(IReadOnlyList<ScanBenchRow> rows, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        var zbar = rows.All(r => r.Zbar is not null);
        output.WriteLine(zbar
            ? "class            photos  huella  zbarimg  huella-wrong  zbar-wrong  huella-mean-ms  huella-p95-ms  zbar-mean-ms"
            : "class            photos  huella  huella-wrong  huella-mean-ms  huella-p95-ms   (zbarimg not found)");
        foreach (var group in rows.GroupBy(r => r.Photo.Distortion.ToString()).Append(rows.GroupBy(_ => "all").Single()))
        {
            var list = group.ToList();
            var times = list.Select(r => r.Huella.Elapsed.TotalMilliseconds).Order().ToList();
            var p95 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(0.95 * times.Count) - 1)];
            var huella = Rate(list.Count(r => r.Huella.Read), list.Count);
            var line = zbar
                ? string.Create(CultureInfo.InvariantCulture, $"{group.Key,-16} {list.Count,6}  {huella,6}  {Rate(list.Count(r => r.Zbar!.Value.Read), list.Count),7}  {list.Count(r => r.Huella.Wrong),12}  {list.Count(r => r.Zbar!.Value.Wrong),10}  {times.Average(),14:F0}  {p95,13:F0}  {list.Average(r => r.Zbar!.Value.Elapsed.TotalMilliseconds),12:F0}")
                : string.Create(CultureInfo.InvariantCulture, $"{group.Key,-16} {list.Count,6}  {huella,6}  {list.Count(r => r.Huella.Wrong),12}  {times.Average(),14:F0}  {p95,13:F0}");
            output.WriteLine(line);
        }

        output.WriteLine("huella reads by attempt: " + string.Join(", ", rows.Where(r => r.Huella.Read).GroupBy(r => r.Huella.Method).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        foreach (var document in rows.GroupBy(r => r.Photo.Document))
        {
            var list = document.ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{document.Key}: huella {Rate(list.Count(r => r.Huella.Read), list.Count)}{(zbar ? $", zbarimg {Rate(list.Count(r => r.Zbar!.Value.Read), list.Count)}" : "")} of {list.Count}"));
        }
    }

    private static string Rate(int read, int total) => string.Create(CultureInfo.InvariantCulture, $"{100.0 * read / total:F1}%");
}
