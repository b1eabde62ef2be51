using System.Globalization;

namespace Huella.Fuzz;

internal sealed record Options(double Seconds, long Executions, string? Target, int Seed, long MemoryCapMb, string? Findings, string? Data)
{
    /// <summary>The largest allocation one parser call may make: a 1000 ppi ten-print card's pixels and the decoders' working copies fit well within it.</summary>
    public const long DefaultMemoryCapMb = 512;

    public static Options Parse(string[] args)
    {
        var options = new Options(60, long.MaxValue, null, 1, DefaultMemoryCapMb, null, null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--seconds" => options with { Seconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--executions" => options with { Executions = long.Parse(value, CultureInfo.InvariantCulture) },
                "--target" => options with { Target = value },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--memory-cap-mb" => options with { MemoryCapMb = long.Parse(value, CultureInfo.InvariantCulture) },
                "--findings" => options with { Findings = value },
                "--data" => options with { Data = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }

    /// <summary>The repository root: the folder above this program's that holds Huella.slnx.</summary>
    public static string Repository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Huella.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("Run huella-fuzz from inside the repository.");
    }
}
