using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Huella.Elections.Geography;

namespace Huella.Elections.Definition;

/// <summary>One mesa of the election: where it is and how many electors are on its roll.</summary>
public readonly record struct MesaDefinition(MesaId Mesa, int RegisteredElectors);

/// <summary>
/// An election as published before election day: its contests and its geography down to every
/// mesa with its registered electors. Read from JSON (docs/election-definition.md), validated as a
/// whole: every problem is reported with its JSON path, not just the first.
/// </summary>
public sealed class ElectionDefinition
{
    internal ElectionDefinition(string id, string name, DateOnly date, ImmutableArray<ContestDefinition> contests, ImmutableArray<MesaDefinition> mesas, ImmutableDictionary<long, string> areaNames)
    {
        Id = id;
        Name = name;
        Date = date;
        Contests = contests;
        Mesas = mesas;
        AreaNames = areaNames;
    }

    public string Id { get; }

    public string Name { get; }

    public DateOnly Date { get; }

    public ImmutableArray<ContestDefinition> Contests { get; }

    /// <summary>Every mesa, in geographic order.</summary>
    public ImmutableArray<MesaDefinition> Mesas { get; }

    public long RegisteredElectors => Mesas.Sum(m => (long)m.RegisteredElectors);

    /// <summary>Names of states, municipalities, parishes and centres by their code prefix (see <see cref="AreaKey"/>).</summary>
    public ImmutableDictionary<long, string> AreaNames { get; }

    /// <summary>The key of an area in <see cref="AreaNames"/>: its level and its code prefix at that level.</summary>
    public static long AreaKey(GeoLevel level, int prefix) => ((long)level * 1_000_000_000L) + prefix;

    /// <summary>The state names by state number, as the results report wants them.</summary>
    public IReadOnlyDictionary<long, string> StateNames =>
        Mesas.Select(m => m.Mesa.Centre.State).Distinct().ToDictionary(s => (long)s, s => AreaNames[AreaKey(GeoLevel.State, s)]);

    public static bool TryParse(string json, out ElectionDefinition? definition, out IReadOnlyList<DefinitionError> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        definition = null;
        ElectionJson? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<ElectionJson>(json, DefinitionValidator.JsonOptions);
        }
        catch (JsonException e)
        {
            errors = [new DefinitionError(e.Path ?? "$", $"not valid JSON for an election definition: {FirstSentence(e.Message)}")];
            return false;
        }

        if (parsed is null)
        {
            errors = [new DefinitionError("$", "the definition is empty (null)")];
            return false;
        }

        var validator = new DefinitionValidator();
        definition = validator.Validate(parsed);
        errors = validator.Errors;
        if (errors.Count > 0)
        {
            definition = null;
        }

        return definition is not null;
    }

    public static ElectionDefinition Parse(string json) =>
        TryParse(json, out var definition, out var errors)
            ? definition!
            : throw new ElectionDataException($"The election definition is not valid:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");

    public string ToJson() => DefinitionWriter.Write(this);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Id}: {Contests.Length} contest(s), {Mesas.Length} mesas, {RegisteredElectors} electors");
}

/// <summary>One problem in a definition: where (a JSON path such as <c>$.contests[0].cards[3]</c>) and what.</summary>
public sealed record DefinitionError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
