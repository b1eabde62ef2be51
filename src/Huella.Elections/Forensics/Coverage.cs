using System.Collections.Immutable;

namespace Huella.Elections.Forensics;

/// <summary>What the table holds for one state.</summary>
/// <param name="MesaNumberGaps">
/// Mesas known to exist but absent: in each centre of the table, the highest mesa number minus the
/// mesas present. A lower bound on what the state lacks (centres with no row at all are invisible here).
/// </param>
public readonly record struct StateCoverage(int Code, string Name, int Mesas, int Centres, long Electors, int MesaNumberGaps);

/// <summary>
/// How much of the election the table covers. The national number of mesas is the electoral
/// authority's (<see cref="NationalMesasSource"/>); its per-state counts are not in the data Huella
/// reads, so per state only the lower bound from gaps in mesa numbers is given.
/// </summary>
public sealed record Coverage(int Mesas, int Centres, int NationalMesas, string NationalMesasSource, ImmutableArray<StateCoverage> States)
{
    /// <summary>Mesas of the 2024 presidential election, as the CNE announced on 27 July 2024.</summary>
    public const int Cne2024Mesas = 30_026;

    public const string Cne2024Source =
        "CNE, 27 July 2024: 30,026 mesas installed (rector Aimé Nogal, reported by El Nuevo País and others)";

    public const string Cne2024SourceSpanish =
        "CNE, 27 de julio de 2024: 30.026 mesas instaladas (rectora Aimé Nogal, según El Nuevo País y otros medios)";

    public int Missing => Math.Max(0, NationalMesas - Mesas);

    public double Fraction => NationalMesas == 0 ? 0 : (double)Mesas / NationalMesas;

    public int MesaNumberGaps => States.Sum(s => s.MesaNumberGaps);
}
