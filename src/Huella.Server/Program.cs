using Huella.Server;

var app = await RegistryServer.BuildAsync(args);
await app.RunAsync();
