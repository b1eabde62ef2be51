using Huella.Elections.Definition;
using Huella.Elections.Geography;
using Huella.Elections.Reporting;

namespace Huella.Server.Central;

/// <summary>
/// What the results need beyond the actas: the election's name and day, every mesa expected to
/// report, and the contests as defined (seats, party lists) when central was given the definition,
/// which the portal reads for area names and the electors of every mesa.
/// </summary>
internal sealed record CentralElection(string Name, DateOnly Date, IReadOnlyList<MesaId> Mesas, IReadOnlyDictionary<long, string> StateNames, IReadOnlyList<ContestDefinition>? Contests = null, ElectionDefinition? Definition = null)
{
    /// <summary>The election as the results report measures it (mesas and, from a definition, electors per area).</summary>
    public ReportedElection Reported { get; init; } = ReportedElection.Of(Name, Date, StateNames, Mesas);
}
