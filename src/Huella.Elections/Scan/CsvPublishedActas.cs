using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Ve2024;

namespace Huella.Elections.Scan;

/// <summary>The 2024 per-mesa results table as the published source: one contest, the presidential.</summary>
public sealed class CsvPublishedActas : IPublishedActas
{
    private readonly Dictionary<MesaId, ResultadosRow> _rows;

    public CsvPublishedActas(IEnumerable<ResultadosRow> rows, string name)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _rows = rows.ToDictionary(r => r.Result.Mesa);
        Name = name;
    }

    public string Name { get; }

    public int Count => _rows.Count;

    /// <summary>Reads the table (<see cref="ResultadosCsv"/>); a malformed table throws <see cref="ElectionDataException"/>.</summary>
    public static CsvPublishedActas Load(string path) => new(ResultadosCsv.Read(path), $"results table {Path.GetFileName(path)}");

    public BallotContest? Ballot(int contest) => contest == 0 ? Venezuela2024.Presidential : null;

    public Task<PublishedActa?> FindAsync(MesaId mesa, int contest, CancellationToken cancellationToken = default) =>
        Task.FromResult(contest == 0 && _rows.TryGetValue(mesa, out var row) ? new PublishedActa(mesa, contest, ActaNumbers.Of(row)) : null);
}
