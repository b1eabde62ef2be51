using System.Collections.Immutable;
using Huella.Elections.Definition;
using Huella.Elections.Geography;

namespace Huella.Elections.Reporting;

/// <summary>What exists in an area before any acta arrives: its mesas and, where known, the electors on their rolls.</summary>
public readonly record struct AreaSize(int Mesas, long? RegisteredElectors = null);

/// <summary>
/// The election a results report describes, and what it is measured against: how many mesas exist
/// nationally and per state. Without the national figure a report can never say it is complete.
/// </summary>
public sealed record ReportedElection(string Name, DateOnly Date, IReadOnlyDictionary<long, string> StateNames)
{
    /// <summary>Mesas (and electors) of the whole country; null when not known, and the count then stays partial.</summary>
    public AreaSize? Nation { get; init; }

    /// <summary>Mesas (and electors) per state number, where known.</summary>
    public IReadOnlyDictionary<long, AreaSize> States { get; init; } = ImmutableDictionary<long, AreaSize>.Empty;

    /// <summary>Every mesa that exists, where listed: completeness then means each of these counted, not just as many.</summary>
    public IReadOnlySet<MesaId>? MesaList { get; init; }

    /// <summary>Set for a test or demonstration election: the report then says <c>IsTest</c> and gives this as its <c>TestType</c>.</summary>
    public string? TestType { get; init; }

    /// <summary>An election as its published definition describes it: every mesa and the electors on each roll.</summary>
    public static ReportedElection Of(ElectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Of(definition.Name, definition.Date, definition.StateNames, definition.Mesas.Select(m => (m.Mesa, (long)m.RegisteredElectors)));
    }

    /// <summary>An election known by its mesas and the electors on each one's roll.</summary>
    public static ReportedElection Of(string name, DateOnly date, IReadOnlyDictionary<long, string> stateNames, IEnumerable<(MesaId Mesa, long Electors)> rolls)
    {
        ArgumentNullException.ThrowIfNull(rolls);
        var all = rolls.ToList();
        return new ReportedElection(name, date, stateNames)
        {
            Nation = new AreaSize(all.Count, all.Sum(r => r.Electors)),
            MesaList = all.Select(r => r.Mesa).ToHashSet(),
            States = all.GroupBy(r => (long)r.Mesa.Centre.State).ToImmutableDictionary(g => g.Key, g => new AreaSize(g.Count(), g.Sum(r => r.Electors))),
        };
    }

    /// <summary>An election known by its list of mesas only (electors per roll unknown).</summary>
    public static ReportedElection Of(string name, DateOnly date, IReadOnlyDictionary<long, string> stateNames, IEnumerable<MesaId> mesas)
    {
        ArgumentNullException.ThrowIfNull(mesas);
        var all = mesas.Distinct().ToList();
        return new ReportedElection(name, date, stateNames)
        {
            Nation = new AreaSize(all.Count),
            MesaList = all.ToHashSet(),
            States = all.GroupBy(m => (long)m.Centre.State).ToImmutableDictionary(g => g.Key, g => new AreaSize(g.Count())),
        };
    }
}
