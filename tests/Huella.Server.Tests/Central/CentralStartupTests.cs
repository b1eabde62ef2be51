using System.Diagnostics;
using Huella.Research.Simulation;
using Huella.Server.Central;
using Huella.Testing;

namespace Huella.Server.Tests.Central;

/// <summary>
/// Central started as its own process with a configuration it cannot run with: one line on stderr
/// naming what is wrong, exit code 2, no stack trace and no abort.
/// </summary>
public sealed class CentralStartupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-central-start-").FullName;
    private readonly SyntheticActas _actas = new(48);

    public void Dispose()
    {
        _actas.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("keys-not-json", "Huella:Central:PublishedKeysFile")]
    [InlineData("keys-missing", "Huella:Central:PublishedKeysFile: cannot read")]
    [InlineData("definition-missing", "Huella:Central:DefinitionFile: cannot read")]
    [InlineData("empty-contest-name", "Huella:Central:Contest:Name is empty")]
    [InlineData("mesa-binding-typo", "'04-02' in Mesas is neither a mesa")]
    public async Task A_bad_configuration_is_one_line_and_exit_code_2(string fault, string expected)
    {
        var configuration = CentralSetup.Configuration(_folder, _actas);
        var keysFile = configuration.Single(c => c.Key == "Huella:Central:PublishedKeysFile").Value!;
        switch (fault)
        {
            case "keys-not-json":
                await File.WriteAllTextAsync(keysFile, "{ \"election\": ");
                break;
            case "keys-missing":
                Set(configuration, "Huella:Central:PublishedKeysFile", Path.Combine(_folder, "no-such-keys.json"));
                break;
            case "definition-missing":
                Set(configuration, "Huella:Central:DefinitionFile", Path.Combine(_folder, "no-such-election.json"));
                break;
            case "empty-contest-name":
                configuration.RemoveAll(c => c.Key == "Huella:Central:Contest:Name");
                break;
            default:
                Set(configuration, "Huella:ApiKeys:0:Mesas:0", "04-02");
                break;
        }

        var (exitCode, error) = await RunAsync(configuration);

        Assert.Equal(CentralStartupException.BadConfiguration, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("central: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Huella.", line, StringComparison.Ordinal);
    }

    private static void Set(List<KeyValuePair<string, string?>> configuration, string key, string value)
    {
        configuration.RemoveAll(c => c.Key == key);
        configuration.Add(new(key, value));
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(IEnumerable<KeyValuePair<string, string?>> configuration)
    {
        var build = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(SharedData.RepositoryRoot, "src", "Huella.Server", "bin", build, "net10.0", "Huella.Server.dll"));
        start.ArgumentList.Add(CentralServer.Command);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var (key, value) in configuration)
        {
            start.ArgumentList.Add("--" + key);
            start.ArgumentList.Add(value!);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await output;
        return (process.ExitCode, await error);
    }
}
