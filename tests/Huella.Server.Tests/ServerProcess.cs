using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Huella.Testing;

namespace Huella.Server.Tests;

/// <summary>
/// Huella.Server as its own process on a free port of 127.0.0.1 (the registry, or central with the
/// leading argument <c>central</c>), started and waited for until it prints that it listens and /health answers, so a test can SIGKILL it.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private static readonly TimeSpan StartUpHangGuard = TimeSpan.FromMinutes(10);
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

        // The host prints this line once Kestrel listens; waiting for it (or for the process to end) is
        // waiting on the server, not on a guess of how long a busy machine takes to start it.
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("Now listening on:", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the server process exited during start-up"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            // Only there to turn a start-up that never ends into a failure instead of a stuck run; not a speed check.
            await listening.Task.WaitAsync(StartUpHangGuard);
            using var probe = new HttpClient { BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan };
            Assert.True((await probe.GetAsync("/health")).IsSuccessStatusCode, "the server listens but /health does not answer 200");
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
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
