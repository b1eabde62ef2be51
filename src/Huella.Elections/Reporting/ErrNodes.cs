using System.Globalization;
using System.Text.Json.Nodes;

namespace Huella.Elections.Reporting;

/// <summary>The small building blocks of an ERR v2 document, each with its <c>@type</c> as NIST's schema spells it.</summary>
internal static class ErrNodes
{
    public const string Nation = "ru-nation";

    public static string StateId(long code) => string.Create(CultureInfo.InvariantCulture, $"ru-state-{code:D2}");

    public static string PartyId(int party) => string.Create(CultureInfo.InvariantCulture, $"party-{party + 1}");

    // The first contest keeps the plain ids ("cand-AR", "sel-card-3") a one-contest report always had.
    public static string CandidateId(int contest, string code) =>
        contest == 0 ? $"cand-{code}" : string.Create(CultureInfo.InvariantCulture, $"cand-{contest + 1}-{code}");

    public static string SelectionId(int contest, string what) =>
        contest == 0 ? $"sel-{what}" : string.Create(CultureInfo.InvariantCulture, $"sel-{contest + 1}-{what}");

    public static string ContestId(int contest) => string.Create(CultureInfo.InvariantCulture, $"contest-{contest + 1}");

    public static JsonObject Text(string content) => new()
    {
        ["@type"] = "ElectionResults.InternationalizedText",
        ["Text"] = new JsonArray(new JsonObject
        {
            ["@type"] = "ElectionResults.LanguageString",
            ["Content"] = content,
            ["Language"] = "es",
        }),
    };

    public static JsonObject VoteCounts(string unit, long count, string type = "total") => new()
    {
        ["@type"] = "ElectionResults.VoteCounts",
        ["GpUnitId"] = unit,
        ["Type"] = type,
        ["Count"] = count,
    };

    public static JsonArray Ids(IEnumerable<string> ids) => new([.. ids.Select(id => JsonValue.Create(id))]);

    public static JsonObject CountStatus(bool complete) => new()
    {
        ["@type"] = "ElectionResults.CountStatus",
        ["Type"] = "total",
        ["Status"] = complete ? "completed" : "in-process",
    };
}
