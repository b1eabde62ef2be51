using Huella.Elections.Geography;

namespace Huella.Server.Portal;

/// <summary>What every page of one request shares: the language, the election and its snapshot, and where the request came in.</summary>
internal sealed record PortalContext(PortalText Text, IPortalElection Election, PortalSnapshot Snapshot, PortalSites Sites, string Path, string? Query)
{
    public string Base => Election.BasePath;

    public string Home => Base.Length == 0 ? "/" : Base;

    public string AreaHref(GeoLevel level, int prefix) => level == GeoLevel.Nation ? Home : $"{Base}/area/{AreaCode(level, prefix)}";

    public string MesaHref(MesaId mesa) => $"{Base}/mesa/{mesa}";

    /// <summary>The code an area is written with: 2 digits a state, 4 a municipality, 6 a parish, 9 a centre.</summary>
    public static string AreaCode(GeoLevel level, int prefix) => level switch
    {
        GeoLevel.State => prefix.ToString("D2", System.Globalization.CultureInfo.InvariantCulture),
        GeoLevel.Municipality => prefix.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
        GeoLevel.Parish => prefix.ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
        _ => prefix.ToString("D9", System.Globalization.CultureInfo.InvariantCulture),
    };

    public string LevelName(GeoLevel level) => level switch
    {
        GeoLevel.Nation => Text.Nation,
        GeoLevel.State => Text.State,
        GeoLevel.Municipality => Text.Municipality,
        GeoLevel.Parish => Text.Parish,
        GeoLevel.Centre => Text.Centre,
        _ => Text.Mesa,
    };

    /// <summary>An area's name, or its level and code where the source names none.</summary>
    public string AreaName(PortalArea area) => area.Level == GeoLevel.Nation
        ? Text.Nation
        : area.Name.Length > 0 ? area.Name : $"{LevelName(area.Level)} {AreaCode(area.Level, area.Prefix)}";
}

/// <summary>The elections the portal serves: central's own, and the 2024 table when configured.</summary>
internal sealed record PortalSites(IPortalElection Live, Ve2024Election? Ve2024);
