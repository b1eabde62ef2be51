using System.Net.Http.Headers;
using System.Text;

namespace Huella.Fuzz;

/// <summary>A valid request to one endpoint: what its mutants start from.</summary>
internal sealed record EndpointSeed(string Name, HttpMethod Method, string Path, string? MediaType, byte[]? Body);

/// <summary>
/// Sends mutated requests to a live server over HTTP on 127.0.0.1: bodies mutated as bytes or as
/// JSON values, paths with damaged segments. A finding is any 5xx answer (an unhandled error) or a
/// request the server does not answer at all.
/// </summary>
internal static class EndpointCampaign
{
    public static async Task<CampaignResult> RunAsync(string name, HttpClient client, IReadOnlyList<EndpointSeed> seeds, int seed, long maxExecutions, TimeSpan budget, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(seeds);
        var random = new Random(seed);
        var bytes = new Mutator(random);
        var json = new JsonMutator(random);
        var bodies = seeds.Where(s => s.Body is not null).Select(s => s.Body!).DefaultIfEmpty([]).ToList();
        var findings = new Dictionary<string, Finding>(StringComparer.Ordinal);
        var started = time.GetTimestamp();
        long executions = 0, refused = 0;
        var slowest = TimeSpan.Zero;
        while (executions < maxExecutions && time.GetElapsedTime(started) < budget)
        {
            // Each seed goes first as it is: the server must accept what is valid before mutants count.
            var original = executions < seeds.Count ? seeds[(int)executions] : seeds[random.Next(seeds.Count)];
            var (path, body) = executions < seeds.Count ? (original.Path, original.Body) : Mutate(original, random, bytes, json, bodies);
            using var request = new HttpRequestMessage(original.Method, path);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(original.MediaType ?? "application/json");
            }

            var clock = time.GetTimestamp();
            try
            {
                using var response = await client.SendAsync(request).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status >= 500 && status != 503)
                {
                    var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    findings.TryAdd($"{original.Name} {status}", new Finding($"{original.Name} {status}", $"{original.Method} {path}: {Shorten(text)}", body ?? []));
                }
                else if (status >= 400)
                {
                    refused++;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                findings.TryAdd($"{original.Name} no answer", new Finding($"{original.Name} no answer", $"{original.Method} {path}: {e.Message}", body ?? []));
            }

            var elapsed = time.GetElapsedTime(clock);
            slowest = elapsed > slowest ? elapsed : slowest;
            executions++;
        }

        return new CampaignResult(name, executions, refused, [.. findings.Values], 0, slowest, time.GetElapsedTime(started));
    }

    private static (string Path, byte[]? Body) Mutate(EndpointSeed seed, Random random, Mutator bytes, JsonMutator json, List<byte[]> bodies)
    {
        var path = seed.Path;
        var body = seed.Body;
        var what = random.Next(seed.Body is null ? 1 : 4);
        if (what == 0)
        {
            path = MutatePath(path, random, bytes);
        }
        else if (what == 1 && seed.MediaType is null)
        {
            body = json.Mutate(body!);
            body = random.Next(3) == 0 ? json.Mutate(body) : body;
        }
        else
        {
            body = bytes.Mutate(body!, bodies);
        }

        return (path, body);
    }

    /// <summary>One path segment or the query replaced by damaged text, escaped so the request is still well-formed HTTP.</summary>
    private static string MutatePath(string path, Random random, Mutator bytes)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        var segments = (query < 0 ? path : path[..query]).Split('/');
        var at = 1 + random.Next(segments.Length - 1);
        var mutated = Encoding.UTF8.GetString(bytes.Mutate(Encoding.UTF8.GetBytes(segments[at]), [Encoding.UTF8.GetBytes("%00..//\\")]));
        // An empty first segment would turn the path into a protocol-relative URL (another host).
        segments[at] = mutated.Length == 0 ? "_" : Uri.EscapeDataString(mutated);
        var rest = query < 0 ? "" : path[query..];
        if (query >= 0 && random.Next(2) == 0)
        {
            rest = "?" + Uri.EscapeDataString(Encoding.UTF8.GetString(bytes.Mutate(Encoding.UTF8.GetBytes(path[(query + 1)..]), []))).Replace("%3D", "=", StringComparison.Ordinal);
        }

        return string.Join('/', segments) + rest;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
