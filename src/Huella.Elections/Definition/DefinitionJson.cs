using System.Text.Json.Serialization;

namespace Huella.Elections.Definition;

// The JSON shape of an election definition (docs/election-definition.schema.json). Everything is
// nullable here so that a missing field becomes a validation error with its path, not an exception.
#pragma warning disable CA1812 // Instantiated by System.Text.Json.

internal sealed class ElectionJson
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Date { get; set; }

    public List<ContestJson?>? Contests { get; set; }

    public GeographyJson? Geography { get; set; }
}

internal sealed class ContestJson
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Kind { get; set; }

    public int? Seats { get; set; }

    public int? VotesPerBallot { get; set; }

    public string? Method { get; set; }

    public List<NamedJson?>? Candidates { get; set; }

    public List<CardJson?>? Cards { get; set; }

    public List<NamedJson?>? Parties { get; set; }
}

internal sealed class NamedJson
{
    public string? Code { get; set; }

    public string? Name { get; set; }
}

internal sealed class CardJson
{
    public string? Party { get; set; }

    public string? Candidate { get; set; }
}

internal sealed class GeographyJson
{
    public List<AreaJson?>? States { get; set; }
}

/// <summary>A state, municipality, parish or centre: a code, a name and the areas below it.</summary>
internal sealed class AreaJson
{
    public int? Code { get; set; }

    public string? Name { get; set; }

    public List<AreaJson?>? Municipalities { get; set; }

    public List<AreaJson?>? Parishes { get; set; }

    public List<AreaJson?>? Centres { get; set; }

    public List<MesaJson?>? Mesas { get; set; }
}

internal sealed class MesaJson
{
    public int? Number { get; set; }

    public int? Electors { get; set; }
}
