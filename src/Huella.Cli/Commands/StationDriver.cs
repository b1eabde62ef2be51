using System.Globalization;
using System.Security.Cryptography;
using Huella.Biometrics;
using Huella.Biometrics.Imaging;
using Huella.Elections.Actas;
using Huella.Elections.Definition;
using Huella.Elections.Station;
using Huella.Identity;

namespace Huella.Cli.Commands;

/// <summary>
/// Runs one operator command against the station and says what happened in a JSON-ready answer.
/// An answer never carries a choice or a receipt: the operator's screen is in view of the queue,
/// and beside the cédula of the elector just admitted a choice would undo the secret ballot. The
/// receipt goes to the printer only.
/// </summary>
internal sealed class StationDriver(PollingStation station, IReadOnlyList<MemberKey> members, ElectionDefinition election, string folder, string printer, double? dpi)
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
                    Vote(words[1..]);
                    answer["cast"] = true;
                    break;
                case "close" when words.Length == 1:
                    answer["actas"] = Write(station.Close(), "acta");
                    answer["log"] = WriteLog();
                    break;
                default:
                    answer["error"] = $"not a command: '{string.Join(' ', words)}'; {StationCommand.Usage}";
                    break;
            }
        }
        catch (Exception e) when (IsOperatorError(e))
        {
            answer["error"] = words[0] == "vote" ? $"the ballot was not cast: {FirstLine(e.Message)}" : FirstLine(e.Message);
        }

        return answer;
    }

    /// <summary>
    /// After a restart: says what the store held, and writes any acta or log file the crash kept
    /// from being written (the same bytes as before: signatures are deterministic).
    /// </summary>
    public Dictionary<string, object?> Resume()
    {
        var resumed = station.Resumed!;
        var answer = new Dictionary<string, object?>
        {
            ["command"] = "resume",
            ["state"] = resumed.State,
            ["admitted"] = resumed.Admitted,
            ["ballots"] = resumed.Ballots,
            ["voidedTokens"] = resumed.VoidedTokens,
        };
        try
        {
            var written = new List<string>();
            if (!station.OpeningActas.IsEmpty)
            {
                written.AddRange(Write(station.OpeningActas, "opening.acta"));
            }

            if (!station.ClosingActas.IsEmpty)
            {
                written.AddRange(Write(station.ClosingActas, "acta"));
                written.Add(WriteLog());
            }

            answer["files"] = written;
        }
        catch (IOException e)
        {
            answer["error"] = e.Message;
        }

        return answer;
    }

    // Whatever one bad line causes is answered and the station carries on; only what the station
    // cannot survive (out of memory and the like) ends it.
    private static bool IsOperatorError(Exception e) => e is ArgumentException or InvalidOperationException or FingerprintFormatException or NoUsableFingerprintException
        or IOException or UnauthorizedAccessException or FormatException or InvalidDataException or NotSupportedException or OverflowException or IndexOutOfRangeException;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private void Authenticate(string[] words, Dictionary<string, object?> answer)
    {
        if (_pending is not null)
        {
            throw new InvalidOperationException("The previous elector has not voted yet: one ballot at a time.");
        }

        var probe = words.Length == 3 ? FingerprintTemplate.Create(ImageDecoder.Load(words[2], dpi)) : null;
        var cedula = Cedula.Parse(words[1]);
        var outcome = station.Desk.Authenticate(cedula, probe);
        _pending = outcome.Token;
        answer["cedula"] = cedula.ToString();
        answer["status"] = outcome.Status.ToString();
        answer["attempt"] = outcome.Attempt;
        answer["ballot"] = outcome.Admitted;
    }

    private void Vote(string[] choices)
    {
        var token = _pending ?? throw new BallotRefusedException("No ballot is unlocked: an elector must be authenticated first.");
        var receipt = station.Machine.Cast(token, new Ballot(choices.Select(Choice)));
        _pending = null;

        // The ballot is on disk before the receipt exists. The printer holds one receipt at a time,
        // with no elector, time or number on it, so its output builds no record of who voted when.
        File.WriteAllText(printer, receipt.Text);
    }

    private static BallotChoice Choice(string word, int contest) => word switch
    {
        "null" => BallotChoice.Null,
        "blank" => BallotChoice.Blank,
        _ => BallotChoice.Of(word.Split('+').Select(card => int.TryParse(card, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n - 1
            : throw new FormatException($"choice {contest + 1} is not a card number from 1, cards joined by '+', null or blank."))),
    };

    /// <summary>Countersigns each contest's acta with the members' keys and writes it; returns the paths.</summary>
    private List<string> Write(IEnumerable<SignedActa> actas, string suffix)
    {
        var paths = new List<string>();
        foreach (var signed in actas)
        {
            var acta = members.Aggregate(signed, (a, member) => a.Countersign(member.Key));
            var path = Path.Combine(folder, $"{station.Mesa}.{election.Contests[acta.Acta.Contest].Id}.{suffix}");
            WriteOnce(path, acta.Encode());
            paths.Add(path);
        }

        return paths;
    }

    private string WriteLog()
    {
        var log = Path.Combine(folder, $"{station.Mesa}.log");
        WriteOnce(log, System.Text.Encoding.UTF8.GetBytes(string.Join('\n', station.Log.Lines) + "\n"));
        return log;
    }

    /// <summary>
    /// Writes a file that must never change once written (an acta, the log): an existing file with
    /// the same bytes is left as it is (a rerun after a crash), one with other bytes is refused.
    /// </summary>
    private static void WriteOnce(string path, byte[] contents)
    {
        var temporary = $"{path}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp";
        try
        {
            // Owner-only at creation: the log names electors; actas are public but copied out by the operator.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = Huella.Storage.OwnerOnlyFile.Mode;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }

            if (!File.Exists(path))
            {
                File.Move(temporary, path, overwrite: false);
                return;
            }
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another file took the name first: compared below.
        }
        finally
        {
            File.Delete(temporary);
        }

        if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(contents))
        {
            throw new IOException($"{path} already exists with other contents: an acta once written is never replaced.");
        }
    }
}
