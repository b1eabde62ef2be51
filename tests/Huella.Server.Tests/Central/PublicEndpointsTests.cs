using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Server.Auth;

namespace Huella.Server.Tests.Central;

/// <summary>The public downloads on a real central: no key needed, a head signed after every batch, proofs that verify, bad requests as ProblemDetails.</summary>
public sealed class PublicEndpointsTests(CentralFixture central) : IClassFixture<CentralFixture>
{
    private static ByteArrayContent Body(byte[] acta)
    {
        var content = new ByteArrayContent(acta);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    [Fact]
    public async Task Anyone_downloads_an_acta_its_proof_and_the_signed_head_that_covers_it()
    {
        var acta = central.Actas.Sign(central.Actas.ActaFor(central.Actas.Mesas.ElementAt(3)));
        var hash = Convert.ToHexStringLower(SHA256.HashData(acta));
        using (var station = ServerKeys.Client(central.Address, Roles.Station))
        {
            Assert.Equal(HttpStatusCode.Created, (await station.PostAsync("/central/v1/actas", Body(acta))).StatusCode);
        }

        using var anyone = ServerKeys.Client(central.Address, null);
        Assert.Equal(acta, await anyone.GetByteArrayAsync($"/public/v1/actas/{hash}"));
        var keys = await anyone.GetFromJsonAsync<JsonElement>("/public/v1/keys.json");
        var logKey = new VerificationKey(Convert.FromHexString(keys.GetProperty("logKey").GetString()!));
        Assert.Equal(central.Actas.Keys.All.Count(), PublishedKeysFile.Parse(keys.GetRawText()).All.Count());

        var head = await anyone.GetFromJsonAsync<JsonElement>("/public/v1/log/head");
        var size = head.GetProperty("size").GetInt64();
        var root = Convert.FromHexString(head.GetProperty("root").GetString()!);
        var signed = new SignedTreeHead(size, [.. root], DateTimeOffset.FromUnixTimeMilliseconds(head.GetProperty("timestamp").GetInt64()), [.. Convert.FromHexString(head.GetProperty("signature").GetString()!)]);
        Assert.True(signed.VerifiedBy(logKey));

        var inclusion = await anyone.GetFromJsonAsync<JsonElement>($"/public/v1/log/inclusion?hash={hash}");
        var leaf = Convert.FromHexString(inclusion.GetProperty("leaf").GetString()!);
        var proof = inclusion.GetProperty("proof").EnumerateArray().SelectMany(p => Convert.FromHexString(p.GetString()!)).ToArray();
        Assert.True(MerkleProof.VerifyInclusion(MerkleTree.LeafHash(leaf), inclusion.GetProperty("leafIndex").GetInt64(), size, proof, root));
        Assert.Equal(hash, Convert.ToHexStringLower(leaf.AsSpan(1, 32)));

        var heads = await anyone.GetFromJsonAsync<JsonElement>("/public/v1/log/heads");
        Assert.Equal(size, heads.EnumerateArray().Last().GetProperty("size").GetInt64());
        var csv = await anyone.GetStringAsync("/public/v1/actas.csv");
        Assert.Contains($",{hash},{central.Actas.Mesas.ElementAt(3)},0,Accepted,Valid,", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/public/v1/actas/not-a-hash", HttpStatusCode.BadRequest, "not-a-hash")]
    [InlineData("/public/v1/actas/0000000000000000000000000000000000000000000000000000000000000000", HttpStatusCode.NotFound, "not-stored")]
    [InlineData("/public/v1/log/inclusion?hash=XYZ", HttpStatusCode.BadRequest, "not-a-hash")]
    [InlineData("/public/v1/log/inclusion?hash=0000000000000000000000000000000000000000000000000000000000000000&size=999999", HttpStatusCode.BadRequest, "no-such-size")]
    [InlineData("/public/v1/log/consistency?first=5&second=2", HttpStatusCode.BadRequest, "no-such-size")]
    [InlineData("/public/v1/log/leaves?start=0&count=100000", HttpStatusCode.BadRequest, "bad-range")]
    public async Task Bad_requests_are_problem_details_without_a_key(string path, HttpStatusCode status, string type)
    {
        using var anyone = ServerKeys.Client(central.Address, null);
        var response = await anyone.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"urn:huella:public:{type}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
