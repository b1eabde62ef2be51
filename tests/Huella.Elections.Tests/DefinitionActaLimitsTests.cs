using System.Text.Json.Nodes;
using Huella.Elections.Actas;
using Huella.Elections.Definition;
using Huella.Elections.Geography;

namespace Huella.Elections.Tests;

/// <summary>
/// A definition is accepted only when every contest in it can be carried by an acta: the validator
/// refuses, with a path, what the acta codec would refuse at closing time.
/// </summary>
public sealed class DefinitionActaLimitsTests
{
    private static string Example => File.ReadAllText(Path.Combine(Huella.Testing.SharedData.RepositoryRoot, "docs", "examples", "election-definition.json"));

    [Theory]
    [InlineData(257)]
    [InlineData(300)]
    public void More_contests_than_an_acta_can_name_are_refused(int count)
    {
        var (accepted, errors) = Validate(WithContests(count));
        Assert.Null(accepted);
        Assert.Contains(errors, e => e.Path == "$.contests" && e.Message.Contains("at most 256", StringComparison.Ordinal));
    }

    [Fact]
    public void The_most_contests_accepted_can_all_be_encoded_in_actas()
    {
        var (definition, errors) = Validate(WithContests(256));
        Assert.True(definition is not null, string.Join("\n", errors));
        var last = definition.Contests.Length - 1;
        var acta = ActaFor(last, definition.Contests[last].Cards.Length);
        Assert.True(ActaCodec.TryDecodeBody(ActaCodec.EncodeBody(acta), out var decoded, out var why), why);
        Assert.Equal(last, decoded!.Contest);

        // One more and the codec itself refuses: the validator's limit is the codec's.
        Assert.Throws<ArgumentException>(() => ActaCodec.EncodeBody(ActaFor(last + 1, 1)));
    }

    [Fact]
    public void More_parties_than_an_acta_counts_are_refused()
    {
        var json = JsonNode.Parse(Example)!;
        var parties = new JsonArray();
        for (var i = 0; i < 1025; i++)
        {
            parties.Add(new JsonObject { ["code"] = $"P{i}", ["name"] = $"Party {i}" });
        }

        json["contests"]![2]!["parties"] = parties;
        var (accepted, errors) = Validate(json.ToJsonString());
        Assert.Null(accepted);
        Assert.Contains(errors, e => e.Path == "$.contests[2].parties" && e.Message.Contains("1024", StringComparison.Ordinal));
        // An acta of that many cards could be neither written nor read back.
        Assert.Throws<ArgumentException>(() => ActaCodec.EncodeBody(ActaFor(0, 1025)));
    }

    [Fact]
    public void More_plurality_candidates_than_an_acta_counts_are_refused()
    {
        var json = JsonNode.Parse(Example)!;
        var candidates = new JsonArray();
        for (var i = 0; i < 1030; i++)
        {
            candidates.Add(new JsonObject { ["code"] = $"C{i}", ["name"] = $"Candidate {i}" });
        }

        json["contests"]![1]!["candidates"] = candidates;
        var (accepted, errors) = Validate(json.ToJsonString());
        Assert.Null(accepted);
        Assert.Contains(errors, e => e.Path == "$.contests[1].candidates" && e.Message.Contains("1024", StringComparison.Ordinal));
    }

    private static (ElectionDefinition? Definition, IReadOnlyList<DefinitionError> Errors) Validate(string json)
    {
        var valid = ElectionDefinition.TryParse(json, out var definition, out var errors);
        Assert.Equal(valid, definition is not null);
        return (definition, errors);
    }

    /// <summary>The documented example with its party-list contest repeated to make <paramref name="count"/> contests.</summary>
    private static string WithContests(int count)
    {
        var json = JsonNode.Parse(Example)!;
        var contests = json["contests"]!.AsArray();
        var template = contests[2]!.ToJsonString();
        while (contests.Count < count)
        {
            var copy = JsonNode.Parse(template)!;
            copy["id"] = $"extra-{contests.Count}";
            contests.Add(copy);
        }

        return json.ToJsonString();
    }

    private static Acta ActaFor(int contest, int cards) => new()
    {
        ElectionId = "limits",
        Mesa = new MesaId(CentreCode.Parse("040202001"), 1),
        Contest = contest,
        CardVotes = [.. new int[cards]],
        NullVotes = 0,
        BlankVotes = 0,
        RegisteredElectors = 10,
        ElectorsAuthenticated = 0,
        BallotsCast = 0,
        Incidents = [],
        LogHead = [.. new byte[32]],
        ClosedAt = 0,
    };
}
