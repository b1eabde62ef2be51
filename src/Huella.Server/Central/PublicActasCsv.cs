using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Huella.Elections.Actas;
using Huella.Elections.Central;

namespace Huella.Server.Central;

/// <summary>
/// <c>actas.csv</c>: one line per stored transmission in log order (its <c>leaf</c> index), with
/// what the log records of it (hash, mesa, contest, status, time of arrival in Unix milliseconds) and,
/// when its bytes are kept and decode, the counts its signed body claims (card votes separated by
/// <c>;</c>). Counts of a refused acta are what it claims, not what was counted.
/// </summary>
internal static class PublicActasCsv
{
    public const string Header = "leaf,hash,mesa,contest,status,verdict,received_at_ms,size,body_kept,acta_hash,registered_electors,ballots_cast,null_votes,blank_votes,card_votes,reason";

    public static async Task WriteAsync(ActaArchive archive, Stream body, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(Header + "\n");
        var leaf = 0L;
        var line = new StringBuilder();
        await foreach (var (entry, bytes) in archive.StreamAsync(cancellationToken))
        {
            line.Clear();
            var signed = entry.BodyKept && SignedActa.TryDecode(bytes, out var decoded, out _) ? decoded : null;
            var acta = signed?.Acta;
            line.Append(CultureInfo.InvariantCulture, $"{leaf},{entry.Hash},{entry.Mesa},{entry.Contest},{entry.Status},{entry.Verdict},{entry.ReceivedAt.ToUnixTimeMilliseconds()},{entry.Size},{(entry.BodyKept ? "true" : "false")},");
            if (signed is not null && acta is not null)
            {
                line.Append(CultureInfo.InvariantCulture, $"{Convert.ToHexStringLower(SHA256.HashData(signed.Body.AsSpan()))},{acta.RegisteredElectors},{acta.BallotsCast},{acta.NullVotes},{acta.BlankVotes},{string.Join(';', acta.CardVotes)}");
            }
            else
            {
                line.Append(",,,,,");
            }

            line.Append(',').Append(Quoted(entry.Reason)).Append('\n');
            await writer.WriteAsync(line, cancellationToken);
            leaf++;
        }
    }

    /// <summary>RFC 4180: a field with a comma, quote or line break goes in quotes, its quotes doubled.</summary>
    private static string Quoted(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
