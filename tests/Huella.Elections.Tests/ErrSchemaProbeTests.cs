using Huella.Elections.Contests;
using Huella.Elections.Reporting;
using Huella.Elections.Totalization;
using Huella.Elections.Ve2024;
using Huella.Testing;

namespace Huella.Elections.Tests;

public sealed class ErrSchemaProbeTests
{
    [Fact]
    public void Probe()
    {
        var rows = ResultadosCsv.Read(SharedData.PathOf("elections", "ve-2024", "RESULTADOS_2024_CSV_V1.csv"));
        var totals = new Totalizer(10);
        foreach (var row in rows)
        {
            totals.Add(row.Result);
        }

        var states = rows.GroupBy(r => (long)r.Result.Mesa.Centre.State).ToDictionary(g => g.Key, g => g.First().State);
        var json = ResultsReport.ToJson("Presidenciales 2024", new DateOnly(2024, 7, 28), Venezuela2024.Presidential, totals, states, DateTimeOffset.UnixEpoch, complete: false);
        var errors = ErrSchema.Errors(json);
        File.WriteAllLines("/tmp/nist/probe.txt", errors);
        Assert.Empty(errors);
    }
}
