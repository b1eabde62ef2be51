using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Huella.Elections.Actas;
using Huella.Elections.Contests;
using Huella.Elections.Geography;

namespace Huella.Elections.Scan;

/// <summary>
/// A central server over HTTP: <c>GET /central/v1/actas/{mesa}?contest=N</c>, the version it
/// counted. The acta's own bytes come back, so what is compared is the signed acta central holds,
/// not a number central typed.
/// </summary>
public sealed class CentralPublishedActas(HttpClient http) : IPublishedActas
{
    public string Name => $"central {http.BaseAddress}";

    public BallotContest? Ballot(int contest) => null;

    public async Task<PublishedActa?> FindAsync(MesaId mesa, int contest, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri($"central/v1/actas/{mesa}?contest={contest}", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"central answered {(int)response.StatusCode} {response.ReasonPhrase} for mesa {mesa}", null, response.StatusCode);
        }

        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (!root.TryGetProperty("countedHash", out var counted) || counted.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        foreach (var version in root.GetProperty("versions").EnumerateArray())
        {
            if (version.GetProperty("hash").GetString() == counted.GetString()
                && version.TryGetProperty("acta", out var acta) && acta.ValueKind == JsonValueKind.String
                && SignedActa.TryDecode(acta.GetBytesFromBase64(), out var signed, out _))
            {
                return new PublishedActa(mesa, contest, ActaNumbers.Of(signed!.Acta, null), Convert.ToHexStringLower(SHA256.HashData(signed.Body.AsSpan())));
            }
        }

        return null;
    }
}
