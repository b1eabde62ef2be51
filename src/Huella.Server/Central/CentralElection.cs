using Huella.Elections.Geography;

namespace Huella.Server.Central;

/// <summary>What the results need beyond the actas: the election's name and day, and every mesa expected to report.</summary>
public sealed record CentralElection(string Name, DateOnly Date, IReadOnlyList<MesaId> Mesas, IReadOnlyDictionary<long, string> StateNames);
