using Huella.Server;
using Huella.Server.Central;

var app = args.Length > 0 && args[0] == CentralServer.Command ? await CentralServer.BuildAsync(args[1..]) : await RegistryServer.BuildAsync(args);
await app.RunAsync();
