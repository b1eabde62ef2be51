using System.Collections.Immutable;
using Huella.Elections.Geography;
using Huella.Elections.Station;

namespace Huella.Elections.Roll;

/// <summary>One mesa's part of the electoral roll: its electors and the fingerprints on file for each.</summary>
public sealed record MesaRoll(string ElectionId, MesaId Mesa, DateTimeOffset IssuedAt, ImmutableArray<ElectorEntry> Electors);
