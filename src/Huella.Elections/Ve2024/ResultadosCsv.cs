using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Results;

namespace Huella.Elections.Ve2024;

/// <summary>
/// Reads <c>RESULTADOS_2024_CSV_V1.csv</c>, the per-mesa results transcribed from the actas that
/// opposition witnesses collected (24,532 mesas). Candidate columns are already summed over cards.
/// </summary>
public static class ResultadosCsv
{
    private static readonly string[] Header =
        ["COD_EDO", "EDO", "COD_MUN", "MUN", "COD_PAR", "PAR", "CENTRO", "MESA", "RE", "VOTOS_VALIDOS", "VOTOS_NULOS"];

    public static IReadOnlyList<ResultadosRow> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader);
    }

    public static IReadOnlyList<ResultadosRow> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var contest = Venezuela2024.Presidential;
        var header = reader.ReadLine()?.TrimStart('\uFEFF').Split(',')
            ?? throw new ElectionDataException("The results table is empty.") { Line = 1 };
        var expected = Header.Concat(contest.Candidates.Select(c => c.Code)).Append("URL").ToArray();
        if (!header.SequenceEqual(expected))
        {
            throw new ElectionDataException($"Unexpected columns: {string.Join(',', header)}.") { Line = 1 };
        }

        var rows = new List<ResultadosRow>(25_000);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != expected.Length)
            {
                throw new ElectionDataException($"Expected {expected.Length} fields, found {fields.Length}.") { Line = lineNumber };
            }

            rows.Add(ParseRow(fields, contest, lineNumber));
        }

        return rows;
    }

    private static ResultadosRow ParseRow(string[] fields, BallotContest contest, int line)
    {
        if (!CentreCode.TryParse(fields[6], out var centre))
        {
            throw new ElectionDataException($"'{fields[6]}' is not a centre code.") { Line = line };
        }

        var mesa = new MesaId(centre, Count(fields[7], "MESA", line));
        var votes = new int[contest.Candidates.Length];
        for (var i = 0; i < votes.Length; i++)
        {
            votes[i] = Count(fields[Header.Length + i], contest.Candidates[i].Code, line);
        }

        var result = new MesaResult(mesa, Count(fields[8], "RE", line), ImmutableArray.Create(votes), Count(fields[10], "VOTOS_NULOS", line));
        if (result.ValidVotes != Count(fields[9], "VOTOS_VALIDOS", line))
        {
            throw new ElectionDataException($"Mesa {mesa}: VOTOS_VALIDOS {fields[9]} is not the sum of the candidates' votes ({result.ValidVotes}).") { Line = line };
        }

        return new ResultadosRow(result, fields[1], fields[3], fields[5], fields[^1]);
    }

    private static int Count(string text, string column, int line) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ElectionDataException($"{column} '{text}' is not a count.") { Line = line };
}
