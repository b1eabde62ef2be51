using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Ve2024;
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
/// <c>huella bench portal</c>: the public portal at national scale. Signs one acta per mesa for
/// <c>--mesas</c> synthetic mesas (30,026 by default, as many as Venezuela installed in 2024), stores
/// them in central's SQLite archive, starts the real central server with its portal on 127.0.0.1
/// (and the 2024 table under /2024 when given), then has <c>--clients</c> concurrent readers fetch
/// pages from the nation down to single mesas and reports latency percentiles per page.
/// </summary>
internal static class BenchPortalCommand
{
    private static readonly BallotContest Contest = new("Presidencia", [new("A", "Ana"), new("B", "Beto")], [new("P1", 0), new("P2", 1), new("P3", 0)]);

    public static Command Build()
    {
        var mesas = SynthCommand.CountOption("--mesas", "Synthetic mesas central has counted.", 30_026, minimum: 2);
        var clients = SynthCommand.CountOption("--clients", "Concurrent readers.", 100, minimum: 1);
        var requests = SynthCommand.CountOption("--requests", "Pages fetched in all (after a warm-up of one per client).", 20_000, minimum: 1);
        var ve2024 = new Option<FileInfo?>("--ve2024") { Description = "The 2024 per-mesa table (RESULTADOS_2024_CSV_V1.csv): also serve and fetch its pages under /2024." };
        var command = new Command("portal", "Page latency of the public results portal at national scale with many concurrent readers on loopback.") { mesas, clients, requests, ve2024 };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var folder = Directory.CreateTempSubdirectory("huella-bench-portal-").FullName;
            try
            {
                await RunAsync(output, folder, parse.GetValue(mesas), parse.GetValue(clients), parse.GetValue(requests), parse.GetValue(ve2024)?.FullName, cancellationToken);
                return 0;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        });
        return command;
    }

    private static async Task RunAsync(TextWriter output, string folder, int mesaCount, int clientCount, int requestCount, string? ve2024, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var actas = new SyntheticActas(mesaCount, seed: 2026);
        var mesas = actas.Mesas.ToArray();
        var signed = new byte[mesas.Length][];
        var drafts = mesas.Select(m => actas.ActaFor(m)).ToArray();
        Parallel.For(0, mesas.Length, i => signed[i] = actas.Sign(drafts[i]));
        var keysFile = Path.Combine(folder, "published-keys.json");
        await File.WriteAllTextAsync(keysFile, PublishedKeysFile.ToJson(actas.Keys), cancellationToken);
        var store = StoreLocation.Sqlite(Path.Combine(folder, "central.db"));
        using (var central = new CentralCount(new ActaArchive(store), actas.Keys, [Contest], TimeProvider.System))
        {
            await central.Archive.InitializeAsync(cancellationToken);
            await central.IngestAllAsync(signed, cancellationToken: cancellationToken);
        }

        output.WriteLine($"{mesas.Length:N0} mesas signed and stored in {clock.Elapsed.TotalSeconds:F1} s.");
        var settings = BenchCentral.Settings(store, keysFile, Contest);

        var table = ve2024 is null ? [] : ResultadosCsv.Read(ve2024).Select(r => r.Result.Mesa).ToArray();
        if (ve2024 is not null)
        {
            settings["Huella:Portal:Ve2024Csv"] = ve2024;
        }

        clock.Restart();
        await using var app = await CentralServer.BuildAsync(
            [],
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Configuration.AddInMemoryCollection(settings);
            },
            cancellationToken);
        await app.StartAsync(cancellationToken);
        output.WriteLine($"Central started (archive re-verified, portal loaded) in {clock.Elapsed.TotalSeconds:F1} s.");
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clientCount, AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        var pages = Pages(mesas, table);
        var random = new Random(7);
        await FetchAllAsync(http, pages, clientCount, clientCount, random, null, cancellationToken);
        var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        clock.Restart();
        await FetchAllAsync(http, pages, clientCount, requestCount, random, latencies, cancellationToken);
        var elapsed = clock.Elapsed;

        output.WriteLine($"{requestCount:N0} pages, {clientCount} concurrent clients on loopback, {elapsed.TotalSeconds:F1} s: {requestCount / elapsed.TotalSeconds:N0} pages/s.");
        output.WriteLine($"{"page",-22} {"count",7} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var (kind, bag) in latencies.OrderBy(k => k.Key, StringComparer.Ordinal).Append(new("all", new ConcurrentBag<double>(latencies.Values.SelectMany(b => b)))))
        {
            var sorted = bag.Order().ToArray();
            output.WriteLine($"{kind,-22} {sorted.Length,7} {At(sorted, 0.50),8:F1} {At(sorted, 0.95),8:F1} {At(sorted, 0.99),8:F1} {sorted[^1],8:F1}");
        }
    }

    private static double At(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

    /// <summary>Each kind of page and how to pick one at random: the nation, each level down to a mesa, the lists, and the same for 2024.</summary>
    private static (string Kind, Func<Random, string> Path)[] Pages(MesaId[] mesas, MesaId[] table)
    {
        string Area(MesaId mesa, GeoLevel level, string at) => level switch
        {
            GeoLevel.State => $"{at}/area/{mesa.Centre.PrefixAt(level):D2}",
            GeoLevel.Municipality => $"{at}/area/{mesa.Centre.PrefixAt(level):D4}",
            GeoLevel.Parish => $"{at}/area/{mesa.Centre.PrefixAt(level):D6}",
            _ => $"{at}/area/{mesa.Centre}",
        };

        var pages = new List<(string, Func<Random, string>)>
        {
            ("nation", _ => "/"),
            ("state", r => Area(mesas[r.Next(mesas.Length)], GeoLevel.State, "")),
            ("municipality", r => Area(mesas[r.Next(mesas.Length)], GeoLevel.Municipality, "")),
            ("parish", r => Area(mesas[r.Next(mesas.Length)], GeoLevel.Parish, "")),
            ("centre", r => Area(mesas[r.Next(mesas.Length)], GeoLevel.Centre, "")),
            ("mesa", r => $"/mesa/{mesas[r.Next(mesas.Length)]}"),
            ("search", r => $"/search?q={mesas[r.Next(mesas.Length)].Centre.ToString()[..5]}"),
            ("missing", _ => "/missing"),
            ("anomalies", _ => "/anomalies"),
        };
        if (table.Length > 0)
        {
            pages.Add(("2024 nation", _ => "/2024"));
            pages.Add(("2024 state", r => Area(table[r.Next(table.Length)], GeoLevel.State, "/2024")));
            pages.Add(("2024 parish", r => Area(table[r.Next(table.Length)], GeoLevel.Parish, "/2024")));
            pages.Add(("2024 centre", r => Area(table[r.Next(table.Length)], GeoLevel.Centre, "/2024")));
            pages.Add(("2024 mesa", r => $"/2024/mesa/{table[r.Next(table.Length)]}"));
        }

        return [.. pages];
    }

    private static async Task FetchAllAsync(HttpClient http, (string Kind, Func<Random, string> Path)[] pages, int clients, int total, Random random, ConcurrentDictionary<string, ConcurrentBag<double>>? latencies, CancellationToken cancellationToken)
    {
        var next = -1;
        var work = new (string Kind, string Path)[total];
        for (var i = 0; i < total; i++)
        {
            var page = pages[i % pages.Length];
            work[i] = (page.Kind, page.Path(random));
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(
            async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < total)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.GetAsync(work[i].Path, HttpCompletionOption.ResponseContentRead, cancellationToken);
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Found))
                    {
                        throw new InvalidOperationException($"{work[i].Path}: {(int)response.StatusCode}");
                    }

                    latencies?.GetOrAdd(work[i].Kind, _ => []).Add(ms);
                }
            },
            cancellationToken)));
    }
}
