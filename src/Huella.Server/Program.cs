using Huella.Server;
using Huella.Server.Central;

if (args.Length > 0 && args[0] == CentralServer.Command)
{
    return await CentralServer.RunAsync(args[1..], Console.Error);
}

var app = await RegistryServer.BuildAsync(args);
await app.RunAsync();
return 0;
