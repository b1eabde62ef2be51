using System.Collections.Immutable;
using Huella.Elections.Geography;
using Huella.Elections.Station;
using Huella.Identity;

namespace Huella.Elections.Roll;

/// <summary>One elector on a roll as the authority issues it: the cédula and the templates on file, as stored bytes.</summary>
public sealed record RollElector(Cedula Cedula, ImmutableArray<ReadOnlyMemory<byte>> Templates);

/// <summary>One mesa's part of the electoral roll, as the authority cuts and seals it.</summary>
public sealed record MesaRoll(string ElectionId, MesaId Mesa, DateTimeOffset IssuedAt, ImmutableArray<RollElector> Electors);

/// <summary>A roll package as the station opened it: every template parsed and ready to match.</summary>
public sealed record OpenedRoll(string ElectionId, MesaId Mesa, DateTimeOffset IssuedAt, ImmutableArray<ElectorEntry> Electors);
