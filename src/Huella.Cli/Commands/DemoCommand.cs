using System.CommandLine;

namespace Huella.Cli.Commands;

/// <summary><c>huella demo</c>: a whole election on the embedded default store.</summary>
internal static class DemoCommand
{
    /// <summary>The demo is not built yet: it says what it will do and fails, rather than fake a result.</summary>
    public const int NotYetAvailable = 3;

    public static Command Build()
    {
        var command = new Command("demo", "Run a whole synthetic election end to end on SQLite.");
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            error.WriteLine("huella demo is not available yet. When it is, it will:");
            error.WriteLine("  1. make a synthetic country (2 states, 100 mesas, 50,000 electors with synthetic fingerprints);");
            error.WriteLine("  2. enroll every elector in the registry with 1:N deduplication;");
            error.WriteLine("  3. run election day at every mesa: fingerprint authentication, secret ballots, signed actas;");
            error.WriteLine("  4. transmit the actas (one tampered in transit, rejected) and print the national totals.");
            return NotYetAvailable;
        });
        return command;
    }
}
