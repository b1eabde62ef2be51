using Huella.Elections.Contests;
using Huella.Elections.Geography;

namespace Huella.Elections.Scan;

/// <summary>What a source published for one mesa and contest: its numbers, and the signed acta's hash when the source holds the acta itself.</summary>
public sealed record PublishedActa(MesaId Mesa, int Contest, ActaNumbers Numbers, string? ActaHash = null);

/// <summary>
/// Where the scanner looks up what was published for a mesa: the 2024 results table
/// (<see cref="CsvPublishedActas"/>), central's archive in-process (<see cref="ArchivePublishedActas"/>)
/// or a central server over HTTP (<see cref="CentralPublishedActas"/>).
/// </summary>
public interface IPublishedActas
{
    /// <summary>Names the source in reports ("results table RESULTADOS_2024_CSV_V1.csv", "central http://…").</summary>
    string Name { get; }

    /// <summary>The ballot of a contest, when the source knows it: lets a signed acta's cards be summed per candidate.</summary>
    BallotContest? Ballot(int contest);

    /// <summary>What was published for the mesa and contest, or null when nothing was.</summary>
    Task<PublishedActa?> FindAsync(MesaId mesa, int contest, CancellationToken cancellationToken = default);
}
