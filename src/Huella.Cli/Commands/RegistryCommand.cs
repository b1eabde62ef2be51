using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Huella.Identity;
using Huella.Identity.Enrollment;
using Huella.Identity.Storage;
using Huella.Storage;

namespace Huella.Cli.Commands;

/// <summary><c>huella registry …</c>: the identity registry on a store location.</summary>
internal static class RegistryCommand
{
    public const string DefaultStore = ".huella/registry.db";
    public const string DefaultKeys = ".huella/registry.keys";

    public static readonly Option<string> Store = new("--store")
    {
        Description = "Store location: sqlite:PATH or postgres:CONNECTION-STRING (a bare path is SQLite).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HUELLA_REGISTRY_STORE") ?? DefaultStore,
        Recursive = true,
    };

    public static readonly Option<string> Keys = new("--keys")
    {
        Description = "Key ring file. Created with a fresh AES-256 key only for a store that holds no one yet. Keep it secret and backed up.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HUELLA_REGISTRY_KEYS") ?? DefaultKeys,
        Recursive = true,
    };

    public static readonly Option<string> Actor = new("--actor")
    {
        Description = "Who is acting, as written in the audit log.",
        DefaultValueFactory = _ => "cli:" + Environment.UserName,
        Recursive = true,
    };

    public static Command Build()
    {
        var command = new Command("registry", "Enroll, verify and identify persons in the identity registry.") { Store, Keys, Actor };
        command.Subcommands.Add(RegistryEnrollCommand.Build());
        command.Subcommands.Add(RegistryVerifyCommand.Build());
        command.Subcommands.Add(RegistryIdentifyCommand.Build());
        command.Subcommands.Add(RegistryAdjudicateCommand.Build());
        command.Subcommands.Add(RegistryStatsCommand.Build());
        command.Subcommands.Add(RegistryImportCommand.Build());
        command.Subcommands.Add(RegistryRotateKeyCommand.Build());
        return command;
    }

    /// <summary>
    /// Opens the store and loads the gallery; prints a message and returns null when the location or
    /// the key ring is unusable. A store gets a new key ring only while it holds no one: for any
    /// other a missing ring is a mistyped or lost path, and a fresh key would split the registry in two.
    /// </summary>
    public static async Task<IdentityRegistry?> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var location = Location(parse);
        if (location is null)
        {
            return null;
        }

        var keysPath = parse.GetValue(Keys)!;
        if (!File.Exists(keysPath) && keysPath != DefaultKeys && Path.GetDirectoryName(Path.GetFullPath(keysPath)) is { Length: > 0 } folder && !Directory.Exists(folder))
        {
            error.WriteLine($"huella registry: no key ring at {keysPath}, and its folder {folder} does not exist.");
            return null;
        }

        KeyRing keys;
        try
        {
            (keys, var created) = await RegistryKeyRing.OpenAsync(location.Value, keysPath, cancellationToken).ConfigureAwait(false);
            if (created)
            {
                error.WriteLine($"huella registry: created key ring {keysPath} for {location}; keep it secret and backed up.");
            }
        }
        catch (RegistryKeyRingException e)
        {
            error.WriteLine($"huella registry: {e.Message}");
            return null;
        }

        try
        {
            // The registry's store disposes the ring with itself: the command holds the registry alone.
            return await IdentityRegistry.OpenAsync(SqlPersonStore.OpenOwningKeys(location.Value, keys), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (OpeningFailure(e) is { } failure)
        {
            keys.Dispose();
            // Loading the gallery opens every template: a ring that fails here belongs to another store.
            error.WriteLine($"huella registry: the key ring {keysPath} does not open the templates in {location}: {failure.Message}");
            return null;
        }
    }

    /// <summary>A template that would not open with the ring, possibly from one of the gallery's loading tasks.</summary>
    private static Exception? OpeningFailure(Exception e) => e switch
    {
        CryptographicException or InvalidOperationException or RegistryIntegrityException => e,
        AggregateException aggregate => aggregate.InnerExceptions.Select(OpeningFailure).FirstOrDefault(inner => inner is not null),
        _ => null,
    };

    /// <summary>The --store location, or null (with a message) when it is malformed or its folder does not exist.</summary>
    public static StoreLocation? Location(ParseResult parse)
    {
        var error = parse.InvocationConfiguration.Error;
        var text = parse.GetValue(Store)!;
        if (!StoreLocation.TryParse(text, out var location))
        {
            error.WriteLine($"huella registry: not a store location: '{text}'.");
            return null;
        }

        // Only the default location's folder (.huella/) is created; any other missing folder is a mistyped path.
        if (text != DefaultStore && location.MissingFolder is { } missing)
        {
            error.WriteLine($"huella registry: the folder {missing} of store {location} does not exist; create it first.");
            return null;
        }

        return location;
    }

    /// <summary>Reads <c>POSITION=PATH</c> finger arguments (position 1–10) into captures, reporting each unusable one.</summary>
    public static List<FingerCapture>? ReadFingers(IEnumerable<string> specs, bool positionRequired, double? dpi, TextWriter error)
    {
        var captures = new List<FingerCapture>();
        var ok = true;
        foreach (var spec in specs)
        {
            FingerPosition? position = null;
            var path = spec;
            var equals = spec.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && FingerPositions.TryParse(spec[..equals], out var parsed))
            {
                position = parsed;
                path = spec[(equals + 1)..];
            }
            else if (positionRequired)
            {
                error.WriteLine($"huella registry: '{spec}': write fingers as POSITION=PATH with POSITION 1 (right thumb) … 10 (left little).");
                ok = false;
                continue;
            }

            if (!File.Exists(path))
            {
                error.WriteLine($"huella registry: no such image: {path}");
                ok = false;
                continue;
            }

            if (CaptureExtractor.TryExtract(position, File.ReadAllBytes(path), dpi, "file:" + Path.GetFileName(path), TimeProvider.System, out var capture, out var problem))
            {
                captures.Add(capture!);
            }
            else
            {
                error.WriteLine($"huella registry: {Path.GetFileName(path)}: {problem!.Message}");
                ok = false;
            }
        }

        return ok ? captures : null;
    }

    public static string Describe(EnrollmentResult result) => result.Outcome switch
    {
        EnrollmentOutcome.Enrolled => $"enrolled {result.PersonId}",
        EnrollmentOutcome.PendingAdjudication =>
            $"pending adjudication {result.PersonId} (case {result.CaseId}): similar to " +
            string.Join(", ", result.Candidates.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.PersonId} score {c.Score:F4} FMR {c.Fmr:0.##E+0}"))),
        _ => "rejected: " + string.Join("; ", result.Problems.Select(p => p.Message)),
    };

    public static async Task<string> LabelAsync(IdentityRegistry registry, PersonId id, CancellationToken cancellationToken)
    {
        var person = await registry.Store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return person?.Cedula is { } cedula ? $"{cedula} ({id})" : id.ToString();
    }
}
