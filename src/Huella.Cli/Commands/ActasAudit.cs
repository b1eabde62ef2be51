using System.Collections.Concurrent;
using System.Formats.Tar;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Central;

namespace Huella.Cli.Commands;

/// <summary>What an audit found: the head it checked against, what it checked, and every failure (none: everything held).</summary>
internal sealed record ActasAuditReport(string Url, long TreeSize, string Root, int Versions, int SignaturesChecked, int ProofsChecked, int NewerThanHead, IReadOnlyList<string> Failures)
{
    public bool Ok => Failures.Count == 0;
}

/// <summary>
/// <c>huella actas audit</c>: downloads everything central publishes and checks, offline and with
/// nothing but the published keys: the head's signature by the log key; consistency with a head saved
/// earlier; that the leaves served make the signed root and are exactly the lines of actas.csv (none
/// missing, none changed); the audit path of every version against the head; every acta file against
/// its hash and its signatures (a counted acta must verify, a refused one must not); which version of
/// each mesa and contest was counted; and every total of results.json, recomputed from the actas.
/// </summary>
internal sealed class ActasAudit(HttpClient http)
{
    private const int Parallelism = 16;

    private readonly ConcurrentQueue<string> _failures = new();

    public async Task<ActasAuditReport> RunAsync(AuditHead? since, string? outFolder, CancellationToken cancellationToken)
    {
        var keysText = await TextAsync("keys.json", outFolder, cancellationToken);
        var keys = PublishedKeysFile.Parse(keysText);
        var logKey = new VerificationKey(Convert.FromHexString(JsonDocument.Parse(keysText).RootElement.GetProperty("logKey").GetString() ?? ""));

        var headText = await TextAsync("log/head", outFolder, cancellationToken, "head.json");
        var published = JsonSerializer.Deserialize<AuditHead>(headText, ActasAuditDocuments.Json)!;
        var head = published.ToHead();
        if (head is null || !head.VerifiedBy(logKey))
        {
            Fail($"log head (size {published.Size}): not signed by the published log key {logKey.Fingerprint}");
        }

        if (since is not null)
        {
            await CheckSinceAsync(since, published, logKey, cancellationToken);
        }

        var leaves = await LeavesAsync(published.Size, cancellationToken);
        var tree = new MerkleTree();
        leaves.ForEach(l => tree.Append(l));
        if (leaves.Count != published.Size || !Convert.ToHexStringLower(tree.Root).Equals(published.Root, StringComparison.Ordinal))
        {
            Fail($"log leaves: the {leaves.Count} leaves served do not make the signed root of {published.Size} leaves");
        }

        var rows = AuditRow.ParseAll(await TextAsync("actas.csv", outFolder, cancellationToken));
        var newer = CheckRowsAgainstLeaves(rows, leaves, published.Size);
        var proofs = await CheckInclusionAsync([.. rows.Where(r => r.Leaf < published.Size)], published, cancellationToken);
        var files = await FilesAsync(outFolder, cancellationToken);
        var (checkedActas, valid) = CheckFiles(rows, files, keys);

        var election = JsonSerializer.Deserialize<AuditElection>(await TextAsync("election.json", outFolder, cancellationToken), ActasAuditDocuments.Json)!;
        var results = await TextAsync("results.json", outFolder, cancellationToken);
        foreach (var failure in ActasAuditRecount.Check(election, rows, valid, results))
        {
            Fail(failure);
        }

        return new ActasAuditReport(http.BaseAddress!.ToString(), published.Size, published.Root, rows.Count, checkedActas, proofs, newer, [.. _failures]);
    }

    private void Fail(string failure) => _failures.Enqueue(failure);

    private async Task CheckSinceAsync(AuditHead since, AuditHead now, VerificationKey logKey, CancellationToken cancellationToken)
    {
        var saved = since.ToHead();
        if (saved is null || !saved.VerifiedBy(logKey))
        {
            Fail($"saved head (size {since.Size}): not signed by the published log key {logKey.Fingerprint}: the log's key changed, or the file is not a head of this log");
            return;
        }

        if (since.Size > now.Size)
        {
            Fail($"saved head (size {since.Size}): the log now has {now.Size} leaves: it shrank");
            return;
        }

        var proof = await http.GetFromJsonAsync<AuditConsistency>(Url($"log/consistency?first={since.Size}&second={now.Size}"), ActasAuditDocuments.Json, cancellationToken);
        if (proof is null || !MerkleProof.VerifyConsistency(since.Size, now.Size, Concat(proof.Proof), Convert.FromHexString(since.Root), Convert.FromHexString(now.Root)))
        {
            Fail($"saved head (size {since.Size}, root {since.Root}): the log of {now.Size} leaves is not a continuation of it: something it held was changed or removed (a forked log)");
        }
    }

    private async Task<List<byte[]>> LeavesAsync(long size, CancellationToken cancellationToken)
    {
        var leaves = new List<byte[]>((int)Math.Min(size, int.MaxValue));
        while (leaves.Count < size)
        {
            var page = await http.GetFromJsonAsync<AuditLeaves>(Url($"log/leaves?start={leaves.Count}&count={Math.Min(10_000, size - leaves.Count)}"), ActasAuditDocuments.Json, cancellationToken);
            if (page is null || page.Leaves.Length == 0)
            {
                break;
            }

            leaves.AddRange(page.Leaves.Select(Convert.FromHexString));
        }

        return leaves;
    }

    /// <summary>Every leaf under the head is one line of actas.csv, and that line is the leaf; returns how many lines are newer than the head.</summary>
    private int CheckRowsAgainstLeaves(List<AuditRow> rows, List<byte[]> leaves, long size)
    {
        var seen = new bool[leaves.Count];
        foreach (var row in rows.Where(r => r.Leaf < size))
        {
            if (row.Leaf >= leaves.Count || !row.ToLeaf().Encode().AsSpan().SequenceEqual(leaves[(int)row.Leaf]))
            {
                Fail($"actas.csv line {row.Line} (leaf {row.Leaf}, {row.Hash}): differs from what the signed log holds at that leaf");
            }
            else if (seen[row.Leaf])
            {
                Fail($"actas.csv line {row.Line}: leaf {row.Leaf} listed twice");
            }
            else
            {
                seen[row.Leaf] = true;
            }
        }

        for (var i = 0; i < seen.Length; i++)
        {
            if (!seen[i])
            {
                var what = ActaLogLeaf.TryDecode(leaves[i], out var leaf) ? $"{leaf.Hash}, mesa {leaf.Mesa?.ToString() ?? "?"}, {leaf.Status}" : "unreadable leaf";
                Fail($"log leaf {i} ({what}): in the signed log but missing from actas.csv (a version removed)");
            }
        }

        return rows.Count(r => r.Leaf >= size);
    }

    private async Task<int> CheckInclusionAsync(List<AuditRow> rows, AuditHead head, CancellationToken cancellationToken)
    {
        var root = Convert.FromHexString(head.Root);
        var proved = 0;
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (row, token) =>
        {
            var inclusion = await http.GetFromJsonAsync<AuditInclusion>(Url($"log/inclusion?hash={row.Hash}&size={head.Size}"), ActasAuditDocuments.Json, token);
            var leafHash = MerkleTree.LeafHash(row.ToLeaf().Encode());
            if (inclusion is null || inclusion.LeafIndex != row.Leaf || !MerkleProof.VerifyInclusion(leafHash, row.Leaf, head.Size, Concat(inclusion.Proof), root))
            {
                Fail($"actas.csv line {row.Line} ({row.Hash}): its audit path does not prove it in the signed head");
            }
            else
            {
                Interlocked.Increment(ref proved);
            }
        });
        return proved;
    }

    private async Task<Dictionary<string, byte[]>> FilesAsync(string? outFolder, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(Url("actas.tar"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        Stream source = body;
        FileStream? copy = null;
        if (outFolder is not null)
        {
            copy = File.Create(Path.Combine(outFolder, "actas.tar"));
            await body.CopyToAsync(copy, cancellationToken);
            copy.Position = 0;
            source = copy;
        }

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            await using var tar = new TarReader(source);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                using var data = new MemoryStream();
                if (entry.DataStream is not null)
                {
                    await entry.DataStream.CopyToAsync(data, cancellationToken);
                }

                if (!files.TryAdd(Path.GetFileNameWithoutExtension(entry.Name), data.ToArray()))
                {
                    Fail($"actas.tar: {entry.Name} twice");
                }
            }
        }
        finally
        {
            if (copy is not null)
            {
                await copy.DisposeAsync();
            }
        }

        return files;
    }

    /// <summary>Checks every acta file; returns how many were checked and the valid ones by hash.</summary>
    private (int Checked, Dictionary<string, (Acta Acta, string BodyHash)> Valid) CheckFiles(List<AuditRow> rows, Dictionary<string, byte[]> files, PublishedKeys keys)
    {
        var listed = rows.Select(r => r.Hash).ToHashSet(StringComparer.Ordinal);
        foreach (var name in files.Keys.Where(n => !listed.Contains(n)))
        {
            Fail($"actas.tar: {name}.acta is not listed in actas.csv");
        }

        var valid = new ConcurrentDictionary<string, (Acta Acta, string BodyHash)>(StringComparer.Ordinal);
        var checkedActas = 0;
        Parallel.ForEach(rows.Where(r => r.BodyKept), row =>
        {
            if (!files.TryGetValue(row.Hash, out var bytes))
            {
                Fail($"actas.csv line {row.Line} ({row.Hash}): its acta file is not in actas.tar");
                return;
            }

            Interlocked.Increment(ref checkedActas);
            if (!Convert.ToHexStringLower(SHA256.HashData(bytes)).Equals(row.Hash, StringComparison.Ordinal))
            {
                Fail($"actas.tar: {row.Hash}.acta is not the file of that hash (altered)");
                return;
            }

            var check = ActaVerifier.Verify(bytes, keys);
            if (row.Status is IngestStatus.Accepted or IngestStatus.Conflicting)
            {
                if (!check.IsValid)
                {
                    Fail($"actas.csv line {row.Line} (mesa {row.Mesa}): central stored it as {row.Status} but it does not verify: {check.Verdict}, {check.Reason}");
                }
                else if (check.Acta!.Mesa != row.Mesa || check.Acta.Contest != row.Contest)
                {
                    Fail($"actas.csv line {row.Line}: lists mesa {row.Mesa} contest {row.Contest}, the acta is mesa {check.Acta.Mesa} contest {check.Acta.Contest}");
                }
                else if (SignedActa.TryDecode(bytes, out var signed, out _))
                {
                    valid[row.Hash] = (check.Acta, Convert.ToHexStringLower(SHA256.HashData(signed!.Body.AsSpan())));
                }
            }
            else if (check.IsValid && row.Verdict != nameof(ActaVerdict.Inconsistent))
            {
                Fail($"actas.csv line {row.Line} (mesa {row.Mesa}): central refused it as {row.Verdict}, but its signatures verify against the published keys");
            }
        });
        return (checkedActas, new Dictionary<string, (Acta Acta, string BodyHash)>(valid, StringComparer.Ordinal));
    }

    private async Task<string> TextAsync(string path, string? outFolder, CancellationToken cancellationToken, string? savedAs = null)
    {
        var text = await http.GetStringAsync(Url(path), cancellationToken);
        if (outFolder is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(outFolder, savedAs ?? path), text, cancellationToken);
        }

        return text;
    }

    private static Uri Url(string path) => new($"public/v1/{path}", UriKind.Relative);

    private static byte[] Concat(string[] hashes) => [.. hashes.SelectMany(Convert.FromHexString)];
}
