using System.CommandLine;
using System.Text.Json;
using Huella.Elections;
using Huella.Elections.Definition;
using Huella.Elections.Roll;
using Huella.Elections.Station;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella station</c>: drives one mesa's polling station from a script of operator commands (a
/// file, or standard input), one JSON line answered per command. The station is the library's:
/// roll package opened with the machine's kit, authentication desk, ballot box, signed actas,
/// countersigned by the members whose key files and PINs were given. Its day is kept in the --out
/// folder (<see cref="StationStore"/>): started again there after a crash, it resumes the day.
/// Receipts go to the printer, never to the operator's answers.
/// </summary>
internal static class StationCommand
{
    public const string Usage = "commands: open | auth CEDULA [IMAGE] | vote CHOICE... (one per contest: a card number from 1, cards joined by '+', null, blank) | close";

    public static Command Build()
    {
        var kit = new Option<FileInfo>("--kit") { Description = "The machine's station kit (its secret keys; JSON, or sealed with a passphrase).", Required = true };
        var kitPassphrase = new Option<FileInfo?>("--kit-passphrase-file") { Description = $"File whose first line is the kit's passphrase (else {StationSecrets.KitPassphraseVariable})." };
        var members = new Option<FileInfo[]>("--member") { Description = "A mesa member's key file; repeat for each member who countersigns.", DefaultValueFactory = _ => [] };
        var memberPins = new Option<FileInfo[]>("--member-pin-file") { Description = "File whose first line is a member's PIN, in --member order (else HUELLA_MEMBER_PIN_1, _2…, else asked at the terminal).", DefaultValueFactory = _ => [] };
        var roll = new Option<FileInfo>("--roll") { Description = "The mesa's sealed roll package.", Required = true };
        var definition = new Option<FileInfo>("--definition") { Description = "The election definition (JSON).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "The station's folder: its durable store (desk.db, box.ballots), the actas and the log. Run again on the same folder to resume.", Required = true };
        var printer = new Option<FileInfo?>("--printer") { Description = "Where receipts are printed: each receipt replaces the last (default: printer.txt in --out)." };
        var commands = new Option<FileInfo?>("--commands") { Description = "Operator commands, one per line (default: standard input). " + Usage };
        var afterNoMatch = new Option<FallbackRule>("--after-no-match") { Description = "After three failed matches: Refuse or AllowWithIncident.", DefaultValueFactory = _ => FallbackRule.Refuse };
        var noFingerprint = new Option<FallbackRule>("--no-fingerprint") { Description = "Elector without fingerprints on file: Refuse or AllowWithIncident.", DefaultValueFactory = _ => FallbackRule.AllowWithIncident };
        var dpi = new Option<double?>("--dpi") { Description = "Resolution of the finger images, overriding what the files say." };
        var command = new Command("station", "Run one mesa's polling station from operator commands.") { kit, kitPassphrase, members, memberPins, roll, definition, output, printer, commands, afterNoMatch, noFingerprint, dpi };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            try
            {
                using var stationKit = StationKit.Read(File.ReadAllBytes(parse.GetValue(kit)!.FullName), StationSecrets.KitPassphrase(parse.GetValue(kitPassphrase)));
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

                if (!StationSecrets.TryOpenMembers(parse.GetValue(members)!, parse.GetValue(memberPins)!, election.Id, stationKit.Mesa, error, out var memberKeys, out problem))
                {
                    error.WriteLine($"huella station: {problem}");
                    return 2;
                }

                try
                {
                    var folder = Directory.CreateDirectory(parse.GetValue(output)!.FullName).FullName;
                    var contests = election.Contests.Select(c => c.ToContest()).ToArray();
                    var policy = new AuthenticationPolicy { AfterNoMatch = parse.GetValue(afterNoMatch), NoFingerprintOnFile = parse.GetValue(noFingerprint) };
                    using var store = StationStore.Open(folder, election.Id, stationKit.Mesa, contests, opened!.Electors.Length);
                    using var station = new PollingStation(election.Id, stationKit.Mesa, contests, opened.Electors, policy, stationKit.Machine, TimeProvider.System, store);
                    var printed = parse.GetValue(printer)?.FullName ?? Path.Combine(folder, "printer.txt");
                    var driver = new StationDriver(station, memberKeys, election, folder, printed, parse.GetValue(dpi));
                    var answers = parse.InvocationConfiguration.Output;
                    var failed = 0;
                    if (station.Resumed is not null)
                    {
                        var answer = driver.Resume();
                        failed += answer.ContainsKey("error") ? 1 : 0;
                        answers.WriteLine(JsonSerializer.Serialize(answer));
                        answers.Flush();
                    }

                    using var input = parse.GetValue(commands) is { } file ? new StreamReader(file.FullName) : Console.In;
                    while (input.ReadLine() is { } line)
                    {
                        if (!string.IsNullOrWhiteSpace(line) && !line.TrimStart().StartsWith('#'))
                        {
                            var answer = driver.Run(line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                            failed += answer.ContainsKey("error") ? 1 : 0;
                            answers.WriteLine(JsonSerializer.Serialize(answer));
                            answers.Flush();
                        }
                    }

                    return failed == 0 ? 0 : 1;
                }
                finally
                {
                    memberKeys.ForEach(m => m.Dispose());
                }
            }
            catch (Exception e) when (e is ElectionDataException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"huella station: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
