using System.CommandLine;
using System.Globalization;
using Huella.Identity;
using Huella.Identity.Enrollment;

namespace Huella.Cli.Commands;

/// <summary><c>huella registry enroll</c>: one person with up to ten fingers.</summary>
internal static class RegistryEnrollCommand
{
    public static Command Build()
    {
        var cedula = new Option<string>("--cedula") { Description = "National ID, e.g. V-12345678.", Required = true };
        var given = new Option<string>("--given") { Description = "Given names.", Required = true };
        var family = new Option<string>("--family") { Description = "Family names.", Required = true };
        var birth = new Option<string>("--birth") { Description = "Birth date, yyyy-mm-dd.", Required = true };
        var sex = new Option<Sex>("--sex") { Description = "Female, Male or Unknown.", DefaultValueFactory = _ => Sex.Unknown };
        var address = new Option<string>("--address") { Description = "Address line.", DefaultValueFactory = _ => "" };
        var geography = new Option<string>("--geo") { Description = "Parroquia code EE.MM.PP.", Required = true };
        var fingers = new Option<string[]>("--finger") { Description = "POSITION=IMAGE, repeated (1 right thumb … 10 left little).", Required = true, AllowMultipleArgumentsPerToken = true };
        var dpi = CliInputs.Dpi("Resolution of the images, overriding what the files say.");
        var command = new Command("enroll", "Enroll a person: deduplicated against the whole gallery.") { cedula, given, family, birth, sex, address, geography, fingers, dpi };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (!Cedula.TryParse(parse.GetValue(cedula), out var id))
            {
                error.WriteLine($"huella registry enroll: '{parse.GetValue(cedula)}' is not a cédula (V-12345678).");
                return 2;
            }

            if (!DateOnly.TryParseExact(parse.GetValue(birth), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
            {
                error.WriteLine("huella registry enroll: --birth is yyyy-mm-dd.");
                return 2;
            }

            var captures = RegistryCommand.ReadFingers(parse.GetValue(fingers)!, positionRequired: true, parse.GetValue(dpi), error);
            if (captures is null)
            {
                return 1;
            }

            await using var registry = await RegistryCommand.OpenAsync(parse, cancellationToken).ConfigureAwait(false);
            if (registry is null)
            {
                return 2;
            }

            var demographics = new Demographics(parse.GetValue(given)!, parse.GetValue(family)!, born, parse.GetValue(sex), new Address(parse.GetValue(address)!, parse.GetValue(geography)!));
            var result = await registry.EnrollAsync(new EnrollmentRequest(id, demographics, captures), parse.GetValue(RegistryCommand.Actor)!, cancellationToken).ConfigureAwait(false);
            (result.Outcome == EnrollmentOutcome.Rejected ? error : parse.InvocationConfiguration.Output).WriteLine(RegistryCommand.Describe(result));
            return result.Outcome == EnrollmentOutcome.Rejected ? 1 : 0;
        });
        return command;
    }
}
