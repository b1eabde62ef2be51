using Huella.Cli;

return HuellaCommand.Run(args, Console.Out, Console.Error);
