using System.Text.Json;
using Huella.Elections.Geography;
using Huella.Elections.Seats;

namespace Huella.Elections.Definition;

/// <summary>Writes a definition back to the documented JSON shape (reading it again gives an equal definition).</summary>
internal static class DefinitionWriter
{
    public const string SchemaId = "https://huella.dev/schemas/election-definition-v1.json";

    private static readonly JsonSerializerOptions Options = new(DefinitionValidator.JsonOptions)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(ElectionDefinition definition)
    {
        var json = new ElectionJson
        {
            Schema = SchemaId,
            Id = definition.Id,
            Name = definition.Name,
            Date = definition.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Contests = [.. definition.Contests.Select(Contest)],
            Geography = new GeographyJson { States = Areas(definition, definition.Mesas, GeoLevel.State) },
        };
        return JsonSerializer.Serialize(json, Options);
    }

    private static ContestJson Contest(ContestDefinition contest) => contest.Kind switch
    {
        ContestKind.SingleSeat => new ContestJson
        {
            Id = contest.Id,
            Name = contest.Name,
            Kind = "single-seat",
            Candidates = [.. contest.Candidates.Select(c => new NamedJson { Code = c.Code, Name = c.Name })],
            Cards = [.. contest.Cards.Select(k => new CardJson { Party = k.Party, Candidate = contest.Candidates[k.CandidateIndex].Code })],
        },
        ContestKind.MultiSeatPlurality => new ContestJson
        {
            Id = contest.Id,
            Name = contest.Name,
            Kind = "multi-seat-plurality",
            Seats = contest.Seats,
            VotesPerBallot = contest.VotesPerBallot,
            Candidates = [.. contest.Candidates.Select(c => new NamedJson { Code = c.Code, Name = c.Name })],
        },
        _ => new ContestJson
        {
            Id = contest.Id,
            Name = contest.Name,
            Kind = "party-list",
            Seats = contest.Seats,
            Method = contest.Method == HighestAverageMethod.DHondt ? "dhondt" : "sainte-lague",
            Parties = [.. contest.Candidates.Select(c => new NamedJson { Code = c.Code, Name = c.Name })],
        },
    };

    private static List<AreaJson?> Areas(ElectionDefinition definition, IEnumerable<MesaDefinition> mesas, GeoLevel level) =>
        [.. mesas.GroupBy(m => m.Mesa.Centre.PrefixAt(level)).Select(group =>
        {
            var area = new AreaJson { Code = group.Key % (level == GeoLevel.Centre ? 1000 : 100), Name = definition.AreaNames[ElectionDefinition.AreaKey(level, group.Key)] };
            switch (level)
            {
                case GeoLevel.State:
                    area.Municipalities = Areas(definition, group, GeoLevel.Municipality);
                    break;
                case GeoLevel.Municipality:
                    area.Parishes = Areas(definition, group, GeoLevel.Parish);
                    break;
                case GeoLevel.Parish:
                    area.Centres = Areas(definition, group, GeoLevel.Centre);
                    break;
                default:
                    area.Mesas = [.. group.Select(m => new MesaJson { Number = m.Mesa.Number, Electors = m.RegisteredElectors })];
                    break;
            }

            return (AreaJson?)area;
        })];
}
