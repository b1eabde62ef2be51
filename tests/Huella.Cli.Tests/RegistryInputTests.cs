using System.Globalization;
using System.Text;
using Huella.Testing;

namespace Huella.Cli.Tests;

/// <summary>
/// What the registry verbs do with bad locations and bad manifests: refuse the bad part clearly,
/// keep going with the rest, and never create what was only mistyped.
/// </summary>
public sealed class RegistryInputTests : IDisposable
{
    private const string Header = "cedula,given_names,family_names,birth_date,sex,address,geography_code,position,image\n";
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-cli-registry-input-").FullName;
    private readonly string _fvc = SharedData.PathOf("fingerprints", "fvc2002", "db1b");

    private string Store => "sqlite:" + Path.Combine(_folder, "registry.db");

    private string Keys => Path.Combine(_folder, "registry.keys");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Import_reports_a_print_too_large_for_the_engine_and_enrolls_the_rest()
    {
        var images = ImagesWith("101_1.tif", "102_1.tif");
        File.WriteAllBytes(Path.Combine(images, "large.png"), CliImages.OnLargePage(Path.Combine(_fvc, "103_1.tif")));
        var csv = Csv(("V-101", "101_1.tif"), ("V-103", "large.png"), ("V-102", "102_1.tif"));

        var (exit, output, error) = CliRunner.Run("registry", "import", "--images", images, "--csv", csv, "--store", Store, "--keys", Keys);
        Assert.Equal(1, exit);
        Assert.Contains("imported: 2 enrolled, 0 pending adjudication, 1 rejected", output, StringComparison.Ordinal);
        Assert.Contains("V-103: rejected: finger 2 (RightIndex): the image is larger than the engine accepts", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_reads_no_image_outside_the_images_folder()
    {
        var images = ImagesWith("101_1.tif", "102_1.tif");
        var outside = Path.Combine(_folder, "outside.tif");
        File.Copy(Path.Combine(_fvc, "104_1.tif"), outside);
        File.CreateSymbolicLink(Path.Combine(images, "link.tif"), outside);
        Directory.CreateSymbolicLink(Path.Combine(images, "linked-folder"), _folder);
        var csv = Csv(
            ("V-101", "101_1.tif"),
            ("V-201", "../outside.tif"),
            ("V-202", outside),
            ("V-203", "link.tif"),
            ("V-204", "linked-folder/outside.tif"),
            ("V-205", "./../outside.tif"),
            ("V-102", "102_1.tif"));

        var (exit, output, error) = CliRunner.Run("registry", "import", "--images", images, "--csv", csv, "--store", Store, "--keys", Keys);
        Assert.Equal(1, exit);
        Assert.Contains("imported: 2 enrolled, 0 pending adjudication, 5 rejected", output, StringComparison.Ordinal);
        Assert.Contains("V-201: rejected: image '../outside.tif': must not contain '.' or '..'", error, StringComparison.Ordinal);
        Assert.Contains($"V-202: rejected: image '{outside}': must be a path relative to --images", error, StringComparison.Ordinal);
        Assert.Contains("V-203: rejected: image 'link.tif': is or passes through a symbolic link", error, StringComparison.Ordinal);
        Assert.Contains("V-204: rejected: image 'linked-folder/outside.tif': is or passes through a symbolic link", error, StringComparison.Ordinal);
        Assert.Contains("V-205: rejected", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_whose_folder_does_not_exist_is_refused_and_not_created()
    {
        var missing = Path.Combine(_folder, "no-such-folder", "deeper");
        var (exit, _, error) = CliRunner.Run("registry", "stats", "--store", "sqlite:" + Path.Combine(missing, "x.db"), "--keys", Keys);
        Assert.Equal(2, exit);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "no-such-folder")));
        Assert.False(File.Exists(Keys));
    }

    [Fact]
    public void A_new_store_gets_a_key_ring_but_a_store_with_persons_never_gets_a_new_one()
    {
        var enroll = Enroll("V-101", "101_1.tif", Keys);
        Assert.True(enroll.ExitCode == 0, enroll.Error);
        Assert.Contains("created key ring", enroll.Error, StringComparison.Ordinal);
        var ring = File.ReadAllText(Keys);

        // A mistyped --keys: refused, and nothing is created at the mistyped path.
        var mistyped = Path.Combine(_folder, "registry.kesy");
        var (exit, _, error) = CliRunner.Run("registry", "stats", "--store", Store, "--keys", mistyped);
        Assert.Equal(2, exit);
        Assert.Contains("already holds 1 person(s)", error, StringComparison.Ordinal);
        Assert.False(File.Exists(mistyped));

        // Another store's ring: refused, as it opens none of this store's templates.
        var other = Path.Combine(_folder, "other.keys");
        Assert.Equal(0, CliRunner.Run("registry", "stats", "--store", "sqlite:" + Path.Combine(_folder, "other.db"), "--keys", other).ExitCode);
        var wrong = Enroll("V-102", "102_1.tif", other);
        Assert.True(wrong.ExitCode == 2, wrong.Error);
        Assert.Contains("does not open the templates", wrong.Error, StringComparison.Ordinal);

        // The store and its ring are untouched: the right ring still opens the one person.
        Assert.Equal(ring, File.ReadAllText(Keys));
        var stats = CliRunner.Run("registry", "stats", "--store", Store, "--keys", Keys);
        Assert.Equal(0, stats.ExitCode);
        Assert.Contains("persons: 1 active", stats.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_with_a_folder_or_missing_manifest_is_a_usage_error()
    {
        var images = ImagesWith("101_1.tif");
        CommandFailureTests.AssertOneLine(2, "is a folder", CliRunner.Run("registry", "import", "--images", images, "--csv", images, "--store", Store, "--keys", Keys));
        var csv = Csv(("V-101", "101_1.tif"));
        CommandFailureTests.AssertOneLine(2, "is a file", CliRunner.Run("registry", "import", "--images", Path.Combine(images, "101_1.tif"), "--csv", csv, "--store", Store, "--keys", Keys));
        CommandFailureTests.AssertOneLine(2, "no such file", CliRunner.Run("registry", "import", "--images", images, "--csv", csv + ".missing", "--store", Store, "--keys", Keys));
        CommandFailureTests.AssertOneLine(2, "not a resolution", CliRunner.Run("registry", "import", "--images", images, "--csv", csv, "--dpi", "-1", "--store", Store, "--keys", Keys));
        Assert.False(File.Exists(Keys));
    }

    private (int ExitCode, string Output, string Error) Enroll(string cedula, string image, string keys) =>
        CliRunner.Run("registry", "enroll", "--cedula", cedula, "--given", "Ana", "--family", "Prueba", "--birth", "1990-01-02", "--geo", "01.01.01",
            "--finger", "2=" + Path.Combine(_fvc, image), "--store", Store, "--keys", keys);

    private string ImagesWith(params string[] names)
    {
        var images = Directory.CreateDirectory(Path.Combine(_folder, "images")).FullName;
        foreach (var name in names)
        {
            File.Copy(Path.Combine(_fvc, name), Path.Combine(images, name));
        }

        return images;
    }

    private string Csv(params (string Cedula, string Image)[] rows)
    {
        var csv = new StringBuilder(Header);
        foreach (var (cedula, image) in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{cedula},Persona,Prueba,1980-01-01,F,Calle 1,01.01.01,2,{image}\n");
        }

        var path = Path.Combine(_folder, "identities.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }
}
