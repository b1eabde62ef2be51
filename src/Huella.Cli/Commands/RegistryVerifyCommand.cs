using System.CommandLine;
using System.Globalization;
using Huella.Identity;

namespace Huella.Cli.Commands;

/// <summary><c>huella registry verify</c>: 1:1 against the person holding a cédula. Exit 0 on a match, 1 otherwise.</summary>
internal static class RegistryVerifyCommand
{
    public static Command Build()
    {
        var cedula = new Option<string>("--cedula") { Description = "National ID of the claimed person.", Required = true };
        var fingers = new Option<string[]>("--finger") { Description = "IMAGE or POSITION=IMAGE, repeated.", Required = true, AllowMultipleArgumentsPerToken = true };
        var fmr = new Option<double>("--fmr") { Description = "False match rate of the decision.", DefaultValueFactory = _ => 1e-4 };
        var dpi = CliInputs.Dpi("Resolution of the images, overriding what the files say.");
        var command = new Command("verify", "Verify that fingers belong to the person holding a cédula.") { cedula, fingers, fmr, dpi };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!Cedula.TryParse(parse.GetValue(cedula), out var id))
            {
                error.WriteLine($"huella registry verify: '{parse.GetValue(cedula)}' is not a cédula.");
                return 2;
            }

            var captures = RegistryCommand.ReadFingers(parse.GetValue(fingers)!, positionRequired: false, parse.GetValue(dpi), error);
            if (captures is null)
            {
                return 1;
            }

            await using var registry = await RegistryCommand.OpenAsync(parse, cancellationToken).ConfigureAwait(false);
            if (registry is null)
            {
                return 2;
            }

            var person = await registry.Store.FindByCedulaAsync(id, cancellationToken).ConfigureAwait(false);
            if (person is null)
            {
                error.WriteLine($"huella registry verify: no person holds cédula {id}.");
                return 1;
            }

            var result = (await registry.VerifyAsync(person.Id, captures, parse.GetValue(RegistryCommand.Actor)!, parse.GetValue(fmr), cancellationToken).ConfigureAwait(false))!;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{(result.IsMatch ? "match" : "no match")} {id} ({person.Status}): score {result.Score:F4}, threshold {result.Threshold:F4} for FMR {result.Fmr:0.##E+0}; this score's FMR {result.ScoreFmr:0.##E+0}"));
            return result.IsMatch ? 0 : 1;
        });
        return command;
    }
}
