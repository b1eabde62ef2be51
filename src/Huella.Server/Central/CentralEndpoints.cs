using System.Globalization;
using System.Security.Claims;
using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Geography;
using Huella.Elections.Reporting;
using Huella.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Huella.Server.Central;

/// <summary>
/// Central over HTTP: stations POST signed actas (the exact bytes, <c>application/octet-stream</c>);
/// observers read every version received per mesa, the totals (NIST SP 1500-100 JSON) and the anomalies.
/// </summary>
internal static class CentralEndpoints
{
    public const string ActaMediaType = "application/octet-stream";

    public static RouteGroupBuilder MapCentral(this IEndpointRouteBuilder app)
    {
        var central = app.MapGroup("/central/v1").WithTags("central");
        central.MapPost("/actas", ReceiveAsync).RequireAuthorization(CentralServer.TransmitPolicy).WithName("TransmitActa")
            .Accepts<byte[]>(ActaMediaType).WithSummary("Transmit a signed acta; idempotent: the same bytes again are acknowledged, stored once.");
        central.MapGet("/actas/{mesa}", VersionsAsync).RequireAuthorization(CentralServer.ObservePolicy).WithName("MesaActas")
            .WithSummary("Every version of a mesa's acta for one contest (?contest=N, default the first) received, with central's verdict on each.");
        central.MapGet("/results", ResultsAsync).RequireAuthorization(CentralServer.ObservePolicy).WithName("Results")
            .WithSummary("National and state totals of every contest as a NIST SP 1500-100 Election Results Reporting document.");
        central.MapGet("/anomalies", AnomaliesAsync).RequireAuthorization(CentralServer.ObservePolicy).WithName("Anomalies")
            .WithSummary("Conflicting actas, more ballots than electors, missing mesas, for one contest (?contest=N, default the first).");
        return central;
    }

    private static async Task<Results<Created<ActaReceipt>, Ok<ActaReceipt>, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, IngestQueue queue, CentralCount central, RefusalRateLimiter refusals, IOptions<CentralOptions> options, ClaimsPrincipal user, ILogger<IngestQueue> logger, CancellationToken cancellationToken)
    {
        var actor = user.Identity?.Name ?? "?";
        if (refusals.WaitFor(actor) is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            Log.RefusalsLimited(logger, actor, wait);
            return Problem(StatusCodes.Status429TooManyRequests, "Too many refused transmissions", $"This key's transmissions were refused too often; send again in {seconds} s.", "too-many-refusals");
        }

        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), ActaMediaType, StringComparison.OrdinalIgnoreCase))
        {
            refusals.Refused(actor);
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Send the signed acta's bytes", $"The body must be the signed acta itself, as {ActaMediaType}.", "unsupported-media-type");
        }

        var body = request.ContentLength > options.Value.MaxActaBytes ? null : await ReadAtMostAsync(request.Body, options.Value.MaxActaBytes, cancellationToken);
        if (body is null)
        {
            refusals.Refused(actor);
            return Problem(StatusCodes.Status413PayloadTooLarge, "Acta too large", $"A signed acta is at most {options.Value.MaxActaBytes} bytes.", "too-large");
        }

        // Checked here, on the request's thread: a key bound to other mesas is refused before anything is stored.
        var check = central.Check(body, actor);
        if (check.Check.Acta is { } named && !MayTransmitFor(user, named.Mesa))
        {
            refusals.Refused(actor);
            Log.MesaNotAllowed(logger, actor, named.Mesa.ToString());
            return Problem(StatusCodes.Status403Forbidden, "Not this key's mesa", $"This API key does not transmit for mesa {named.Mesa}; nothing was stored.", "mesa-not-allowed");
        }

        var outcome = await queue.SubmitAsync(check, cancellationToken);
        var mesa = outcome.Mesa?.ToString();
        Log.ActaReceived(logger, actor, mesa, outcome.Status, outcome.Verdict);
        if (outcome.Status == IngestStatus.Rejected)
        {
            refusals.Refused(actor);
        }

        return outcome.Status switch
        {
            IngestStatus.Accepted => TypedResults.Created(outcome.Contest == 0 ? $"/central/v1/actas/{mesa}" : $"/central/v1/actas/{mesa}?contest={outcome.Contest}", new ActaReceipt(outcome.Status, mesa, outcome.Hash, outcome.Verdict, $"stored and counted: {outcome.Reason}", outcome.Contest, outcome.ActaHash)),
            IngestStatus.AlreadyReceived => TypedResults.Ok(new ActaReceipt(outcome.Status, mesa, outcome.Hash, outcome.Verdict, "already received: this acta (its signed body) is stored and counted once", outcome.Contest, outcome.ActaHash)),
            IngestStatus.Conflicting => Problem(StatusCodes.Status409Conflict, "Another acta was already counted for this mesa",
                $"Mesa {mesa} already has a different valid acta for contest {outcome.Contest}; this one is stored as evidence and flagged, not counted.", "conflicting", outcome),
            _ => Problem(StatusCodes.Status422UnprocessableEntity, TitleOf(outcome.Verdict), outcome.Reason, Slug(outcome.Verdict), outcome),
        };
    }

    /// <summary>A key that lists mesas transmits for those mesas, or every mesa of a listed centre; one that lists none is not bound.</summary>
    private static bool MayTransmitFor(ClaimsPrincipal user, MesaId mesa)
    {
        var bound = user.FindAll(ApiKeyEntry.MesaClaim).Select(c => c.Value).ToList();
        return bound.Count == 0 || bound.Contains(mesa.ToString(), StringComparer.Ordinal) || bound.Contains(mesa.Centre.ToString(), StringComparer.Ordinal);
    }

    private static async Task<Results<Ok<MesaActas>, ProblemHttpResult>> VersionsAsync(string mesa, CentralCount central, CancellationToken cancellationToken, int contest = 0)
    {
        if (!MesaId.TryParse(mesa, out var id))
        {
            return Problem(StatusCodes.Status400BadRequest, "Not a mesa", $"'{mesa}' is not a mesa (centre code, dot, number: 040202001.01).", "not-a-mesa");
        }

        if ((uint)contest >= (uint)central.Contests.Length)
        {
            return NoSuchContest(contest, central);
        }

        var versions = (await central.Archive.ReadMesaAsync(id, cancellationToken)).Where(v => v.Contest == contest).ToList();
        if (versions.Count == 0)
        {
            return Problem(StatusCodes.Status404NotFound, "No acta received", $"Central has received no acta for mesa {id}, contest {contest}.", "no-acta");
        }

        var counted = versions.FirstOrDefault(v => v.Status == IngestStatus.Accepted)?.Hash;
        return TypedResults.Ok(new MesaActas(id.ToString(), counted, [.. versions.Select(v =>
            new ActaVersion(v.Hash, v.Status, v.Verdict, v.Reason, v.ReceivedAt, v.Bytes, ActaHashOf(v.Bytes), v.Size, v.BodyKept, v.Sender))]));
    }

    internal static async Task<ContentHttpResult> ResultsAsync(CentralCount central, CentralElection election, TimeProvider time, CancellationToken cancellationToken)
    {
        var contests = new List<ReportedContest>();
        for (var c = 0; c < central.Contests.Length; c++)
        {
            var totals = await central.TotalsAsync(c, cancellationToken);
            contests.Add(election.Contests is { } defined ? ReportedContest.Of(defined[c], totals) : new ReportedContest(central.Contests[c], totals));
        }

        // Complete only when every expected mesa is counted in every contest (ResultsReport.IsComplete).
        var report = ResultsReport.ToJson(election.Reported, contests, time.GetUtcNow());
        return TypedResults.Text(report, "application/json");
    }

    private static async Task<Results<Ok<AnomalyReport>, ProblemHttpResult>> AnomaliesAsync(CentralCount central, CentralElection election, CancellationToken cancellationToken, int contest = 0)
    {
        if ((uint)contest >= (uint)central.Contests.Length)
        {
            return NoSuchContest(contest, central);
        }

        var totals = await central.TotalsAsync(contest, cancellationToken);
        totals.FlagMissing(election.Mesas);
        return TypedResults.Ok(new AnomalyReport(election.Mesas.Count, totals.Nation.Mesas, [.. totals.Anomalies.Select(a => new AnomalyEntry(a.Kind, a.Mesa.ToString(), a.Detail))], contest));
    }

    private static string? ActaHashOf(byte[] bytes) =>
        SignedActa.TryDecode(bytes, out var signed, out _) ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(signed!.Body.AsSpan())) : null;

    private static ProblemHttpResult NoSuchContest(int contest, CentralCount central) =>
        Problem(StatusCodes.Status404NotFound, "No such contest", $"Contest {contest} does not exist; this election's contests are 0 to {central.Contests.Length - 1}.", "no-contest");

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (never buffered beyond it).</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string TitleOf(ActaVerdict verdict) => verdict switch
    {
        ActaVerdict.Malformed => "Malformed acta",
        ActaVerdict.WrongElection => "Acta for another election",
        ActaVerdict.UnknownMachine => "Unknown machine",
        ActaVerdict.WrongMesa => "Signed for another mesa",
        ActaVerdict.BadSignature => "Forged or altered acta",
        ActaVerdict.MissingCountersignatures => "Missing countersignatures",
        _ => "Inconsistent acta",
    };

    private static string Slug(ActaVerdict verdict) => verdict switch
    {
        ActaVerdict.Malformed => "malformed",
        ActaVerdict.WrongElection => "wrong-election",
        ActaVerdict.UnknownMachine => "unknown-machine",
        ActaVerdict.WrongMesa => "wrong-mesa",
        ActaVerdict.BadSignature => "forged-or-altered",
        ActaVerdict.MissingCountersignatures => "missing-countersignatures",
        _ => "inconsistent",
    };

    private static ProblemHttpResult Problem(int status, string title, string detail, string slug, IngestOutcome? outcome = null)
    {
        var extensions = new Dictionary<string, object?>();
        if (outcome is { } o)
        {
            extensions["outcome"] = o.Status.ToString();
            extensions["verdict"] = o.Verdict.ToString();
            extensions["reason"] = o.Reason;
            extensions["mesa"] = o.Mesa?.ToString();
            extensions["hash"] = o.Hash;
            extensions["actaHash"] = o.ActaHash;
            extensions["contest"] = o.Contest;
            extensions["stored"] = true;
        }

        return TypedResults.Problem(detail, statusCode: status, title: title, type: $"urn:huella:central:{slug}", extensions: extensions);
    }
}
