using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Huella.Biometrics.Imaging;
using Huella.Elections.Actas;
using Huella.Server.Auth;
using Huella.Server.Tests.Central;

namespace Huella.Server.Tests.Scan;

/// <summary><c>POST /scan</c> on a real central over 127.0.0.1: photos of actas it counted, forged or never sent, and uploads that are not photos at all.</summary>
public sealed class ScanEndpointTests(CentralFixture central) : IClassFixture<CentralFixture>, IDisposable
{
    private readonly HttpClient _anonymous = new() { BaseAddress = central.Address, Timeout = TimeSpan.FromSeconds(120) };

    public void Dispose() => _anonymous.Dispose();

    /// <summary>A white page with the QR of <paramref name="payload"/>, as PNG.</summary>
    private static byte[] PhotoOf(byte[] payload)
    {
        var (pixels, size) = ActaQr.Render(ActaQr.Modules(payload), 4);
        var width = size + 240;
        var height = size + 400;
        var page = new byte[width * height];
        page.AsSpan().Fill(250);
        for (var y = 0; y < size; y++)
        {
            pixels.AsSpan(y * size, size).CopyTo(page.AsSpan(((y + 300) * width) + 120));
        }

        return ImageEncoder.EncodePng(new GrayImage(width, height, page));
    }

    private static MultipartFormDataContent Form(byte[] photo, string field = "photo")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(photo);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, field, "acta.png");
        return form;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Scan(byte[] photo)
    {
        using var form = Form(photo);
        using var response = await _anonymous.PostAsync("/scan", form);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<int> StoredVersions(string mesa)
    {
        using var observer = ServerKeys.Client(central.Address, Roles.Observer);
        using var response = await observer.GetAsync($"/central/v1/actas/{mesa}");
        return response.StatusCode == HttpStatusCode.NotFound ? 0 : (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions").GetArrayLength();
    }

    private async Task StillUp()
    {
        using var health = await _anonymous.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_photo_of_an_acta_central_counted_agrees_and_is_not_stored_again()
    {
        var mesa = central.Actas.Mesas.ElementAt(1);
        var acta = central.Actas.Sign(central.Actas.ActaFor(mesa));
        using (var station = ServerKeys.Client(central.Address, Roles.Station))
        {
            using var body = new ByteArrayContent(acta);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            Assert.Equal(HttpStatusCode.Created, (await station.PostAsync("/central/v1/actas", body)).StatusCode);
        }

        var (status, report) = await Scan(PhotoOf(acta));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("agrees", report.GetProperty("outcome").GetString());
        Assert.Equal("huella", report.GetProperty("format").GetString());
        Assert.Equal(mesa.ToString(), report.GetProperty("code").GetString());
        Assert.Equal("Valid", report.GetProperty("signature").GetString());
        Assert.True(report.GetProperty("agrees").GetBoolean());
        Assert.Equal(1, await StoredVersions(mesa.ToString()));
    }

    [Fact]
    public async Task A_forged_acta_is_refused_as_forged_and_nothing_is_stored()
    {
        var mesa = central.Actas.Mesas.ElementAt(2);
        var forged = CentralSetup.Altered(central.Actas.Sign(central.Actas.ActaFor(mesa)));

        var (status, report) = await Scan(PhotoOf(forged));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("invalid", report.GetProperty("outcome").GetString());
        Assert.Equal("BadSignature", report.GetProperty("signature").GetString());
        Assert.Contains("altered or forged", report.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredVersions(mesa.ToString()));
        await StillUp();
    }

    [Fact]
    public async Task A_valid_acta_central_never_received_is_not_published()
    {
        var mesa = central.Actas.Mesas.ElementAt(3);

        var (status, report) = await Scan(PhotoOf(central.Actas.Sign(central.Actas.ActaFor(mesa))));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("not-published", report.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("agrees").ValueKind);
        Assert.Equal(0, await StoredVersions(mesa.ToString()));
    }

    [Fact]
    public async Task A_cne_payload_with_37_counts_is_invalid_with_a_clear_message()
    {
        var payload = "040202001.01.1.0001!" + string.Join(',', Enumerable.Repeat(3, 37)) + "!1!0";

        var (status, report) = await Scan(PhotoOf(Encoding.ASCII.GetBytes(payload)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("invalid", report.GetProperty("outcome").GetString());
        Assert.Equal("cne-2024", report.GetProperty("format").GetString());
        Assert.Contains("expected 38 card counts, found 37", report.GetProperty("message").GetString(), StringComparison.Ordinal);
        await StillUp();
    }

    [Fact]
    public async Task A_photo_without_a_code_and_a_file_that_is_no_photo_get_clear_answers()
    {
        var blank = ImageEncoder.EncodePng(GrayImage.Filled(640, 480, 235));

        var (noCode, empty) = await Scan(blank);
        var (notImage, text) = await Scan("just some text, not a photo"u8.ToArray());

        Assert.Equal(HttpStatusCode.OK, noCode);
        Assert.Equal("no-code", empty.GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notImage);
        Assert.Equal("bad-photo", text.GetProperty("outcome").GetString());
        Assert.Contains("not an image", text.GetProperty("message").GetString(), StringComparison.Ordinal);
        await StillUp();
    }

    [Fact]
    public async Task A_100_MB_upload_is_refused_with_413_before_its_body_is_read()
    {
        const long size = 100L * 1024 * 1024;
        var body = new CountingStream(size);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/scan") { Content = new StreamContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        request.Content.Headers.ContentLength = size;
        request.Headers.ExpectContinue = true;

        using var response = await _anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("at most", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(problem.GetProperty("stored").GetBoolean());
        Assert.True(body.BytesRead < 1024 * 1024, $"the client sent {body.BytesRead:N0} bytes of the upload");
        await StillUp();
    }

    [Fact]
    public async Task An_upload_that_grows_past_the_limit_without_declaring_its_length_is_refused_with_413()
    {
        var photo = new byte[26 * 1024 * 1024];
        photo[0] = 0x89;
        using var form = Form(photo);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/scan") { Content = form };
        request.Headers.TransferEncodingChunked = true;

        HttpResponseMessage? response = null;
        try
        {
            response = await _anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
        catch (HttpRequestException)
        {
            // Central may close the connection while the rest of the upload is still on its way: refused all the same.
        }
        finally
        {
            response?.Dispose();
        }

        await StillUp();
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_upload_is_refused_with_415()
    {
        using var body = new ByteArrayContent(PhotoOf("x"u8.ToArray()));
        body.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        using var response = await _anonymous.PostAsync("/scan", body);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_form_without_the_photo_field_is_a_bad_request()
    {
        using var form = Form(PhotoOf("x"u8.ToArray()), field: "picture");

        using var response = await _anonymous.PostAsync("/scan", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'photo'", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browsers_get_the_portal_page_with_the_result_above_a_new_form_in_spanish_or_english()
    {
        var forged = CentralSetup.Altered(central.Actas.Sign(central.Actas.ActaFor(central.Actas.Mesas.ElementAt(4))));

        async Task<(string Type, string Html)> Ask(string? language)
        {
            using var form = Form(PhotoOf(forged));
            using var request = new HttpRequestMessage(HttpMethod.Post, "/scan") { Content = form };
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
            if (language is not null)
            {
                request.Headers.AcceptLanguage.ParseAdd(language);
            }

            using var response = await _anonymous.SendAsync(request);
            return (response.Content.Headers.ContentType!.MediaType!, await response.Content.ReadAsStringAsync());
        }

        var (type, spanish) = await Ask(null);
        var (_, english) = await Ask("en-GB,en;q=0.9");

        Assert.Equal("text/html", type);
        Assert.StartsWith("<!DOCTYPE html>", spanish, StringComparison.Ordinal);
        Assert.Contains("<section class=\"scan-result scan-invalid\" lang=\"es\"", spanish, StringComparison.Ordinal);
        Assert.Contains("action=\"/scan\"", spanish, StringComparison.Ordinal);
        Assert.Contains("<h2>Acta no válida</h2>", System.Net.WebUtility.HtmlDecode(spanish), StringComparison.Ordinal);
        Assert.Contains("<h2>Invalid acta</h2>", english, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", spanish, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A read-only stream of <c>length</c> zero bytes that counts how much was read from it.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        private long _position;

        public long BytesRead => Interlocked.Read(ref _position);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            Interlocked.Add(ref _position, n);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
