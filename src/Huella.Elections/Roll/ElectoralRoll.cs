using System.Collections.Immutable;
using Huella.Elections.Geography;
using Huella.Identity.Storage;

namespace Huella.Elections.Roll;

/// <summary>What cutting the roll produced: one roll per mesa, and the active persons left out.</summary>
internal sealed record RollCut(IReadOnlyList<MesaRoll> Mesas, int Electors, int WithoutFingerprints, int OutsideTheElection);

/// <summary>
/// Cuts the electoral roll from the identity registry: every active person with a cédula votes in
/// the parish of their address, and a parish's electors are split over its mesas (centre by centre,
/// mesa by mesa) in cédula order, so each elector is on exactly one mesa's roll. Removed, deceased
/// and pending persons are not on it.
/// </summary>
internal static class ElectoralRoll
{
    public static async Task<RollCut> CutAsync(SqlPersonStore store, string electionId, IEnumerable<MesaId> mesas, DateTimeOffset issuedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(mesas);
        var mesasByParish = mesas.Distinct().GroupBy(ParishOf).ToDictionary(g => g.Key, g => g.OrderBy(m => m.Centre.Value).ThenBy(m => m.Number).ToList());
        var byParish = mesasByParish.Keys.ToDictionary(p => p, _ => new List<(int Number, RollElector Elector)>());
        var outside = 0;
        var withoutFingers = 0;
        await foreach (var person in store.ReadActiveAsync(cancellationToken).ConfigureAwait(false))
        {
            if (ParishOf(person.Demographics!.Address.GeographyCode) is not { } parish || !byParish.TryGetValue(parish, out var electors))
            {
                outside++;
                continue;
            }

            if (person.Fingers.Count == 0)
            {
                withoutFingers++;
            }

            electors.Add((person.Cedula!.Value.Number, new RollElector(person.Cedula.Value, [.. person.Fingers.Select(f => f.Template)])));
        }

        var rolls = new List<MesaRoll>();
        foreach (var (parish, electors) in byParish.OrderBy(p => p.Key))
        {
            electors.Sort((a, b) => a.Number != b.Number ? a.Number.CompareTo(b.Number) : string.CompareOrdinal(a.Elector.Cedula.ToString(), b.Elector.Cedula.ToString()));
            var parishMesas = mesasByParish[parish];
            for (var m = 0; m < parishMesas.Count; m++)
            {
                var from = electors.Count * m / parishMesas.Count;
                var to = electors.Count * (m + 1) / parishMesas.Count;
                rolls.Add(new MesaRoll(electionId, parishMesas[m], issuedAt, [.. electors.Skip(from).Take(to - from).Select(e => e.Elector)]));
            }
        }

        return new RollCut(rolls, byParish.Values.Sum(e => e.Count), withoutFingers, outside);
    }

    private static int ParishOf(MesaId mesa) => mesa.Centre.Value / 1000;

    /// <summary>The registry's geography code (state, municipality, parish: "01.02.03" or "010203") as a number.</summary>
    private static int? ParishOf(string geographyCode)
    {
        var digits = geographyCode.Replace(".", string.Empty, StringComparison.Ordinal);
        return digits.Length == 6 && int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parish) ? parish : null;
    }
}
