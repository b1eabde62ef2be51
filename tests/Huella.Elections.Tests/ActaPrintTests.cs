using Huella.Biometrics.Imaging;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Contests;
using Huella.Elections.Printing;

namespace Huella.Elections.Tests;

/// <summary>The printed acta, checked the way a witness checks it: from the picture of the page, not from the file.</summary>
public sealed class ActaPrintTests : IDisposable
{
    private readonly SigningKey _machine = SigningKey.Generate();
    private readonly SigningKey _president = SigningKey.Generate();
    private readonly SigningKey _secretary = SigningKey.Generate();
    private readonly SignedActa _signed;
    private readonly PublishedKeys _keys;

    public ActaPrintTests()
    {
        var acta = ActaTests.RealisticActa();
        _signed = SignedActa.SignByMachine(acta, _machine).Countersign(_president).Countersign(_secretary);
        _keys = new PublishedKeys(acta.ElectionId,
        [
            new(acta.Mesa, SignerRole.Machine, _machine.PublicKey, "Máquina 040202001.01"),
            new(acta.Mesa, SignerRole.Member, _president.PublicKey, "Presidenta de mesa"),
            new(acta.Mesa, SignerRole.Member, _secretary.PublicKey, "Secretario de mesa"),
        ], requiredCountersignatures: 2);
    }

    private ActaPrintOptions Options(double dpi = 150) => new() { Contest = Venezuela2024.Presidential, Keys = _keys, Dpi = dpi };

    [Theory]
    [InlineData(150)]
    [InlineData(100)]
    public void The_qr_read_from_the_printed_page_image_verifies(double dpi)
    {
        var png = ActaPrint.RenderPng(_signed, Options(dpi));
        var page = ImageDecoder.Decode(png);
        Assert.Equal((int)Math.Ceiling(PrintedPageWidthInches * dpi), page.Width);

        var payload = ActaQr.Read(page.Pixels.ToArray(), page.Width, page.Height);
        Assert.NotNull(payload);
        Assert.Equal(_signed.Encode(), payload);
        var check = ActaVerifier.Verify(payload, _keys);
        Assert.Equal(ActaVerdict.Valid, check.Verdict);
        Assert.True(check.Acta!.SameAs(_signed.Acta));
    }

    [Fact]
    public void Every_one_of_a_hundred_actas_reads_back_from_its_qr()
    {
        // ZXing's single-symbol detector alone misses about 1 in 25 of these perfect symbols; the
        // reader must not. Fixed seeds keep the hundred symbols the same from run to run.
        var unread = new List<int>();
        for (var i = 0; i < 100; i++)
        {
            using var machine = SigningKey.FromSeed(Seed(i, 0));
            using var president = SigningKey.FromSeed(Seed(i, 1));
            using var secretary = SigningKey.FromSeed(Seed(i, 2));
            var encoded = SignedActa.SignByMachine(ActaTests.RealisticActa(), machine).Countersign(president).Countersign(secretary).Encode();
            var (pixels, size) = ActaQr.Render(ActaQr.Modules(encoded), scale: 4);
            if (ActaQr.Read(pixels, size, size) is not { } read || !read.AsSpan().SequenceEqual(encoded))
            {
                unread.Add(i);
            }
        }

        Assert.Empty(unread);
        static byte[] Seed(int acta, int signer) => System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes((acta * 3) + signer));
    }

    [Fact]
    public void A_phone_photo_of_the_page_still_reads_blurred_shrunk_and_greyed()
    {
        var page = ActaPrint.RenderImage(_signed, Options(200));
        var photo = Photo(page, shrink: 2);
        var payload = ActaQr.Read(photo.Pixels.ToArray(), photo.Width, photo.Height);
        Assert.NotNull(payload);
        Assert.Equal(ActaVerdict.Valid, ActaVerifier.Verify(payload, _keys).Verdict);
    }

    [Fact]
    public void The_page_prints_every_number_of_the_acta()
    {
        var acta = _signed.Acta;
        var texts = Texts(ActaLayout.Build(_signed, Options()));
        Assert.Contains("ACTA DE ESCRUTINIO", texts);
        Assert.Contains("Mesa 040202001.01", texts);
        Assert.Contains(texts, t => t.Contains("Estado 04 · Municipio 02 · Parroquia 02 · Centro 001", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Cierre 2024-07-28 23:00:00 UTC", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains(_machine.PublicKey.Fingerprint, StringComparison.Ordinal));
        Assert.Contains(_president.PublicKey.Fingerprint, texts);
        Assert.Contains(_secretary.PublicKey.Fingerprint, texts);
        Assert.Contains("Presidenta de mesa", texts);

        // Every card with its count, each candidate's sum, and every total on the acta.
        foreach (var card in Venezuela2024.Presidential.Cards)
        {
            Assert.Contains(card.Party, texts);
        }

        Assert.Contains("Edmundo González Urrutia", texts);
        Assert.Contains("357", texts); // González: UNTC 5 + MPV 20 + MUD 332
        foreach (var n in new[] { acta.RegisteredElectors, acta.ElectorsAuthenticated, acta.BallotsCast, acta.NullVotes })
        {
            Assert.Contains(n.ToString(System.Globalization.CultureInfo.InvariantCulture), texts);
        }

        Assert.Contains(ActaPrint.IncidentName(IncidentKind.NoMatch), texts);
        var head = Convert.ToHexStringLower(acta.LogHead.AsSpan());
        Assert.Contains(head[..32], texts);
        Assert.Contains(head[32..], texts);
    }

    [Fact]
    public void The_text_is_drawn_on_the_png_not_only_the_qr()
    {
        var page = ActaPrint.RenderImage(_signed, Options(100));

        // The card table sits in the left half between the header and the footer, away from the QR.
        var dark = 0;
        for (var y = 130 * 100 / 72; y < 560 * 100 / 72; y++)
        {
            foreach (var p in page.Row(y)[(40 * 100 / 72)..(300 * 100 / 72)])
            {
                dark += p < 128 ? 1 : 0;
            }
        }

        Assert.True(dark > 5_000, $"only {dark} dark pixels where 38 rows of the card table should be");
    }

    [Fact]
    public void The_pdf_is_well_formed_one_page_and_its_qr_image_holds_the_signed_acta()
    {
        var pdf = new PdfStructure(ActaPrint.RenderPdf(_signed, Options()));
        var pages = pdf.Pages();
        Assert.Single(pages);
        Assert.Contains("/MediaBox [0 0 595.28 841.89]", pdf.Object(pages[0]), StringComparison.Ordinal);

        var content = pdf.Content(pages[0]);
        Assert.Contains("(ACTA DE ESCRUTINIO) Tj", content, StringComparison.Ordinal);
        Assert.Contains("(Votos v\\341lidos) Tj", content, StringComparison.Ordinal); // á as WinAnsi 0xE1
        Assert.Contains("(Edmundo Gonz\\341lez Urrutia) Tj", content, StringComparison.Ordinal);

        var image = Assert.Single(pdf.Images(pages[0]));
        var dictionary = pdf.Object(image);
        Assert.Contains("/Subtype /Image", dictionary, StringComparison.Ordinal);
        Assert.Contains("/ColorSpace /DeviceGray /BitsPerComponent 8", dictionary, StringComparison.Ordinal);
        var size = PdfStructure.Integer(dictionary, "Width");
        Assert.Equal(size, PdfStructure.Integer(dictionary, "Height"));
        var pixels = pdf.Stream(image);
        Assert.Equal(size * size, pixels.Length);

        // A viewer scales the one-pixel modules up; do the same, then read it as a phone would.
        const int Scale = 4;
        var big = new byte[size * Scale * size * Scale];
        for (var y = 0; y < size * Scale; y++)
        {
            for (var x = 0; x < size * Scale; x++)
            {
                big[(y * size * Scale) + x] = pixels[(y / Scale * size) + (x / Scale)];
            }
        }

        var payload = ActaQr.Read(big, size * Scale, size * Scale);
        Assert.Equal(_signed.Encode(), payload);
        Assert.Equal(ActaVerdict.Valid, ActaVerifier.Verify(payload, _keys).Verdict);
    }

    [Fact]
    public void Without_a_contest_cards_print_by_number_and_an_opening_acta_says_so()
    {
        var opening = _signed.Acta with
        {
            Kind = ActaKind.Opening,
            CardVotes = [0, 0, 0],
            NullVotes = 0,
            BallotsCast = 0,
            ElectorsAuthenticated = 0,
        };
        var texts = Texts(ActaLayout.Build(SignedActa.SignByMachine(opening, _machine), new ActaPrintOptions()));
        Assert.Contains("ACTA DE INICIALIZACIÓN", texts);
        Assert.Contains("Tarjeta 3", texts);
        Assert.DoesNotContain("Votos por candidato", texts);
        Assert.Throws<ArgumentException>(() => ActaPrint.RenderPdf(SignedActa.SignByMachine(opening, _machine), Options()));
    }

    [Fact]
    public void Two_hundred_cards_still_fit_one_page_above_the_qr()
    {
        var cards = Enumerable.Range(0, 200).Select(i => i % 3).ToArray();
        var acta = _signed.Acta with
        {
            ElectionId = new string('E', 64),
            CardVotes = [.. cards],
            BallotsCast = cards.Sum() + 1,
            ElectorsAuthenticated = cards.Sum() + 1,
            RegisteredElectors = 1000,
        };
        var page = ActaLayout.Build(SignedActa.SignByMachine(acta, _machine), new ActaPrintOptions());
        var rows = page.Items.OfType<TextItem>().Where(t => t.Text.StartsWith("Tarjeta ", StringComparison.Ordinal)).ToList();
        Assert.Equal(200, rows.Count);
        Assert.All(rows, r => Assert.InRange(r.Y, 120, 585));
        Assert.All(page.Items.OfType<TextItem>(), t => Assert.True(t.Align != TextAlign.Left || t.X + PdfFonts.Measure(t.Text, t.Face, t.Size) <= PrintedPage.A4Width - 39, t.Text));
    }

    private const double PrintedPageWidthInches = PrintedPage.A4Width / 72;

    private static List<string> Texts(PrintedPage page) => [.. page.Items.OfType<TextItem>().Select(t => t.Text)];

    /// <summary>What a phone gives: the page shrunk by a box filter (blur), contrast squeezed to grey paper and grey ink.</summary>
    private static GrayImage Photo(GrayImage page, int shrink)
    {
        var width = page.Width / shrink;
        var height = page.Height / shrink;
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var sum = 0;
                for (var dy = 0; dy < shrink; dy++)
                {
                    for (var dx = 0; dx < shrink; dx++)
                    {
                        sum += page[(x * shrink) + dx, (y * shrink) + dy];
                    }
                }

                pixels[(y * width) + x] = (byte)(60 + (sum / (shrink * shrink) * 130 / 255));
            }
        }

        return new GrayImage(width, height, pixels);
    }

    public void Dispose()
    {
        _machine.Dispose();
        _president.Dispose();
        _secretary.Dispose();
    }
}
