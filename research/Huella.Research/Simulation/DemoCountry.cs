using System.Collections.Immutable;
using System.Globalization;
using Huella.Elections.Definition;
using Huella.Elections.Geography;
using Huella.Identity;

namespace Huella.Research.Simulation;

/// <summary>
/// The demo's synthetic country: centres of five mesas, alternating between two states, one centre
/// per parish. Person <c>p</c> lives in the parish of mesa <c>p / electorsPerMesa</c> and holds cédula
/// V-(10,000,000 + p), so cutting the roll by parish in cédula order puts them on exactly that mesa.
/// </summary>
internal sealed class DemoCountry
{
    private const int MesasPerCentre = 5;
    private const int FirstCedula = 10_000_000;

    public DemoCountry(int mesas, int electorsPerMesa)
    {
        ElectorsPerMesa = electorsPerMesa;
        Mesas = [.. Enumerable.Range(0, mesas).Select(MesaOf)];
    }

    public MesaId[] Mesas { get; }

    public int ElectorsPerMesa { get; }

    public int Electors => Mesas.Length * ElectorsPerMesa;

    /// <summary>The registry's geography code (state.municipality.parish) of the place a person lives.</summary>
    public string ParishOf(int person)
    {
        var centre = Mesas[person / ElectorsPerMesa].Centre;
        return string.Create(CultureInfo.InvariantCulture, $"{centre.State:D2}.{centre.Municipality:D2}.{centre.Parish:D2}");
    }

    /// <summary>The election as the authority publishes it: this geography and these contests.</summary>
    public ElectionDefinition Definition(string electionId, string name, DateOnly date, IEnumerable<ContestDefinition> contests)
    {
        var names = new Dictionary<long, string>();
        foreach (var centre in Mesas.Select(m => m.Centre).Distinct())
        {
            names[ElectionDefinition.AreaKey(GeoLevel.State, centre.PrefixAt(GeoLevel.State))] = centre.State == 1 ? "Estado Norte" : "Estado Sur";
            names[ElectionDefinition.AreaKey(GeoLevel.Municipality, centre.PrefixAt(GeoLevel.Municipality))] = "Municipio Capital";
            names[ElectionDefinition.AreaKey(GeoLevel.Parish, centre.PrefixAt(GeoLevel.Parish))] = string.Create(CultureInfo.InvariantCulture, $"Parroquia {centre.Parish}");
            names[ElectionDefinition.AreaKey(GeoLevel.Centre, centre.Value)] = string.Create(CultureInfo.InvariantCulture, $"Escuela {centre.State}-{centre.Parish}");
        }

        return new ElectionDefinition(electionId, name, date, [.. contests], [.. Mesas.Select(m => new MesaDefinition(m, ElectorsPerMesa))], names.ToImmutableDictionary());
    }

    public static int CedulaNumber(int person) => FirstCedula + person;

    public static int PersonOf(Cedula cedula) => cedula.Number - FirstCedula;

    private static MesaId MesaOf(int index)
    {
        var centre = index / MesasPerCentre;
        var state = 1 + (centre % 2);
        var parish = 1 + (centre / 2);
        return new MesaId(CentreCode.Parse(string.Create(CultureInfo.InvariantCulture, $"{state:D2}01{parish:D2}001")), 1 + (index % MesasPerCentre));
    }
}
