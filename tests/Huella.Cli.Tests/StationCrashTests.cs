using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Testing;

namespace Huella.Cli.Tests;

/// <summary>
/// A real <c>huella station</c> process, fed a scripted day, killed with SIGKILL at random points and
/// started again on the same folder until the day is closed. Whatever the kill points, the closed
/// mesa must hold every ballot whose receipt was printed (and at most the one ballot in flight at
/// each kill), admit nobody twice, keep its log chain whole and close with consistent actas.
/// </summary>
public sealed class StationCrashTests(Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private const int Electors = 20;
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-station-crash-").FullName;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_station_killed_at_random_points_loses_no_printed_ballot_and_admits_nobody_twice(int seed)
    {
        var random = new Random(seed);
        using var mesa = new StationFixture(_folder, StationFixture.WithoutFingerprints(Electors));
        var output = Path.Combine(_folder, "out");
        var day = Day(random);
        var receipts = new int[4];
        var receiptsPrinted = 0;
        var votesInFlight = 0;
        var kills = 0;
        var admittedAnswers = new List<string>();
        var next = 0;
        while (next < day.Count)
        {
            using var station = StationProcess.Start(mesa.Arguments(output));
            for (; next < day.Count; next++)
            {
                var command = day[next];
                station.Send(command);

                // One command in ten is the last this process sees: killed while it works on it.
                if (random.Next(10) == 0)
                {
                    Thread.Sleep(random.Next(15));
                    station.Kill();
                    kills++;
                    votesInFlight += command.StartsWith("vote", StringComparison.Ordinal) ? 1 : 0;

                    // The operator does not know whether it was done, and types it again.
                    break;
                }

                var answer = station.AnswerTo(command);
                if (answer.TryGetProperty("cast", out _))
                {
                    receiptsPrinted++;
                    receipts[int.Parse(command.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) - 1]++;
                }

                if (answer.TryGetProperty("ballot", out var ballot) && ballot.GetBoolean())
                {
                    admittedAnswers.Add(answer.GetProperty("cedula").GetString()!);
                }
            }

            if (next == day.Count)
            {
                station.EndOfCommands();
            }
        }

        Assert.Distinct(admittedAnswers);

        // The closed mesa, from the files it wrote.
        var closing = Directory.GetFiles(output, "*.acta").Where(f => !f.EndsWith(".opening.acta", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(f => ActaVerifier.Verify(File.ReadAllBytes(f), mesa.Keys)).ToArray();
        Assert.Equal(3, closing.Length);
        Assert.All(closing, a => Assert.Equal(ActaVerdict.Valid, a.Verdict));
        var governor = closing.Single(a => a.Acta!.Contest == 0).Acta!;
        Assert.All(closing, a => Assert.Equal((governor.BallotsCast, governor.ElectorsAuthenticated), (a.Acta!.BallotsCast, a.Acta.ElectorsAuthenticated)));
        Assert.Equal(governor.BallotsCast, governor.CardVotes.Sum() + governor.NullVotes + governor.BlankVotes);

        // Every printed receipt is in the box; beyond them, at most the ballot in flight at each kill.
        var inFlightStored = governor.BallotsCast - receiptsPrinted;
        Assert.InRange(inFlightStored, 0, votesInFlight);
        for (var card = 0; card < receipts.Length - 1; card++)
        {
            Assert.InRange(governor.CardVotes[card] - receipts[card], 0, inFlightStored);
        }

        // The log: whole, the one the actas sign, and nobody admitted twice in it.
        var lines = File.ReadAllLines(Path.Combine(output, $"{StationFixture.Mesa}.log"));
        Assert.Equal(HashChain.Head(lines.Select(Encoding.UTF8.GetBytes)), governor.LogHead.ToArray());
        var admitted = lines.Select(l => l.Split(' ')).Where(w => w.Length > 3 && w[1] == "authenticate" && w[3].StartsWith("Allowed", StringComparison.Ordinal)).Select(w => w[2]).ToArray();
        Assert.Distinct(admitted);
        Assert.Equal(governor.ElectorsAuthenticated, admitted.Length);

        // Electors admitted without a ballot are exactly the tokens voided at the restarts.
        var voided = lines.Where(l => l.Contains(" resume mesa ", StringComparison.Ordinal)).Sum(l => int.Parse(l[(l.LastIndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(governor.ElectorsAuthenticated - governor.BallotsCast, voided);
        Assert.True(kills > 0, "the seed killed no station");
        log.WriteLine($"seed {seed}: {kills} kills ({votesInFlight} during a vote), {receiptsPrinted} receipts printed, {governor.BallotsCast} ballots, {governor.ElectorsAuthenticated} admitted, {voided} tokens voided");
    }

    /// <summary>Open, every elector in turn (some come back to vote twice, some lines are garbage), close.</summary>
    private static List<string> Day(Random random)
    {
        var day = new List<string> { "open" };
        for (var i = 0; i < Electors; i++)
        {
            day.Add($"auth E-{i + 1}");
            day.Add($"vote {random.Next(1, 4)} {random.Next(1, 4)} {random.Next(1, 5)}");
            if (random.Next(6) == 0)
            {
                day.Add($"auth E-{random.Next(i + 1) + 1}");
            }
        }

        day.Add("close");
        return day;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary><c>dotnet huella.dll station …</c> with the commands on its standard input, one answer line read per command.</summary>
    private sealed class StationProcess : IDisposable
    {
        private readonly Process _process;

        private StationProcess(Process process) => _process = process;

        public static StationProcess Start(string[] arguments)
        {
            var build = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
            var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(SharedData.RepositoryRoot, "src", "Huella.Cli", "bin", build, "net10.0", "huella.dll"));
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start)!;
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            return new StationProcess(process);
        }

        public void Send(string command)
        {
            _process.StandardInput.WriteLine(command);
            _process.StandardInput.Flush();
        }

        /// <summary>The answer to <paramref name="command"/>, past the resume line a restarted station prints first.</summary>
        public JsonElement AnswerTo(string command)
        {
            while (true)
            {
                var line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"the station ended without answering '{command}'");
                var answer = JsonDocument.Parse(line).RootElement;
                var name = answer.GetProperty("command").GetString();
                if (name == "resume")
                {
                    Assert.False(answer.TryGetProperty("error", out var error), error.ToString());
                    continue;
                }

                Assert.Equal(command.Split(' ')[0], name);
                return answer;
            }
        }

        public void EndOfCommands()
        {
            _process.StandardInput.Close();
            _process.StandardOutput.ReadToEnd();
            Assert.True(_process.WaitForExit(60_000), "the station did not end after its last command");
        }

        /// <summary>SIGKILL: no shutdown, no flushing, as in a power cut of the process.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
        }
    }
}
