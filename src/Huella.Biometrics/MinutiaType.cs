namespace Huella.Biometrics;

/// <summary>The two kinds of minutia the engine detects.</summary>
public enum MinutiaType : byte
{
    /// <summary>A ridge stops.</summary>
    Ending = 1,

    /// <summary>A ridge splits in two.</summary>
    Bifurcation = 2,
}
