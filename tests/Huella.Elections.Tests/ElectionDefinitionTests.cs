using System.Text.Json.Nodes;
using Huella.Elections.Definition;
using Huella.Elections.Geography;
using Json.Schema;

namespace Huella.Elections.Tests;

/// <summary>The election definition: the documented example, every rule with its path, and the published JSON Schema.</summary>
public sealed class ElectionDefinitionTests
{
    private static string Example => File.ReadAllText(Path.Combine(RepositoryDocs(), "examples", "election-definition.json"));

    private static JsonSchema Schema => JsonSchema.FromText(File.ReadAllText(Path.Combine(RepositoryDocs(), "schemas", "election-definition-v1.json")));

    private static System.Text.Json.JsonElement Element(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement;

    private static string RepositoryDocs() => Path.Combine(Huella.Testing.SharedData.RepositoryRoot, "docs");

    [Fact]
    public void The_documented_example_reads_into_contests_and_mesas()
    {
        Assert.True(ElectionDefinition.TryParse(Example, out var definition, out var errors), string.Join("\n", errors));
        Assert.Equal("MUNI-2027", definition!.Id);
        Assert.Equal(new DateOnly(2027, 11, 21), definition.Date);
        Assert.Equal([ContestKind.SingleSeat, ContestKind.MultiSeatPlurality, ContestKind.PartyList], definition.Contests.Select(c => c.Kind));
        Assert.Equal(
            [new MesaId(CentreCode.Parse("010101001"), 1), new MesaId(CentreCode.Parse("010101001"), 2), new MesaId(CentreCode.Parse("010101002"), 1), new MesaId(CentreCode.Parse("020302007"), 1)],
            definition.Mesas.Select(m => m.Mesa));
        Assert.Equal(2168, definition.RegisteredElectors);
        Assert.Equal("Estado Sur", definition.StateNames[2]);
        Assert.Equal("Unidad Educativa Sucre", definition.AreaNames[ElectionDefinition.AreaKey(GeoLevel.Centre, 20302007)]);

        var governor = definition.Contests[0].ToContest();
        Assert.Equal([5, 3], governor.CandidateVotes([3, 2, 3]).ToArray());
    }

    [Fact]
    public void Seats_follow_each_contests_rule()
    {
        var definition = ElectionDefinition.Parse(Example);
        Assert.Equal([4, 3, 1, 0], definition.Contests[2].SeatsWon([10, 8, 3, 2]));
        Assert.Equal([1, 0], definition.Contests[0].SeatsWon([5, 3]));
        Assert.Equal([1, 0, 1], definition.Contests[1].SeatsWon([7, 5, 7]));
        Assert.Equal([1, 1, 0], definition.Contests[1].SeatsWon([6, 6, 6]));
    }

    [Fact]
    public void Writing_and_reading_again_gives_the_same_definition()
    {
        var definition = ElectionDefinition.Parse(Example);
        var written = definition.ToJson();
        var again = ElectionDefinition.Parse(written);
        Assert.Equal(written, again.ToJson());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Example), JsonNode.Parse(written)));
    }

    [Fact]
    public void Every_problem_is_reported_with_its_path()
    {
        var json = JsonNode.Parse(Example)!;
        json["date"] = "21/11/2027";
        json["contests"]![0]!["cards"]![2]!["candidate"] = "XX";
        json["contests"]![1]!["seats"] = 3;
        json["contests"]![2]!.AsObject().Remove("method");
        json["contests"]![2]!["id"] = "gobernacion";
        var mesas = json["geography"]!["states"]![0]!["municipalities"]![0]!["parishes"]![0]!["centres"]![0]!["mesas"]!.AsArray();
        mesas[1]!["number"] = 1;

        Assert.False(ElectionDefinition.TryParse(json.ToJsonString(), out var definition, out var errors));
        Assert.Null(definition);
        var paths = errors.Select(e => e.Path).ToList();
        Assert.Contains("$.date", paths);
        Assert.Contains("$.contests[0].cards[2].candidate", paths);
        Assert.Contains("$.contests[0].candidates[1]", paths);
        Assert.Contains("$.contests[1].seats", paths);
        Assert.Contains("$.contests[2].method", paths);
        Assert.Contains("$.contests[2].id", paths);
        Assert.Contains("$.geography.states[0].municipalities[0].parishes[0].centres[0].mesas[1].number", paths);
        Assert.Contains(errors, e => e.Message.Contains("'XX' is not a candidate", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "$")]
    [InlineData("null", "$")]
    [InlineData("[]", "$")]
    [InlineData("{\"id\": 5}", "$.id")]
    [InlineData("{\"surprise\": true}", "$")]
    [InlineData("{\"id\": \"x\", \"name\": \"y\", \"date\": \"2027-01-01\", \"contests\": [], \"geography\": {\"states\": []}}", "$.contests")]
    public void Malformed_json_is_an_error_not_an_exception(string json, string path)
    {
        Assert.False(ElectionDefinition.TryParse(json, out _, out var errors));
        Assert.Contains(errors, e => e.Path.StartsWith(path, StringComparison.Ordinal));
        Assert.Throws<ElectionDataException>(() => ElectionDefinition.Parse(json));
    }

    [Fact]
    public void The_published_schema_accepts_what_huella_writes_and_rejects_what_it_refuses()
    {
        var schema = Schema;
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List };
        Assert.True(schema.Evaluate(Element(Example), options).IsValid);
        Assert.True(schema.Evaluate(Element(ElectionDefinition.Parse(Example).ToJson()), options).IsValid);

        foreach (var edit in new Action<JsonNode>[]
        {
            j => j["contests"]![2]!.AsObject().Remove("method"),
            j => j["contests"]![0]!["seats"] = 2,
            j => j["contests"]![1]!["kind"] = "ranked",
            j => j["geography"]!["states"]![0]!["code"] = 100,
            j => j["geography"]!["states"]![0]!["municipalities"]![0]!["parishes"]![0]!["centres"]![0]!["mesas"]![0]!["electors"] = -1,
            j => j["geography"]!["states"]![0]!["mesas"] = new JsonArray(),
            j => j["date"] = "2027/11/21",
        })
        {
            var json = JsonNode.Parse(Example)!;
            edit(json);
            Assert.False(schema.Evaluate(Element(json.ToJsonString()), options).IsValid, json.ToJsonString());
            Assert.False(ElectionDefinition.TryParse(json.ToJsonString(), out _, out _), json.ToJsonString());
        }
    }
}
