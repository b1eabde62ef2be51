using System.Collections.Immutable;
using Huella.Elections.Actas;
using Huella.Elections.Contests;
using Huella.Elections.Definition;
using Huella.Elections.Geography;
using Huella.Elections.Totalization;
using Huella.Elections.Ve2024;

namespace Huella.Server.Portal;

/// <summary>
/// The presidential election of 28 July 2024 as its actas were published: the per-mesa table the
/// witnesses transcribed (<see cref="ResultadosCsv"/>), read once, served read-only under
/// <c>/2024</c>. No signatures exist for it; each mesa points at the photo of its paper acta. The
/// table lacks mesas: those missing between two mesas of one centre are listed; the rest of the
/// 30,026 the CNE installed are known only by their count.
/// </summary>
internal sealed class Ve2024Election : IPortalElection
{
    /// <summary>Mesas the CNE installed on 28 July 2024.</summary>
    public const int InstalledMesas = 30_026;

    private readonly PortalSnapshot _snapshot;
    private readonly Dictionary<MesaId, ResultadosRow> _rows;

    public Ve2024Election(IReadOnlyList<ResultadosRow> rows, DateTimeOffset loadedAt)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Rows = rows;
        _rows = [];
        var totals = new Totalizer(Venezuela2024.Presidential.Candidates.Length);
        var names = new Dictionary<long, string>();
        foreach (var row in rows)
        {
            // A mesa listed twice is counted once and flagged, as central would.
            _rows.TryAdd(row.Result.Mesa, row);
            totals.Add(row.Result);
            var centre = row.Result.Mesa.Centre;
            names.TryAdd(PortalSnapshot.Key(GeoLevel.State, centre.PrefixAt(GeoLevel.State)), row.State);
            names.TryAdd(PortalSnapshot.Key(GeoLevel.Municipality, centre.PrefixAt(GeoLevel.Municipality)), row.Municipality);
            names.TryAdd(PortalSnapshot.Key(GeoLevel.Parish, centre.PrefixAt(GeoLevel.Parish)), row.Parish);
        }

        var expected = new List<ExpectedMesa>(_rows.Count);
        foreach (var centre in _rows.Keys.GroupBy(m => m.Centre))
        {
            var present = centre.Select(m => m.Number).ToHashSet();
            for (var n = 1; n <= present.Max(); n++)
            {
                var mesa = new MesaId(centre.Key, n);
                expected.Add(new ExpectedMesa(mesa, _rows.TryGetValue(mesa, out var row) ? row.Result.RegisteredElectors : null));
            }
        }

        totals.FlagMissing(expected.Select(e => e.Mesa));
        Contests = [new ContestDefinition("presidencial-2024", "Presidencial 2024", ContestKind.SingleSeat, 1, 1, null, Venezuela2024.Presidential.Candidates, Venezuela2024.Presidential.Cards)];
        _snapshot = SnapshotBuilder.Build(
            "Elección presidencial del 28 de julio de 2024",
            new DateOnly(2024, 7, 28),
            loadedAt,
            [(Contests[0], totals)],
            expected,
            (level, prefix) => names.GetValueOrDefault(PortalSnapshot.Key(level, prefix)),
            [],
            InstalledMesas);
    }

    /// <summary>The table as read, for the forensics page.</summary>
    public IReadOnlyList<ResultadosRow> Rows { get; }

    public string BasePath => "/2024";

    public bool SignedActas => false;

    public PublishedKeys? Keys => null;

    public ImmutableArray<ContestDefinition> Contests { get; }

    public static Ve2024Election Load(string path, DateTimeOffset loadedAt) => new(ResultadosCsv.Read(path), loadedAt);

    public ValueTask<PortalSnapshot> SnapshotAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_snapshot);

    public Task<MesaRecord?> MesaAsync(MesaId mesa, CancellationToken cancellationToken)
    {
        var expected = _snapshot.ExpectedMesas.Contains(mesa);
        if (!_rows.TryGetValue(mesa, out var row))
        {
            return Task.FromResult(expected ? new MesaRecord(mesa, true, null, [new MesaContestActa(0, null, null, [], 0, [])]) : null);
        }

        return Task.FromResult<MesaRecord?>(new MesaRecord(mesa, expected, row.Result.RegisteredElectors, [new MesaContestActa(0, row.Result, null, [], 0, [])], row.ActaImage));
    }
}
