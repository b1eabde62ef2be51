using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Huella.Elections.Actas;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Seats;

namespace Huella.Elections.Definition;

/// <summary>Checks a parsed definition rule by rule, collecting every problem with its path.</summary>
internal sealed partial class DefinitionValidator
{
    public const int MaxElectorsPerMesa = 100_000;

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 16,
    };

    private readonly List<DefinitionError> _errors = [];

    public IReadOnlyList<DefinitionError> Errors => _errors;

    public ElectionDefinition? Validate(ElectionJson json)
    {
        var id = Text(json.Id, "$.id", 64);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            Error("$.id", "use letters, digits, '.', '_' and '-' only");
        }

        var name = Text(json.Name, "$.name", 200);
        var date = default(DateOnly);
        if (json.Date is null)
        {
            Error("$.date", "is required (YYYY-MM-DD)");
        }
        else if (!DateOnly.TryParseExact(json.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            Error("$.date", $"'{json.Date}' is not a date (YYYY-MM-DD)");
        }

        var contests = Contests(json.Contests);
        var (mesas, names) = Geography(json.Geography);
        return _errors.Count == 0 ? new ElectionDefinition(id!, name!, date, contests, mesas, names) : null;
    }

    private ImmutableArray<ContestDefinition> Contests(List<ContestJson?>? contests)
    {
        if (contests is null || contests.Count == 0)
        {
            Error("$.contests", "at least one contest is required");
            return [];
        }

        // Every contest ends as an acta: what the acta codec cannot carry is refused here, not at closing.
        if (contests.Count > ActaCodec.MaxContests + 1)
        {
            Error("$.contests", $"{contests.Count} contests; an acta names its contest by an index from 0 to {ActaCodec.MaxContests}, so at most {ActaCodec.MaxContests + 1}");
        }

        var result = ImmutableArray.CreateBuilder<ContestDefinition>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < contests.Count; c++)
        {
            var path = $"$.contests[{c}]";
            if (contests[c] is not { } contest)
            {
                Error(path, "must be an object");
                continue;
            }

            var id = Text(contest.Id, $"{path}.id", 64);
            if (id is not null && !ids.Add(id))
            {
                Error($"{path}.id", $"'{id}' is used by another contest");
            }

            var name = Text(contest.Name, $"{path}.name", 200);
            var definition = contest.Kind switch
            {
                "single-seat" => SingleSeat(contest, path, id, name),
                "multi-seat-plurality" => Plurality(contest, path, id, name),
                "party-list" => PartyList(contest, path, id, name),
                null => Fail($"{path}.kind", "is required: single-seat, multi-seat-plurality or party-list"),
                _ => Fail($"{path}.kind", $"'{contest.Kind}' is not single-seat, multi-seat-plurality or party-list"),
            };
            if (definition is not null && FitsAnActa(definition, path))
            {
                result.Add(definition);
            }
        }

        return result.ToImmutable();
    }

    private bool FitsAnActa(ContestDefinition contest, string path)
    {
        // Cards are the party cards (single-seat), the candidates (plurality) or the parties (party-list).
        var what = contest.Kind switch
        {
            ContestKind.SingleSeat => "cards",
            ContestKind.MultiSeatPlurality => "candidates",
            _ => "parties",
        };
        if (contest.Cards.Length > ActaCodec.MaxCards)
        {
            Error($"{path}.{what}", $"{contest.Cards.Length} {what}; an acta counts at most {ActaCodec.MaxCards} choices a contest");
            return false;
        }

        if (contest.Kind == ContestKind.MultiSeatPlurality && contest.VotesPerBallot > ActaCodec.MaxCards)
        {
            Error($"{path}.votesPerBallot", $"an acta carries at most {ActaCodec.MaxCards} marks a ballot");
            return false;
        }

        return true;
    }

    private ContestDefinition? SingleSeat(ContestJson contest, string path, string? id, string? name)
    {
        if (contest.Seats is { } seats && seats != 1)
        {
            Error($"{path}.seats", "a single-seat contest has one seat");
        }

        Forbid(contest.Parties, $"{path}.parties", "single-seat");
        Forbid(contest.Method, $"{path}.method", "single-seat");
        var candidates = Named(contest.Candidates, $"{path}.candidates");
        var cards = ImmutableArray.CreateBuilder<PartyCard>();
        if (contest.Cards is null || contest.Cards.Count == 0)
        {
            Error($"{path}.cards", "at least one card is required");
        }
        else
        {
            var parties = new HashSet<string>(StringComparer.Ordinal);
            for (var k = 0; k < contest.Cards.Count; k++)
            {
                var cardPath = $"{path}.cards[{k}]";
                var party = Text(contest.Cards[k]?.Party, $"{cardPath}.party", 200);
                if (party is not null && !parties.Add(party))
                {
                    Error($"{cardPath}.party", $"'{party}' has two cards in this contest");
                }

                var candidate = contest.Cards[k]?.Candidate;
                var index = candidates.IndexOf(candidates.FirstOrDefault(x => x.Code == candidate)!);
                if (candidate is null || index < 0)
                {
                    Error($"{cardPath}.candidate", candidate is null ? "is required" : $"'{candidate}' is not a candidate of this contest");
                }
                else if (party is not null)
                {
                    cards.Add(new PartyCard(party, index));
                }
            }

            for (var i = 0; i < candidates.Length; i++)
            {
                if (contest.Cards.All(card => card?.Candidate != candidates[i].Code))
                {
                    Error($"{path}.candidates[{i}]", $"'{candidates[i].Code}' has no card, so no vote could count for them");
                }
            }
        }

        return Built(id, name) ? new ContestDefinition(id!, name!, ContestKind.SingleSeat, 1, 1, null, candidates, cards.ToImmutable()) : null;
    }

    private ContestDefinition? Plurality(ContestJson contest, string path, string? id, string? name)
    {
        Forbid(contest.Parties, $"{path}.parties", "multi-seat-plurality");
        Forbid(contest.Cards, $"{path}.cards", "multi-seat-plurality (each candidate is one choice)");
        Forbid(contest.Method, $"{path}.method", "multi-seat-plurality");
        var candidates = Named(contest.Candidates, $"{path}.candidates");
        var seats = contest.Seats ?? 0;
        if (contest.Seats is null || seats < 1 || (candidates.Length > 0 && seats >= candidates.Length))
        {
            Error($"{path}.seats", contest.Seats is null ? "is required" : $"must be at least 1 and fewer than the {candidates.Length} candidates");
        }

        var votes = contest.VotesPerBallot ?? seats;
        if (votes < 1 || votes > seats)
        {
            Error($"{path}.votesPerBallot", $"must be between 1 and the {seats} seats");
        }

        return Built(id, name) ? new ContestDefinition(id!, name!, ContestKind.MultiSeatPlurality, seats, votes, null, candidates, OneCardEach(candidates)) : null;
    }

    private ContestDefinition? PartyList(ContestJson contest, string path, string? id, string? name)
    {
        Forbid(contest.Candidates, $"{path}.candidates", "party-list (the lists are its parties)");
        Forbid(contest.Cards, $"{path}.cards", "party-list");
        var parties = Named(contest.Parties, $"{path}.parties");
        if (contest.Seats is not ({ } seats and >= 1 and <= 1000))
        {
            Error($"{path}.seats", "is required, between 1 and 1000");
        }

        HighestAverageMethod? method = contest.Method switch
        {
            "dhondt" => HighestAverageMethod.DHondt,
            "sainte-lague" => HighestAverageMethod.SainteLague,
            _ => null,
        };
        if (method is null)
        {
            Error($"{path}.method", contest.Method is null ? "is required: dhondt or sainte-lague" : $"'{contest.Method}' is not dhondt or sainte-lague");
        }

        return Built(id, name) && method is not null
            ? new ContestDefinition(id!, name!, ContestKind.PartyList, contest.Seats!.Value, 1, method, parties, OneCardEach(parties))
            : null;
    }

    private (ImmutableArray<MesaDefinition> Mesas, ImmutableDictionary<long, string> Names) Geography(GeographyJson? geography)
    {
        var mesas = ImmutableArray.CreateBuilder<MesaDefinition>();
        var names = ImmutableDictionary.CreateBuilder<long, string>();
        if (geography?.States is not { Count: > 0 } states)
        {
            Error("$.geography.states", "at least one state is required");
            return ([], names.ToImmutable());
        }

        foreach (var (state, statePath, stateCode) in Areas(states, "$.geography.states", 99, 0, 100, GeoLevel.State, names))
        {
            foreach (var (municipality, municipalityPath, municipalityCode) in Areas(state.Municipalities, $"{statePath}.municipalities", 99, stateCode, 100, GeoLevel.Municipality, names))
            {
                foreach (var (parish, parishPath, parishCode) in Areas(municipality.Parishes, $"{municipalityPath}.parishes", 99, municipalityCode, 100, GeoLevel.Parish, names))
                {
                    foreach (var (centre, centrePath, centreCode) in Areas(parish.Centres, $"{parishPath}.centres", 999, parishCode, 1000, GeoLevel.Centre, names))
                    {
                        Mesas(centre.Mesas, $"{centrePath}.mesas", CentreCode.Parse(centreCode.ToString("D9", CultureInfo.InvariantCulture)), mesas);
                    }
                }
            }
        }

        return (mesas.ToImmutable(), names.ToImmutable());
    }

    private IEnumerable<(AreaJson Area, string Path, int Code)> Areas(List<AreaJson?>? areas, string path, int maxCode, int parentCode, int scale, GeoLevel level, ImmutableDictionary<long, string>.Builder names)
    {
        var noun = level.ToString().ToLowerInvariant();
        if (areas is null || areas.Count == 0)
        {
            Error(path, $"at least one {noun} is required");
            yield break;
        }

        var codes = new HashSet<int>();
        for (var i = 0; i < areas.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (areas[i] is not { } area)
            {
                Error(itemPath, "must be an object");
                continue;
            }

            var name = Text(area.Name, $"{itemPath}.name", 200);
            if (area.Code is not ({ } code and >= 1) || code > maxCode)
            {
                Error($"{itemPath}.code", $"is required, a {noun} code from 1 to {maxCode}");
                continue;
            }

            if (!codes.Add(code))
            {
                Error($"{itemPath}.code", $"{code} is used by another {noun} here");
                continue;
            }

            var below = level switch
            {
                GeoLevel.State => (area.Municipalities is not null, area.Parishes ?? area.Centres ?? (object?)area.Mesas),
                GeoLevel.Municipality => (area.Parishes is not null, area.Municipalities ?? area.Centres ?? (object?)area.Mesas),
                GeoLevel.Parish => (area.Centres is not null, area.Municipalities ?? area.Parishes ?? (object?)area.Mesas),
                _ => (area.Mesas is not null, area.Municipalities ?? area.Parishes ?? (object?)area.Centres),
            };
            if (below.Item2 is not null)
            {
                Error(itemPath, $"a {noun} holds only the next level down (state › municipality › parish › centre › mesa)");
            }

            var full = (parentCode * scale) + code;
            names[ElectionDefinition.AreaKey(level, full)] = name ?? string.Empty;
            yield return (area, itemPath, full);
        }
    }

    private void Mesas(List<MesaJson?>? mesas, string path, CentreCode centre, ImmutableArray<MesaDefinition>.Builder result)
    {
        if (mesas is null || mesas.Count == 0)
        {
            Error(path, "at least one mesa is required");
            return;
        }

        var numbers = new HashSet<int>();
        for (var i = 0; i < mesas.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (mesas[i] is not { } mesa)
            {
                Error(itemPath, "must be an object");
                continue;
            }

            if (mesa.Number is not ({ } number and >= 1 and <= 255) || !numbers.Add(number))
            {
                Error($"{itemPath}.number", mesa.Number is { } n && numbers.Contains(n) ? $"mesa {n} appears twice in this centre" : "is required, from 1 to 255");
                continue;
            }

            if (mesa.Electors is not ({ } electors and >= 0 and <= MaxElectorsPerMesa))
            {
                Error($"{itemPath}.electors", $"is required, from 0 to {MaxElectorsPerMesa}");
                continue;
            }

            result.Add(new MesaDefinition(new MesaId(centre, number), electors));
        }
    }

    private ImmutableArray<Candidate> Named(List<NamedJson?>? items, string path)
    {
        if (items is null || items.Count == 0)
        {
            Error(path, "at least one is required");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<Candidate>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var code = Text(items[i]?.Code, $"{path}[{i}].code", 32);
            var name = Text(items[i]?.Name, $"{path}[{i}].name", 200);
            if (code is not null && !codes.Add(code))
            {
                Error($"{path}[{i}].code", $"'{code}' is used twice");
            }
            else if (code is not null && name is not null)
            {
                result.Add(new Candidate(code, name));
            }
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<PartyCard> OneCardEach(ImmutableArray<Candidate> candidates) =>
        [.. candidates.Select((c, i) => new PartyCard(c.Name, i))];

    private string? Text(string? value, string path, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(path, "is required");
            return null;
        }

        if (value.Length > maxLength)
        {
            Error(path, $"is longer than {maxLength} characters");
            return null;
        }

        return value;
    }

    private void Forbid(object? value, string path, string kind)
    {
        if (value is not null)
        {
            Error(path, $"does not apply to a {kind} contest");
        }
    }

    private bool Built(string? id, string? name) => id is not null && name is not null && _errors.Count == 0;

    private ContestDefinition? Fail(string path, string message)
    {
        Error(path, message);
        return null;
    }

    private void Error(string path, string message) => _errors.Add(new DefinitionError(path, message));

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex IdPattern();
}
