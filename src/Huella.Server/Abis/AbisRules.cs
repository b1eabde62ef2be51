using System.Globalization;
using Huella.Server.Auth;

namespace Huella.Server.Abis;

/// <summary>
/// What a submitted ABIS request must satisfy before it is queued: the role its operation needs
/// (the same as its REST twin's) and the fields that cannot be checked usefully later.
/// </summary>
internal static class AbisRules
{
    /// <summary>
    /// The largest MOSIP <c>targetFPIR</c> accepted: 120 stands for an FPIR of 1e-12, already far
    /// below what the score calibration can tell apart; larger values would only underflow.
    /// </summary>
    public const double MaxTargetFpir = 120;

    /// <summary>
    /// The roles that may submit (and read) a job of <paramref name="operation"/>, admin passing
    /// everywhere as in REST: insert is an enrollment, identify a 1:N search (verifier), delete a
    /// status change (admin only); ping and the counters reveal nothing about a person.
    /// </summary>
    public static string[] RolesFor(AbisOperation operation) => operation switch
    {
        AbisOperation.Insert => [Roles.Enroller, Roles.Admin],
        AbisOperation.Identify => [Roles.Verifier, Roles.Admin],
        AbisOperation.Delete => [Roles.Admin],
        _ => [Roles.Enroller, Roles.Verifier, Roles.Admin],
    };

    public static bool MayRun(System.Security.Claims.ClaimsPrincipal user, AbisOperation operation) =>
        RolesFor(operation).Any(user.IsInRole);

    /// <summary>
    /// A request id is used as one path segment of its status URL, so it is limited to characters
    /// that travel in a segment unchanged: a '/' (even escaped) or a '%' would name another resource
    /// or none, and "." or ".." are rewritten by clients. Ids outside this are refused at submit.
    /// </summary>
    public static bool IsAddressable(string? requestId) =>
        !string.IsNullOrEmpty(requestId)
        && requestId.Length <= 128
        && char.IsAsciiLetterOrDigit(requestId[0])
        && requestId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    /// <summary>
    /// The FPIR a MOSIP <c>targetFPIR</c> (−10·log10 FPIR) stands for; null when absent. False
    /// when it is not a finite number from 0 (FPIR 1) to <see cref="MaxTargetFpir"/>.
    /// </summary>
    public static bool TryTargetFpir(string? targetFpir, out double? fpir)
    {
        fpir = null;
        if (targetFpir is null)
        {
            return true;
        }

        if (!double.TryParse(targetFpir, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || !double.IsFinite(t) || t is < 0 or > MaxTargetFpir)
        {
            return false;
        }

        fpir = Math.Pow(10, -t / 10);
        return fpir is > 0 and <= 1;
    }

    /// <summary>The number of candidates asked for, 1 to 100; null when absent, false when not a positive whole number.</summary>
    public static bool TryMaxResults(string? maxResults, out int? count)
    {
        count = null;
        if (maxResults is null)
        {
            return true;
        }

        if (!int.TryParse(maxResults, NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m < 1)
        {
            return false;
        }

        count = Math.Min(m, 100);
        return true;
    }
}
