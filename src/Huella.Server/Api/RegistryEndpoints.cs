using System.Security.Claims;
using Huella.Identity;
using Huella.Identity.Enrollment;
using Huella.Identity.Storage;
using Huella.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Huella.Server.Api;

/// <summary>REST endpoints for persons, enrollment, verification, identification, adjudication and audit.</summary>
internal static class RegistryEndpoints
{
    public static void MapRegistry(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("registry");

        var enroll = api.MapGroup("/enrollments").RequireAuthorization(Roles.Enroller);
        enroll.MapPost("/", EnrollAsync).WithName("Enroll").WithSummary("Enroll a person, deduplicated against the whole gallery.");

        var persons = api.MapGroup("/persons").RequireAuthorization(Roles.Verifier);
        persons.MapGet("/{id}", GetPersonAsync).WithName("GetPerson");
        persons.MapGet("/by-cedula/{cedula}", GetByCedulaAsync).WithName("GetPersonByCedula");
        api.MapPost("/persons/{id}/status", SetStatusAsync).RequireAuthorization(Roles.Admin).WithName("SetPersonStatus");

        var biometric = api.MapGroup("/").RequireAuthorization(Roles.Verifier);
        biometric.MapPost("/verifications", VerifyAsync).WithName("Verify").WithSummary("1:1 verification against a cédula or reference.");
        biometric.MapPost("/identifications", IdentifyAsync).WithName("Identify").WithSummary("1:N identification, ranked candidates.");

        var adjudication = api.MapGroup("/adjudication/cases").RequireAuthorization(Roles.Adjudicator);
        adjudication.MapGet("/", OpenCasesAsync).WithName("OpenCases");
        adjudication.MapGet("/{id:guid}", GetCaseAsync).WithName("GetCase");
        adjudication.MapPost("/{id:guid}/decision", DecideAsync).WithName("DecideCase");

        api.MapGet("/audit", AuditAsync).RequireAuthorization(Roles.Auditor).WithName("Audit");
        api.MapGet("/admin/stats", StatsAsync).RequireAuthorization(Roles.Admin).WithName("Stats");
        api.MapGet("/admin/integrity", IntegrityAsync).RequireAuthorization(Roles.Admin).WithName("Integrity")
            .WithSummary("Open every gallery template now and list those that do not open.");
    }

    private static string Actor(ClaimsPrincipal user) => "api:" + (user.Identity?.Name ?? "?");

    private static async Task<Results<Created<EnrollResponse>, ProblemHttpResult>> EnrollAsync(
        EnrollRequest request, IdentityRegistry registry, Uploads uploads, ClaimsPrincipal user, ILogger<IdentityRegistry> logger, CancellationToken cancellationToken)
    {
        if (!Cedula.TryParse(request.Cedula, out var cedula))
        {
            return Uploads.Problem([new CaptureProblem(null, CaptureProblemCode.Cedula, $"'{request.Cedula}' is not a cédula (V-12345678 or E-12345678)")], StatusCodes.Status400BadRequest);
        }

        var (captures, problems) = await uploads.ExtractAsync(request.Fingers, request.Device ?? "api", positionRequired: true, cancellationToken);
        if (problems.Count > 0)
        {
            return Uploads.Problem(problems);
        }

        var demographics = new Demographics(request.GivenNames ?? "", request.FamilyNames ?? "", request.BirthDate, request.Sex, new Address(request.Address ?? "", request.GeographyCode ?? ""));
        var actor = Actor(user);
        var result = await registry.EnrollAsync(new EnrollmentRequest(cedula, demographics, captures), actor, cancellationToken);
        Log.Enrolled(logger, actor, result.Outcome, result.PersonId?.Value);
        if (result.Outcome == EnrollmentOutcome.Rejected)
        {
            var conflict = result.Problems.Any(p => p.Code.IsConflict());
            return Uploads.Problem(result.Problems, conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity, "Enrollment refused");
        }

        var id = result.PersonId!.Value.Value;
        return TypedResults.Created(
            $"/api/v1/persons/{id}",
            new EnrollResponse(result.Outcome.ToString(), id, result.CaseId, [.. result.Candidates.Select(c => new CandidateView(c.PersonId.Value, c.Score, c.Fmr))]));
    }

    private static async Task<Results<Ok<PersonView>, NotFound, ProblemHttpResult>> GetPersonAsync(string id, IdentityRegistry registry, CancellationToken cancellationToken)
    {
        if (!PersonId.TryParse(id, out var personId))
        {
            return TypedResults.Problem($"'{id}' is not a reference id.", statusCode: StatusCodes.Status400BadRequest);
        }

        var person = await registry.Store.GetAsync(personId, cancellationToken);
        return person is null ? TypedResults.NotFound() : TypedResults.Ok(PersonView.From(person));
    }

    private static async Task<Results<Ok<PersonView>, NotFound, ProblemHttpResult>> GetByCedulaAsync(string cedula, IdentityRegistry registry, CancellationToken cancellationToken)
    {
        if (!Cedula.TryParse(cedula, out var parsed))
        {
            return TypedResults.Problem($"'{cedula}' is not a cédula.", statusCode: StatusCodes.Status400BadRequest);
        }

        var person = await registry.Store.FindByCedulaAsync(parsed, cancellationToken);
        return person is null ? TypedResults.NotFound() : TypedResults.Ok(PersonView.From(person));
    }

    private static async Task<Results<Ok<PersonView>, NotFound, ProblemHttpResult>> SetStatusAsync(string id, StatusRequest request, IdentityRegistry registry, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!PersonId.TryParse(id, out var personId) || !Enum.IsDefined(request.Status) || string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.Problem("Give a valid reference, status and reason.", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            return TypedResults.Ok(PersonView.From(await registry.SetStatusAsync(personId, request.Status, Actor(user), request.Reason, cancellationToken)));
        }
        catch (RegistryNotFoundException)
        {
            return TypedResults.NotFound();
        }
        catch (RegistryConflictException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static async Task<Results<Ok<VerifyResponse>, NotFound<ProblemDetails>, ProblemHttpResult>> VerifyAsync(
        VerifyRequest request, IdentityRegistry registry, Uploads uploads, ClaimsPrincipal user, ILogger<IdentityRegistry> logger, CancellationToken cancellationToken)
    {
        if (request.Fmr is { } fmr && !(fmr is > 0 and < 1))
        {
            return TypedResults.Problem("fmr is a rate strictly between 0 and 1.", statusCode: StatusCodes.Status400BadRequest);
        }

        PersonId? id = null;
        if (request.PersonId is not null && PersonId.TryParse(request.PersonId, out var byId))
        {
            id = byId;
        }
        else if (request.Cedula is not null && Cedula.TryParse(request.Cedula, out var cedula))
        {
            id = (await registry.Store.FindByCedulaAsync(cedula, cancellationToken))?.Id;
            if (id is null)
            {
                return TypedResults.NotFound(new ProblemDetails { Title = "Unknown person", Detail = $"No person holds cédula {cedula}.", Status = 404 });
            }
        }
        else
        {
            return TypedResults.Problem("Name the claimed person by a valid cedula or personId.", statusCode: StatusCodes.Status400BadRequest);
        }

        var (captures, problems) = await uploads.ExtractAsync(request.Fingers, "api", positionRequired: false, cancellationToken);
        if (problems.Count > 0)
        {
            return Uploads.Problem(problems);
        }

        var actor = Actor(user);
        var result = await registry.VerifyAsync(id.Value, captures, actor, request.Fmr, cancellationToken);
        if (result is null)
        {
            return TypedResults.NotFound(new ProblemDetails { Title = "Unknown person", Detail = $"No person with reference {id}.", Status = 404 });
        }

        Log.Verified(logger, actor, id.Value, result.IsMatch);
        return TypedResults.Ok(new VerifyResponse(result.IsMatch, result.PersonId.Value, result.Status, result.Score, result.Threshold, result.Fmr, result.ScoreFmr, result.Comparisons));
    }

    private static async Task<Results<Ok<IdentifyResponse>, ProblemHttpResult>> IdentifyAsync(
        IdentifyRequest request, IdentityRegistry registry, Uploads uploads, ClaimsPrincipal user, ILogger<IdentityRegistry> logger, CancellationToken cancellationToken)
    {
        if (request.Fmr is { } fmr && !(fmr is > 0 and < 1))
        {
            return TypedResults.Problem("fmr is a rate strictly between 0 and 1.", statusCode: StatusCodes.Status400BadRequest);
        }

        HashSet<PersonId>? restrict = null;
        if (request.ReferenceIds is { } references)
        {
            restrict = [];
            foreach (var reference in references)
            {
                if (!PersonId.TryParse(reference, out var parsed))
                {
                    return TypedResults.Problem($"'{reference}' is not a reference id.", statusCode: StatusCodes.Status400BadRequest);
                }

                restrict.Add(parsed);
            }
        }

        var (captures, problems) = await uploads.ExtractAsync(request.Fingers, "api", positionRequired: false, cancellationToken);
        if (problems.Count > 0)
        {
            return Uploads.Problem(problems);
        }

        var actor = Actor(user);
        var result = await registry.IdentifyAsync(captures, actor, Math.Clamp(request.MaxResults ?? 10, 1, 100), restrict, request.Fmr, cancellationToken);
        Log.Identified(logger, actor, result.Candidates.Count);
        var cedulas = await registry.Store.CedulasAsync([.. result.Candidates.Select(c => c.PersonId)], cancellationToken);
        var views = result.Candidates
            .Select(c => new IdentifiedView(c.PersonId.Value, cedulas.GetValueOrDefault(c.PersonId)?.ToString(), c.Score, c.ScoreFmr, c.AboveThreshold))
            .ToList();

        return TypedResults.Ok(new IdentifyResponse(views, result.Threshold, result.Fmr));
    }

    private static async Task<Ok<IReadOnlyList<AdjudicationCase>>> OpenCasesAsync(IdentityRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.Store.OpenCasesAsync(cancellationToken));

    private static async Task<Results<Ok<AdjudicationCase>, NotFound>> GetCaseAsync(Guid id, IdentityRegistry registry, CancellationToken cancellationToken) =>
        await registry.Store.GetCaseAsync(id, cancellationToken) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    private static async Task<Results<Ok<AdjudicationCase>, NotFound, ProblemHttpResult>> DecideAsync(
        Guid id, DecisionRequest request, IdentityRegistry registry, ClaimsPrincipal user, ILogger<IdentityRegistry> logger, CancellationToken cancellationToken)
    {
        PersonId? into = null;
        if (request.MergeInto is not null)
        {
            if (!PersonId.TryParse(request.MergeInto, out var parsed))
            {
                return TypedResults.Problem("mergeInto is not a reference id.", statusCode: StatusCodes.Status400BadRequest);
            }

            into = parsed;
        }

        try
        {
            var actor = Actor(user);
            var resolved = await registry.AdjudicateAsync(id, request.Decision, into, actor, cancellationToken);
            Log.Adjudicated(logger, id, actor, request.Decision);
            return TypedResults.Ok(resolved);
        }
        catch (RegistryNotFoundException)
        {
            return TypedResults.NotFound();
        }
        catch (RegistryConflictException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static async Task<Ok<AuditResponse>> AuditAsync(IdentityRegistry registry, int? last, CancellationToken cancellationToken)
    {
        var log = await registry.Store.ReadAuditAsync(cancellationToken);
        var broken = AuditEntry.FirstBrokenLink(log);
        var anchor = await registry.Store.CheckAuditAnchorAsync(cancellationToken);
        var shown = log.Skip(Math.Max(0, log.Count - Math.Clamp(last ?? 100, 1, 10_000)));
        return TypedResults.Ok(new AuditResponse(
            log.Count,
            broken < 0,
            broken < 0 ? null : log[broken].Sequence,
            anchor.State.ToString(),
            anchor.Describe(),
            [.. shown.Select(e => new AuditView(e.Sequence, e.At, e.Actor, e.Action, e.PersonId, e.Detail, Convert.ToHexStringLower(e.Hash)))]));
    }

    private static async Task<Ok<StatsResponse>> StatsAsync(IdentityRegistry registry, CancellationToken cancellationToken)
    {
        var counts = await registry.Store.CountAsync(cancellationToken);
        var stored = await registry.Store.GalleryPositionsAsync(cancellationToken);
        var index = registry.Index.Snapshot();
        var unreadable = registry.UnreadableFingers;
        // A finger that did not open at load is in the store but rightly not in the index.
        var skipped = unreadable.ToLookup(u => u.Person, u => u.Position);
        var expected = stored.Select(p => (Person: p.Key, Positions: p.Value.Except(skipped[p.Key]).ToArray())).Where(p => p.Positions.Length > 0).ToList();
        var same = expected.Count == index.Count && expected.All(p => index.TryGetValue(p.Person, out var positions) && positions.SequenceEqual(p.Positions));
        return TypedResults.Ok(new StatsResponse(
            counts.Active, counts.PendingAdjudication, counts.Deceased, counts.Removed, counts.OpenCases,
            counts.InGallery, counts.GalleryFingers, registry.Index.PersonCount, registry.Index.FingerCount, same, registry.LoadTime.TotalMilliseconds,
            [.. unreadable.Select(u => u.ToString())]));
    }

    /// <summary>
    /// Opens every gallery template now, the whole gallery's worth of AES-GCM: deliberately its own
    /// endpoint, so that only an administrator asking for an integrity check pays for it.
    /// </summary>
    private static async Task<Ok<IntegrityResponse>> IntegrityAsync(IdentityRegistry registry, CancellationToken cancellationToken)
    {
        var unreadable = new List<string>();
        void Collect(UnreadableFinger bad)
        {
            lock (unreadable)
            {
                unreadable.Add(bad.ToString());
            }
        }

        int persons = 0, fingers = 0;
        await foreach (var person in registry.Store.ReadGalleryAsync(Collect, cancellationToken))
        {
            persons++;
            fingers += person.Fingers.Count;
        }

        return TypedResults.Ok(new IntegrityResponse(persons, fingers + unreadable.Count, unreadable));
    }
}
