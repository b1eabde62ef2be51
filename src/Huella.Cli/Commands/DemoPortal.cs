namespace Huella.Cli.Commands;

/// <summary>The public results portal over a finished demo: the command that serves it later, and serving it now until stopped.</summary>
internal static class DemoPortal
{
    /// <summary>Central alone (Huella.Server), over the demo's own store, keys and definition: it counts nothing new, it serves the portal.</summary>
    public static string ServeCommand(Huella.Research.Simulation.DemoResult result) =>
        string.Join(' ', new[]
        {
            "dotnet", "run", "-c", "Release", "--project", "src/Huella.Server", "--", "central", "--urls", "http://127.0.0.1:5080",
            "--Huella:Central:Store", $"sqlite:{Path.GetFullPath(result.CentralStore)}",
            "--Huella:Central:PublishedKeysFile", Path.GetFullPath(result.KeysFile),
            "--Huella:Central:DefinitionFile", Path.GetFullPath(result.DefinitionFile),
        }.Select(Quote));

    public static async Task WaitUntilStoppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: the demo's central is disposed by the caller.
        }
    }

    /// <summary>A word as a POSIX shell reads it: quoted only when it needs to be.</summary>
    private static string Quote(string word) =>
        word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=+@%".Contains(c, StringComparison.Ordinal)) ? word : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
