using System.CommandLine;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using Huella.Biometrics;
using Huella.Elections;

namespace Huella.Cli;

/// <summary>
/// The one place an exception escaping a verb becomes what the user sees: one line on stderr
/// naming the verb, exit code 1, never a stack trace. Expected failures (bad files, unreadable
/// images, unusable stores) print their message; anything else is named as unexpected, with its type.
/// </summary>
internal static class CommandFailure
{
    /// <summary>Exit code for a command that understood its arguments but could not do its job.</summary>
    public const int Failed = 1;

    public static int Report(ParseResult parsed, Exception exception, TextWriter error)
    {
        var e = Unwrap(exception);
        var verb = Verb(parsed.CommandResult.Command);
        var message = e switch
        {
            OperationCanceledException => "cancelled.",
            _ when IsExpected(e) => e.Message,
            _ => $"unexpected {e.GetType().Name}: {e.Message}",
        };
        error.WriteLine($"{verb}: {OneLine(message)}");
        return Failed;
    }

    private static bool IsExpected(Exception e) => e is IOException
        or UnauthorizedAccessException
        or FingerprintFormatException
        or NoUsableFingerprintException
        or ElectionDataException
        or Identity.Storage.RegistryConflictException
        or Identity.Storage.RegistryNotFoundException
        or FormatException
        or JsonException
        or InvalidDataException
        or DbException
        or CryptographicException
        or ArgumentException;

    private static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            e = aggregate.InnerExceptions[0];
        }

        return e;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    /// <summary>"huella registry import" (the root's own name is the host's: tests run in a test host).</summary>
    internal static string Verb(Command command)
    {
        var names = new List<string>();
        for (var c = command; c is not null and not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return string.Join(' ', names.Prepend("huella"));
    }
}
