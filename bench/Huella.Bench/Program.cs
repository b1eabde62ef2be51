using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Huella.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
