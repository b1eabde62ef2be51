using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Huella.Biometrics;
using Huella.Biometrics.Imaging;
using Huella.Elections;
using Huella.Elections.Actas;
using Huella.Elections.Definition;
using Huella.Elections.Roll;
using Huella.Elections.Station;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella station</c>: drives one mesa's polling station from a script of operator commands (a
/// file, or standard input), one JSON line answered per command. The station is the library's:
/// roll package opened with the machine's kit, authentication desk, ballot box, signed actas.
/// </summary>
internal static class StationCommand
{
    private const string Usage = "commands: open | auth CEDULA [IMAGE] | vote CHOICE... (one per contest: a card number from 1, cards joined by '+', null, blank) | close";

    public static Command Build()
    {
        var kit = new Option<FileInfo>("--kit") { Description = "The machine's station kit (secret keys, JSON).", Required = true };
        var roll = new Option<FileInfo>("--roll") { Description = "The mesa's sealed roll package.", Required = true };
        var definition = new Option<FileInfo>("--definition") { Description = "The election definition (JSON).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where the actas and the log are written.", Required = true };
        var commands = new Option<FileInfo?>("--commands") { Description = "Operator commands, one per line (default: standard input). " + Usage };
        var afterNoMatch = new Option<FallbackRule>("--after-no-match") { Description = "After three failed matches: Refuse or AllowWithIncident.", DefaultValueFactory = _ => FallbackRule.Refuse };
        var noFingerprint = new Option<FallbackRule>("--no-fingerprint") { Description = "Elector without fingerprints on file: Refuse or AllowWithIncident.", DefaultValueFactory = _ => FallbackRule.AllowWithIncident };
        var dpi = new Option<double?>("--dpi") { Description = "Resolution of the finger images, overriding what the files say." };
        var command = new Command("station", "Run one mesa's polling station from operator commands.") { kit, roll, definition, output, commands, afterNoMatch, noFingerprint, dpi };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            try
            {
                using var stationKit = StationKit.Parse(File.ReadAllText(parse.GetValue(kit)!.FullName));
                var election = ElectionDefinition.Parse(File.ReadAllText(parse.GetValue(definition)!.FullName));
                if (election.Id != stationKit.ElectionId)
                {
                    error.WriteLine($"huella station: the kit is for election {stationKit.ElectionId}, the definition for {election.Id}.");
                    return 2;
                }

                if (!RollPackage.TryOpen(File.ReadAllBytes(parse.GetValue(roll)!.FullName), stationKit.Authority, stationKit.RollKey, election.Id, stationKit.Mesa, out var opened, out var problem))
                {
                    error.WriteLine($"huella station: the roll package does not open: {problem}");
                    return 1;
                }

                var policy = new AuthenticationPolicy { AfterNoMatch = parse.GetValue(afterNoMatch), NoFingerprintOnFile = parse.GetValue(noFingerprint) };
                using var station = new PollingStation(election.Id, stationKit.Mesa, [.. election.Contests.Select(c => c.ToContest())], opened!.Electors, policy, stationKit.Machine, TimeProvider.System);
                var driver = new Driver(station, stationKit, election, Directory.CreateDirectory(parse.GetValue(output)!.FullName).FullName, parse.GetValue(dpi));
                using var input = parse.GetValue(commands) is { } file ? new StreamReader(file.FullName) : Console.In;
                var failed = 0;
                while (input.ReadLine() is { } line)
                {
                    if (!string.IsNullOrWhiteSpace(line) && !line.TrimStart().StartsWith('#'))
                    {
                        var answer = driver.Run(line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                        failed += answer.ContainsKey("error") ? 1 : 0;
                        parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(answer));
                    }
                }

                return failed == 0 ? 0 : 1;
            }
            catch (Exception e) when (e is ElectionDataException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"huella station: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private sealed class Driver(PollingStation station, StationKit kit, ElectionDefinition election, string folder, double? dpi)
    {
        // The token travels from the desk to the booth; the driver holds it in between, as the booth would.
        private BallotToken? _pending;

        public Dictionary<string, object?> Run(string[] words)
        {
            var answer = new Dictionary<string, object?> { ["command"] = words[0] };
            try
            {
                switch (words[0])
                {
                    case "open" when words.Length == 1:
                        answer["actas"] = Write(station.Open(), "opening.acta");
                        break;
                    case "auth" when words.Length is 2 or 3:
                        Authenticate(words, answer);
                        break;
                    case "vote" when words.Length > 1:
                        var token = _pending ?? throw new BallotRefusedException("No ballot is unlocked: an elector must be authenticated first.");
                        var receipt = station.Machine.Cast(token, new Ballot(words[1..].Select(Choice)));
                        _pending = null;
                        answer["receipt"] = receipt.Text;
                        break;
                    case "close" when words.Length == 1:
                        answer["actas"] = Write(station.Close(), "acta");
                        var log = Path.Combine(folder, $"{station.Mesa}.log");
                        File.WriteAllLines(log, station.Log.Lines);
                        answer["log"] = log;
                        break;
                    default:
                        answer["error"] = $"not a command: '{string.Join(' ', words)}'; {Usage}";
                        break;
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FingerprintFormatException or NoUsableFingerprintException or IOException or FormatException)
            {
                answer["error"] = e.Message;
            }

            return answer;
        }

        private void Authenticate(string[] words, Dictionary<string, object?> answer)
        {
            if (_pending is not null)
            {
                throw new InvalidOperationException("The previous elector has not voted yet: one ballot at a time.");
            }

            var probe = words.Length == 3 ? FingerprintTemplate.Create(ImageDecoder.Load(words[2], dpi)) : null;
            var outcome = station.Desk.Authenticate(words[1], probe);
            _pending = outcome.Token;
            answer["cedula"] = words[1];
            answer["status"] = outcome.Status.ToString();
            answer["attempt"] = outcome.Attempt;
            answer["ballot"] = outcome.Admitted;
        }

        private static BallotChoice Choice(string word) => word switch
        {
            "null" => BallotChoice.Null,
            "blank" => BallotChoice.Blank,
            _ => BallotChoice.Of(word.Split('+').Select(card => int.TryParse(card, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                ? n - 1
                : throw new FormatException($"'{word}' is not a choice: a card number from 1, cards joined by '+', null or blank."))),
        };

        /// <summary>Countersigns each contest's acta with the mesa members' keys and writes it; returns the paths.</summary>
        private List<string> Write(IEnumerable<SignedActa> actas, string suffix)
        {
            var paths = new List<string>();
            foreach (var signed in actas)
            {
                var acta = kit.Members.Aggregate(signed, (a, member) => a.Countersign(member));
                var path = Path.Combine(folder, $"{station.Mesa}.{election.Contests[acta.Acta.Contest].Id}.{suffix}");
                File.WriteAllBytes(path, acta.Encode());
                paths.Add(path);
            }

            return paths;
        }
    }
}
