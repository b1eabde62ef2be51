using System.Globalization;
using Huella.Elections.Contests;
using Huella.Storage;

namespace Huella.Cli.Commands;

/// <summary>The settings a bench starts central with: one contest, its store and published keys.</summary>
internal static class BenchCentral
{
    public static Dictionary<string, string?> Settings(StoreLocation store, string keysFile, BallotContest contest)
    {
        ArgumentNullException.ThrowIfNull(contest);
        var settings = new Dictionary<string, string?>
        {
            ["Huella:Central:Store"] = store.ToString(),
            ["Huella:Central:PublishedKeysFile"] = keysFile,
            ["Huella:Central:ElectionName"] = "Bench",
            ["Huella:Central:ElectionDate"] = "2026-07-28",
            ["Huella:Central:Contest:Name"] = contest.Name,
        };
        for (var i = 0; i < contest.Candidates.Length; i++)
        {
            settings[$"Huella:Central:Contest:Candidates:{i}:Code"] = contest.Candidates[i].Code;
            settings[$"Huella:Central:Contest:Candidates:{i}:Name"] = contest.Candidates[i].Name;
        }

        for (var i = 0; i < contest.Cards.Length; i++)
        {
            settings[$"Huella:Central:Contest:Cards:{i}:Party"] = contest.Cards[i].Party;
            settings[$"Huella:Central:Contest:Cards:{i}:Candidate"] = contest.Cards[i].CandidateIndex.ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }
}
