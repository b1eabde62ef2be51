namespace Huella.Elections.Geography;

/// <summary>The levels results are totalized at, from the whole country down to one table.</summary>
public enum GeoLevel
{
    Nation,
    State,
    Municipality,
    Parish,
    Centre,
    Mesa,
}
