using System.CommandLine;
using Huella.Server;
using Microsoft.Extensions.Hosting;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella serve</c>: the registry server (REST, MOSIP ABIS, OpenAPI) in this process. Settings
/// come, last one winning, from <c>appsettings.json</c>, environment variables
/// (<c>Huella__Store</c>, <c>Huella__ApiKeys__0__Sha256</c>, …), the options below and any extra
/// <c>--Huella:Name value</c> arguments, which are passed to the host untouched.
/// </summary>
internal static class ServeCommand
{
    public static Command Build()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on, separated by ';'.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? "http://127.0.0.1:5080",
        };
        var store = new Option<string?>("--store") { Description = "Store location (sqlite:PATH or postgres:CONNECTION); default Huella:Store or $HUELLA_REGISTRY_STORE." };
        var keys = new Option<string?>("--keys") { Description = "Key ring file; default Huella:KeysFile or $HUELLA_REGISTRY_KEYS." };
        var command = new Command("serve", "Run the registry server (REST API, MOSIP ABIS jobs, OpenAPI at /openapi/v1.json) until stopped.")
        {
            urls, store, keys,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var args = new List<string> { "--urls", parse.GetValue(urls)! };
            if ((parse.GetValue(store) ?? Environment.GetEnvironmentVariable("HUELLA_REGISTRY_STORE")) is { } location)
            {
                args.AddRange(["--Huella:Store", location]);
            }

            if ((parse.GetValue(keys) ?? Environment.GetEnvironmentVariable("HUELLA_REGISTRY_KEYS")) is { } file)
            {
                args.AddRange(["--Huella:KeysFile", file]);
            }

            args.AddRange(parse.UnmatchedTokens);
            try
            {
                await using var app = await RegistryServer.BuildAsync([.. args], cancellationToken: cancellationToken).ConfigureAwait(false);
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (InvalidOperationException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"huella serve: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
