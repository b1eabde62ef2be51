using System.Formats.Tar;
using System.Text.Json.Nodes;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Central;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Huella.Server.Central;

/// <summary>
/// Everything central counts, for anyone, without a key (<c>/public/v1</c>): every stored acta
/// version (as CSV, one by one, and as one tar of the signed files), the results, the published keys
/// with the log key, and the transparency log (heads, proofs, leaves). See docs/central.md.
/// </summary>
internal static class PublicEndpoints
{
    /// <summary>Most leaves one <c>log/leaves</c> answer carries.</summary>
    public const int MaxLeaves = 10_000;

    public static RouteGroupBuilder MapPublic(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/public/v1").WithTags("public").AllowAnonymous();
        open.MapGet("/actas.csv", ActasCsv).WithName("PublicActasCsv").WithSummary("Every stored acta version, one line each, in log order.");
        open.MapGet("/actas.tar", ActasTar).WithName("PublicActasTar").WithSummary("Every signed acta file kept, as received, in one tar (HASH.acta), in log order.");
        open.MapGet("/actas/{hash}", ActaAsync).WithName("PublicActa").WithSummary("One stored transmission's bytes, by the SHA-256 of those bytes.");
        open.MapGet("/results.json", ResultsAsync).WithName("PublicResults").WithSummary("The totals as NIST SP 1500-100 JSON.");
        open.MapGet("/election.json", Election).WithName("PublicElection").WithSummary("The election as central counts it: contests, cards, seats, state names, expected mesas.");
        open.MapGet("/keys.json", Keys).WithName("PublicKeys").WithSummary("The published keys, and the log key (logKey).");
        open.MapGet("/log/head", Head).WithName("PublicLogHead").WithSummary("The newest signed tree head.");
        open.MapGet("/log/heads", Heads).WithName("PublicLogHeads").WithSummary("Every tree head signed, oldest first.");
        open.MapGet("/log/inclusion", Inclusion).WithName("PublicLogInclusion").WithSummary("The audit path of a stored transmission (?hash=H) in the tree of ?size=N leaves (default: the newest head).");
        open.MapGet("/log/consistency", Consistency).WithName("PublicLogConsistency").WithSummary("The consistency proof between the trees of ?first=M and ?second=N leaves.");
        open.MapGet("/log/leaves", Leaves).WithName("PublicLogLeaves").WithSummary("The bytes of leaves ?start= to ?start+count-1 (count at most 10,000).");
        return open;
    }

    private static PushStreamHttpResult ActasCsv(CentralCount central) =>
        TypedResults.Stream(async body => await PublicActasCsv.WriteAsync(central.Archive, body, CancellationToken.None), "text/csv; charset=utf-8", "actas.csv");

    private static PushStreamHttpResult ActasTar(CentralCount central) => TypedResults.Stream(
        async body =>
        {
            await using var tar = new TarWriter(body, TarEntryFormat.Ustar, leaveOpen: true);
            await foreach (var (entry, bytes) in central.Archive.StreamAsync())
            {
                if (!entry.BodyKept || entry.Size == 0)
                {
                    continue;
                }

                using var data = new MemoryStream(bytes, writable: false);
                await tar.WriteEntryAsync(new UstarTarEntry(TarEntryType.RegularFile, $"{entry.Hash}.acta") { DataStream = data, ModificationTime = entry.ReceivedAt, Mode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead });
            }
        },
        "application/x-tar",
        "actas.tar");

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ActaAsync(string hash, CentralCount central, CancellationToken cancellationToken)
    {
        if (!IsHash(hash))
        {
            return Problem(StatusCodes.Status400BadRequest, "Not a hash", "Name a stored transmission by the SHA-256 of its bytes: 64 lowercase hex digits.", "not-a-hash");
        }

        var bytes = await central.Archive.ReadBytesAsync(hash, cancellationToken);
        return bytes switch
        {
            null => Problem(StatusCodes.Status404NotFound, "Not stored", $"Central stores no transmission with hash {hash}.", "not-stored"),
            [] => Problem(StatusCodes.Status410Gone, "Only its summary was kept", $"Transmission {hash} was refused past its sender's cap: central kept its summary (in actas.csv and the log), not its bytes.", "summary-only"),
            _ => TypedResults.File(bytes, CentralEndpoints.ActaMediaType, $"{hash}.acta"),
        };
    }

    private static async Task<ContentHttpResult> ResultsAsync(CentralCount central, CentralElection election, TimeProvider time, CancellationToken cancellationToken) =>
        await CentralEndpoints.ResultsAsync(central, election, time, cancellationToken);

    private static Ok<PublicElection> Election(CentralCount central, CentralElection election) =>
        TypedResults.Ok(PublicElection.Of(election, central.Contests));

    private static ContentHttpResult Keys(CentralCount central, ActaLog log)
    {
        // The published keys file as it is (any tool that reads it reads this), with the log key added.
        var keys = JsonNode.Parse(PublishedKeysFile.ToJson(central.Keys))!.AsObject();
        keys["logKey"] = log.PublicKey.ToString();
        return TypedResults.Text(keys.ToJsonString(), "application/json");
    }

    private static Ok<PublicTreeHead> Head(ActaLog log) => TypedResults.Ok(PublicTreeHead.Of(log.Head, log.PublicKey));

    private static Ok<PublicTreeHead[]> Heads(ActaLog log) => TypedResults.Ok(log.Heads.Select(h => PublicTreeHead.Of(h, log.PublicKey)).ToArray());

    private static Results<Ok<PublicInclusion>, ProblemHttpResult> Inclusion(ActaLog log, string? hash, long? size)
    {
        if (hash is null || !IsHash(hash))
        {
            return Problem(StatusCodes.Status400BadRequest, "Not a hash", "Give ?hash= the SHA-256 of a stored transmission: 64 lowercase hex digits.", "not-a-hash");
        }

        var treeSize = size ?? log.Head.Size;
        if (treeSize < 1 || treeSize > log.Size)
        {
            return NoSuchSize(treeSize, log);
        }

        if (log.IndexOf(hash) is not { } index || index >= treeSize)
        {
            return Problem(StatusCodes.Status404NotFound, "Not in this tree", $"No leaf of the tree of {treeSize} leaves is transmission {hash}.", "not-in-tree");
        }

        return TypedResults.Ok(new PublicInclusion(hash, index, treeSize, Convert.ToHexStringLower(log.Leaves(index, 1)[0]), Split(log.InclusionProof(index, treeSize))));
    }

    private static Results<Ok<PublicConsistency>, ProblemHttpResult> Consistency(ActaLog log, long first, long second)
    {
        if (first < 0 || first > second || second > log.Size)
        {
            return Problem(StatusCodes.Status400BadRequest, "No such pair of trees", $"Ask for 0 ≤ first ≤ second ≤ {log.Size}, the log's size.", "no-such-size");
        }

        return TypedResults.Ok(new PublicConsistency(first, second, Split(log.ConsistencyProof(first, second))));
    }

    private static Results<Ok<PublicLeaves>, ProblemHttpResult> Leaves(ActaLog log, long start = 0, int count = 1_000)
    {
        if (start < 0 || count < 1 || count > MaxLeaves)
        {
            return Problem(StatusCodes.Status400BadRequest, "No such range", $"Ask for start ≥ 0 and 1 ≤ count ≤ {MaxLeaves}.", "bad-range");
        }

        return TypedResults.Ok(new PublicLeaves(start, log.Size, [.. log.Leaves(start, count).Select(Convert.ToHexStringLower)]));
    }

    private static ProblemHttpResult NoSuchSize(long size, ActaLog log) =>
        Problem(StatusCodes.Status400BadRequest, "No such tree", $"The log has trees of 1 to {log.Size} leaves, not {size}.", "no-such-size");

    private static string[] Split(byte[] proof) =>
        [.. Enumerable.Range(0, proof.Length / MerkleTree.HashSize).Select(i => Convert.ToHexStringLower(proof.AsSpan(i * MerkleTree.HashSize, MerkleTree.HashSize)))];

    private static bool IsHash(string text) => text.Length == 64 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static ProblemHttpResult Problem(int status, string title, string detail, string slug) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: $"urn:huella:public:{slug}");
}
