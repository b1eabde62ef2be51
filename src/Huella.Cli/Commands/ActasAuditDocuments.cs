using System.Globalization;
using System.Text;
using System.Text.Json;
using Huella.Crypto;
using Huella.Elections;
using Huella.Elections.Central;
using Huella.Elections.Contests;
using Huella.Elections.Geography;

namespace Huella.Cli.Commands;

/// <summary>What central publishes under <c>/public/v1</c>, as the auditor reads it (its own types: it trusts nothing of the server's code).</summary>
internal static class ActasAuditDocuments
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

/// <summary>A signed tree head as published (<c>log/head</c>) and as saved for <c>--since</c>.</summary>
internal sealed record AuditHead(long Size, string Root, long Timestamp, string Signature, string Key)
{
    public SignedTreeHead? ToHead()
    {
        try
        {
            return new SignedTreeHead(Size, [.. Convert.FromHexString(Root)], DateTimeOffset.FromUnixTimeMilliseconds(Timestamp), [.. Convert.FromHexString(Signature)]);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return null;
        }
    }
}

internal sealed record AuditInclusion(string Hash, long LeafIndex, long TreeSize, string Leaf, string[] Proof);

internal sealed record AuditConsistency(long First, long Second, string[] Proof);

internal sealed record AuditLeaves(long Start, long TreeSize, string[] Leaves);

internal sealed record AuditElection(string Name, string Date, Dictionary<string, string> StateNames, AuditContest[] Contests, string[] Mesas)
{
    public Dictionary<string, int>? RegisteredElectors { get; init; }

    public string? TestType { get; init; }
}

internal sealed record AuditContest(string Name, int MarksPerBallot, int Seats, bool PartyList, AuditCandidate[] Candidates, AuditCard[] Cards)
{
    public string? Method { get; init; }

    public BallotContest ToContest() => new(Name, Candidates.Select(c => new Candidate(c.Code, c.Name)), Cards.Select(c => new PartyCard(c.Party, c.Candidate)), MarksPerBallot);
}

internal sealed record AuditCandidate(string Code, string Name);

internal sealed record AuditCard(string Party, int Candidate);

/// <summary>One line of <c>actas.csv</c>.</summary>
internal sealed record AuditRow(long Leaf, string Hash, MesaId? Mesa, int Contest, IngestStatus Status, string Verdict, DateTimeOffset ReceivedAt, bool BodyKept, int Line)
{
    public ActaLogLeaf ToLeaf() => new(Hash, Mesa, Contest, Status, ReceivedAt);

    /// <summary>Reads the whole file (RFC 4180, the header first); a line it cannot read is an <see cref="ElectionDataException"/>.</summary>
    public static List<AuditRow> ParseAll(string csv)
    {
        var records = Records(csv);
        if (records.Count == 0 || !string.Join(',', records[0]).StartsWith("leaf,hash,mesa,contest,status,verdict,received_at_ms,size,body_kept", StringComparison.Ordinal))
        {
            throw new ElectionDataException("actas.csv does not start with its header line.");
        }

        var rows = new List<AuditRow>(records.Count - 1);
        for (var i = 1; i < records.Count; i++)
        {
            var f = records[i];
            MesaId mesa = default;
            if (f.Count < 16 || !long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var leaf)
                || (f[2].Length > 0 && !MesaId.TryParse(f[2], out mesa))
                || !int.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var contest)
                || !Enum.TryParse<IngestStatus>(f[4], out var status)
                || !long.TryParse(f[6], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
            {
                throw new ElectionDataException($"actas.csv line {i + 1} is not a stored acta version.") { Line = i + 1 };
            }

            rows.Add(new AuditRow(leaf, f[1], f[2].Length > 0 ? mesa : null, contest, status, f[5], DateTimeOffset.FromUnixTimeMilliseconds(ms), f[8] == "true", i + 1));
        }

        return rows;
    }

    private static List<List<string>> Records(string csv)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
