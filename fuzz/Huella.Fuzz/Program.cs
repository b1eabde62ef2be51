using System.Globalization;
using Huella.Fuzz;

// huella-fuzz [--seconds S] [--executions N] [--target NAME] [--seed N] [--memory-cap-mb M] [--findings DIR] [--data DIR]
// Runs every parser's campaign in turn, then the registry server's and central's endpoints over
// HTTP (targets "http-registry", "http-central"), prints executions and findings, writes each finding's input to --findings and
// exits 1 when anything was found.
var options = Options.Parse(args);
var repository = Options.Repository();
var data = options.Data ?? Path.Combine(repository, "..", "shared", "data");
var targets = Targets.All(data, repository).Where(t => options.Target is null || t.Name == options.Target).ToList();
var http = options.Target is null or EndpointTargets.Registry;
var central = options.Target is null or EndpointTargets.Central;
if (targets.Count == 0 && !http && !central)
{
    Console.Error.WriteLine($"huella-fuzz: no target named '{options.Target}'.");
    return 2;
}

var total = targets.Sum(t => t.Weight) + (http ? EndpointTargets.Weight : 0) + (central ? EndpointTargets.Weight : 0);
var results = new List<CampaignResult>();
Console.WriteLine("target               executions   refused  findings  max alloc MB  slowest ms");
foreach (var target in targets)
{
    var budget = TimeSpan.FromSeconds(options.Seconds * target.Weight / total);
    Report(Campaign.Run(target, options.Seed, options.Executions, budget, options.MemoryCapMb << 20, TimeProvider.System));
}

if (http)
{
    await using var registry = await RegistryUnderFuzz.StartAsync();
    var seeds = await registry.SeedsAsync(data);
    var budget = TimeSpan.FromSeconds(options.Seconds * EndpointTargets.Weight / total);
    Report(await EndpointCampaign.RunAsync(EndpointTargets.Registry, registry.Client, seeds, options.Seed, options.Executions, budget, TimeProvider.System));
}

if (central)
{
    await using var server = await CentralUnderFuzz.StartAsync();
    var budget = TimeSpan.FromSeconds(options.Seconds * EndpointTargets.Weight / total);
    Report(await EndpointCampaign.RunAsync(EndpointTargets.Central, server.Client, server.Seeds(), options.Seed, options.Executions, budget, TimeProvider.System));
}

return results.Sum(r => r.Findings.Count) == 0 ? 0 : 1;

void Report(CampaignResult result)
{
    results.Add(result);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Target,-20} {result.Executions,10} {result.Refused,9} {result.Findings.Count,9} {result.MaxAllocatedBytes / 1048576.0,13:F1} {result.Slowest.TotalMilliseconds,11:F1}"));
    foreach (var finding in result.Findings)
    {
        Console.WriteLine($"  FINDING {finding.Kind}: {finding.Detail}");
        if (options.Findings is { } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, $"{result.Target}-{results.Sum(r => r.Findings.Count)}-{Guid.NewGuid():N}.bin"), finding.Input);
        }
    }
}
