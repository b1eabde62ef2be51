using System.CommandLine;
using System.Diagnostics;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Contests;
using Huella.Research.Simulation;
using Huella.Server.Central;
using Huella.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella bench audit [--mesas 30026]</c>: a central on 127.0.0.1 holding one signed acta per
/// mesa (stored in-process beforehand), then <c>huella actas audit</c> against it, timed: central's
/// start-up (recount and log rebuilt from the archive) and the whole audit.
/// </summary>
internal static class ActasAuditBench
{
    private static readonly BallotContest Contest = new("bench", [new("A", "Ana"), new("B", "Beto")], [new("P1", 0), new("P2", 1), new("P3", 0)]);

    public static Command Build()
    {
        var mesas = new Option<int>("--mesas") { Description = "Mesas, one acta each (Venezuela 2024: 30,026).", DefaultValueFactory = _ => 30_026 };
        var command = new Command("audit", "Time 'huella actas audit' against a central on 127.0.0.1 holding one signed acta per mesa.") { mesas };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var count = parse.GetValue(mesas);
            var folder = Directory.CreateTempSubdirectory("huella-bench-audit-").FullName;
            try
            {
                using var actas = new SyntheticActas(count);
                var signed = new byte[count][];
                var list = actas.Mesas.ToList();
                Parallel.For(0, count, i => signed[i] = SignOne(actas, list[i]));
                var store = StoreLocation.Sqlite(Path.Combine(folder, "central.db"));
                var archive = new ActaArchive(store);
                await archive.InitializeAsync(cancellationToken);
                using (var central = new CentralCount(archive, actas.Keys, [Contest], TimeProvider.System))
                {
                    await central.IngestAllAsync(signed, cancellationToken: cancellationToken);
                }

                var keysFile = Path.Combine(folder, "published-keys.json");
                await File.WriteAllTextAsync(keysFile, PublishedKeysFile.ToJson(actas.Keys), cancellationToken);
                var started = Stopwatch.GetTimestamp();
                await using var app = await CentralServer.BuildAsync([], builder =>
                {
                    builder.Logging.ClearProviders();
                    builder.WebHost.UseUrls("http://127.0.0.1:0");
                    builder.Configuration.AddInMemoryCollection(BenchCentral.Settings(store, keysFile, Contest));
                }, cancellationToken);
                await app.StartAsync(cancellationToken);
                var startup = Stopwatch.GetElapsedTime(started);
                using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/"), Timeout = TimeSpan.FromMinutes(30) };

                started = Stopwatch.GetTimestamp();
                var report = await new ActasAudit(http).RunAsync(null, null, cancellationToken);
                var audit = Stopwatch.GetElapsedTime(started);
                await app.StopAsync(cancellationToken);

                // The log alone, rebuilt as at start-up with central's own key (every head checked, none signed).
                started = Stopwatch.GetTimestamp();
                using (var log = new ActaLog(archive, SigningKey.FromSeed(await File.ReadAllBytesAsync(store.Target + ".log-key", cancellationToken)), TimeProvider.System))
                {
                    await log.InitializeAsync(cancellationToken);
                }

                var rebuild = Stopwatch.GetElapsedTime(started);
                output.WriteLine($"{count:N0} actas on {Environment.ProcessorCount} cores: central start-up {startup.TotalSeconds:F1} s (recount, every signature checked, and the log), of which the log's rebuild {rebuild.TotalSeconds:F2} s; audit {audit.TotalSeconds:F1} s ({report.ProofsChecked:N0} audit paths, {report.SignaturesChecked:N0} acta files, {(report.Ok ? "all held" : $"{report.Failures.Count} failures")})");
                return report.Ok ? 0 : 1;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        });
        return command;
    }

    private static byte[] SignOne(SyntheticActas actas, Huella.Elections.Geography.MesaId mesa)
    {
        Acta acta;
        lock (actas)
        {
            // The factory's random counts are not thread-safe; signing is.
            acta = actas.ActaFor(mesa);
        }

        return actas.Sign(acta);
    }

}
