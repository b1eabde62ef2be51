using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Huella.Testing;

namespace Huella.Server.Tests;

/// <summary>
/// Huella.Server as its own process on a free port of 127.0.0.1 (the registry, or central with the
/// leading argument <c>central</c>), started and waited for until /health answers, so a test can SIGKILL it.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ServerProcess> StartAsync(IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string?>> configuration)
    {
        var build = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(SharedData.RepositoryRoot, "src", "Huella.Server", "bin", build, "net10.0", "Huella.Server.dll");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { dll }.Concat(arguments).Concat(["--urls", $"http://127.0.0.1:{port}"]))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in configuration)
        {
            start.ArgumentList.Add("--" + key);
            start.ArgumentList.Add(value!);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var probe = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 360; attempt++)
        {
            try
            {
                if ((await probe.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            Assert.False(process.HasExited, "the server process exited during start-up");
            await Task.Delay(250);
        }

        server.Dispose();
        throw new TimeoutException("The server did not start within 90 s.");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, as in a power cut of the process.</summary>
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
