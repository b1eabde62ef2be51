using Huella.Biometrics.Evaluation;

namespace Huella.Cli.Commands;

/// <summary>DET curve as a PNG.</summary>
internal static class DetPlot
{
    public static void Write(ErrorRates rates, string title, string path)
    {
        _ = rates;
        _ = title;
        _ = path;
        throw new NotSupportedException("Plotting is not available yet.");
    }
}
