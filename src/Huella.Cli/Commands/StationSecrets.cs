using System.Text;
using Huella.Elections.Station;

namespace Huella.Cli.Commands;

/// <summary>
/// The secrets <c>huella station</c> needs besides the kit: each mesa member's key file opened with
/// that member's PIN. A PIN comes from the member's --member-pin-file, else from the environment
/// variable HUELLA_MEMBER_PIN_n (n from 1, in --member order), else it is typed at the terminal
/// without echo. It is never an argument (others on the machine can read a command line) and never
/// printed or logged.
/// </summary>
internal static class StationSecrets
{
    public const string KitPassphraseVariable = "HUELLA_KIT_PASSPHRASE";

    public static string MemberPinVariable(int member) => $"HUELLA_MEMBER_PIN_{member}";

    /// <summary>Opens every member's key file; on the first that does not open, none is kept and the problem names the member and why.</summary>
    public static bool TryOpenMembers(FileInfo[] files, FileInfo[] pinFiles, string electionId, Huella.Elections.Geography.MesaId mesa, TextWriter prompt, out List<MemberKey> members, out string? problem)
    {
        members = [];
        problem = null;
        for (var i = 0; i < files.Length && problem is null; i++)
        {
            var pin = Pin(i, pinFiles, prompt);
            var opening = pin is null
                ? new MemberKeyOpening(MemberKeyStatus.WrongPin, null, $"no PIN given (--member-pin-file, {MemberPinVariable(i + 1)}, or a terminal to type it at)")
                : MemberKeyFile.Open(File.ReadAllText(files[i].FullName), pin, electionId, mesa);
            if (opening.Key is not { } key)
            {
                problem = $"member {i + 1} ({files[i].Name}): {opening.Problem}";
            }
            else if (members.Any(m => m.Member == key.Member || m.Key.PublicKey.Bytes.SequenceEqual(key.Key.PublicKey.Bytes)))
            {
                key.Dispose();
                problem = $"member {i + 1} ({files[i].Name}): the same member twice";
            }
            else
            {
                members.Add(key);
            }
        }

        if (problem is not null)
        {
            members.ForEach(m => m.Dispose());
            members = [];
        }

        return problem is null;
    }

    /// <summary>The kit's passphrase from --kit-passphrase-file or HUELLA_KIT_PASSPHRASE; null when neither is given.</summary>
    public static string? KitPassphrase(FileInfo? file) =>
        file is not null ? FirstLine(file) : Environment.GetEnvironmentVariable(KitPassphraseVariable);

    private static string? Pin(int member, FileInfo[] pinFiles, TextWriter prompt)
    {
        if (member < pinFiles.Length)
        {
            return FirstLine(pinFiles[member]);
        }

        if (Environment.GetEnvironmentVariable(MemberPinVariable(member + 1)) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (Console.IsInputRedirected)
        {
            return null;
        }

        prompt.Write($"PIN of member {member + 1}: ");
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && typed.Length > 0)
            {
                typed.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        prompt.WriteLine();
        return typed.ToString();
    }

    private static string FirstLine(FileInfo file)
    {
        using var reader = new StreamReader(file.FullName);
        return reader.ReadLine() ?? string.Empty;
    }
}
