using System.Globalization;
using Huella.Fuzz;

// huella-fuzz [--seconds S] [--executions N] [--target NAME] [--seed N] [--memory-cap-mb M] [--findings DIR] [--data DIR]
// Runs every parser's campaign in turn (or one), prints executions and findings, writes each
// finding's input to --findings, exits 1 when anything was found.
var options = Options.Parse(args);
var repository = Options.Repository();
var data = options.Data ?? Path.Combine(repository, "..", "shared", "data");
var targets = Targets.All(data, repository).Where(t => options.Target is null || t.Name == options.Target).ToList();
if (targets.Count == 0)
{
    Console.Error.WriteLine($"huella-fuzz: no target named '{options.Target}'.");
    return 2;
}

var total = targets.Sum(t => t.Weight);
var found = 0;
Console.WriteLine("target               executions   refused  findings  max alloc MB  slowest ms");
foreach (var target in targets)
{
    var budget = TimeSpan.FromSeconds(options.Seconds * target.Weight / total);
    var result = Campaign.Run(target, options.Seed, options.Executions, budget, options.MemoryCapMb << 20, TimeProvider.System);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Target,-20} {result.Executions,10} {result.Refused,9} {result.Findings.Count,9} {result.MaxAllocatedBytes / 1048576.0,13:F1} {result.Slowest.TotalMilliseconds,11:F1}"));
    foreach (var finding in result.Findings)
    {
        found++;
        Console.WriteLine($"  FINDING {finding.Kind}: {finding.Detail}");
        if (options.Findings is { } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, $"{target.Name}-{found}.bin"), finding.Input);
        }
    }
}

return found == 0 ? 0 : 1;
