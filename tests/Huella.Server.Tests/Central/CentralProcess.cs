using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Huella.Testing;

namespace Huella.Server.Tests.Central;

/// <summary>Central as its own process (<c>Huella.Server.dll central …</c>), so a test can SIGKILL it.</summary>
internal sealed class CentralProcess : IDisposable
{
    private readonly Process _process;

    private CentralProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<CentralProcess> StartAsync(IEnumerable<KeyValuePair<string, string?>> configuration)
    {
        var build = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(SharedData.RepositoryRoot, "src", "Huella.Server", "bin", build, "net10.0", "Huella.Server.dll");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "central", "--urls", $"http://127.0.0.1:{port}" })
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
        var central = new CentralProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var probe = new HttpClient { BaseAddress = central.Address, Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 360; attempt++)
        {
            try
            {
                if ((await probe.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return central;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            Assert.False(process.HasExited, "central exited during start-up");
            await Task.Delay(250);
        }

        central.Dispose();
        throw new TimeoutException("Central did not start within 90 s.");
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
