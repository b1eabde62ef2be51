namespace Huella.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Directory.CreateTempSubdirectory("huella-demo-cli-").FullName, "demo");

    [Fact]
    public void The_demo_prints_totals_the_rejected_acta_and_where_everything_is()
    {
        var (exitCode, output, error) = CliRunner.Run("demo", "--out", _folder, "--mesas", "2", "--electors-per-mesa", "5", "--seed", "11");
        Assert.True(exitCode == 0, error);
        // Ten registered persons plus the applicant enrolled in election year.
        Assert.Contains("2 of 2 mesas counted, 11 electors", output, StringComparison.Ordinal);
        Assert.Contains("second cédula was caught by the 1:N search", output, StringComparison.Ordinal);
        Assert.Contains("Rejected: the signature of machine", output, StringComparison.Ordinal);
        Assert.Contains("AlreadyReceived", output, StringComparison.Ordinal);
        Assert.Contains("Central (over HTTP, signed actas with retries): 6 actas accepted; anomalies: none", output, StringComparison.Ordinal);
        Assert.Contains("over HTTP", error, StringComparison.Ordinal);
        Assert.Contains("double vote refused", output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_folder, "results.err.json"), output, StringComparison.Ordinal);
        Assert.Empty(Huella.Testing.ErrSchema.Errors(File.ReadAllText(Path.Combine(_folder, "results.err.json"))));
        Assert.Contains("Recounting the nation", error, StringComparison.Ordinal);
        Assert.Contains($"Serve the portal over these results: dotnet run -c Release --project src/Huella.Server -- central --urls http://127.0.0.1:5080 --Huella:Central:Store sqlite:{Path.Combine(_folder, "central.db")}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_printed_serve_command_serves_the_portal_over_the_demo_results()
    {
        var (exitCode, output, error) = CliRunner.Run("demo", "--out", _folder, "--mesas", "2", "--electors-per-mesa", "5", "--seed", "12");
        Assert.True(exitCode == 0, error);
        var command = output.Split('\n').Single(l => l.StartsWith("Serve the portal over these results: ", StringComparison.Ordinal)).Trim();
        var words = command[command.IndexOf(" -- central ", StringComparison.Ordinal)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[2..];

        // The command's own settings, on a free port instead of 5080.
        var settings = words.SkipWhile(w => w != "--Huella:Central:Store").ToArray();
        await using var app = await Huella.Server.Central.CentralServer.BuildAsync(settings, builder =>
        {
            Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions.UseUrls(builder.WebHost, "http://127.0.0.1:0");
        });
        await app.StartAsync();
        var address = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>(app.Services)
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var nation = await http.GetStringAsync("/");
        Assert.Contains("<dd>2 de 2</dd>", nation, StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Fact]
    public void A_country_too_small_is_a_usage_error() =>
        Assert.Equal(2, CliRunner.Run("demo", "--out", _folder, "--mesas", "1").ExitCode);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);
    }
}
