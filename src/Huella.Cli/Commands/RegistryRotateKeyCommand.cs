using System.CommandLine;
using Huella.Identity.Storage;
using Huella.Storage;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella registry rotate-key</c>: a fresh key becomes current and every template is re-sealed
/// with it. The ring is saved with old and new keys before the store changes, and with the new
/// key alone after, so a crash at any point leaves a ring that opens the store.
/// </summary>
internal static class RegistryRotateKeyCommand
{
    public static Command Build()
    {
        var command = new Command("rotate-key", "Re-encrypt every template with a new key.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (RegistryCommand.Location(parse) is not { } location)
            {
                return 2;
            }

            var path = parse.GetValue(RegistryCommand.Keys)!;
            if (!File.Exists(path))
            {
                error.WriteLine($"huella registry rotate-key: no key ring at {path}.");
                return 1;
            }

            using var old = KeyRing.Load(path);
            using var both = old.WithNewKey();
            both.Save(path);
            await using (var store = SqlPersonStore.Open(location, both))
            {
                await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
                var count = await store.RotateKeyAsync(both, parse.GetValue(RegistryCommand.Actor)!, cancellationToken).ConfigureAwait(false);
                parse.InvocationConfiguration.Output.WriteLine($"re-sealed {count} template(s) with key {both.CurrentId}");
            }

            using var current = both.CurrentOnly();
            current.Save(path);
            return 0;
        });
        return command;
    }
}
