namespace Huella.Server.Central;

/// <summary>
/// Central cannot start as configured: a setting, the published keys or the election definition is
/// missing or wrong (exit code 2), or the acta store cannot be opened (exit code 1). The message names
/// the setting or file and never carries a secret (a PostgreSQL password is redacted).
/// </summary>
internal sealed class CentralStartupException(string message, int exitCode = CentralStartupException.BadConfiguration, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>A setting or input file is missing or not valid.</summary>
    public const int BadConfiguration = 2;

    /// <summary>The acta store could not be opened or read.</summary>
    public const int StoreUnavailable = 1;

    public int ExitCode { get; } = exitCode;
}
