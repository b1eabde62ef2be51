using Huella.Testing;

namespace Huella.Cli.Tests;

public sealed class ActasCommandTests
{
    private static readonly string Csv = SharedData.PathOf("elections", "ve-2024", "RESULTADOS_2024_CSV_V1.csv");
    private static readonly string Qr = SharedData.PathOf("elections", "ve-2024", "acta-qr-payloads.txt");

    [Fact]
    public void Import_prints_the_national_totals_and_the_qr_check()
    {
        var (exitCode, output, _) = CliRunner.Run("actas", "import", "--csv", Csv, "--qr", Qr);
        Assert.Equal(0, exitCode);
        Assert.Contains("Edmundo González Urrutia        7,156,462  67.14 %", output, StringComparison.Ordinal);
        Assert.Contains("Nicolás Maduro Moros            3,241,461  30.41 %", output, StringComparison.Ordinal);
        Assert.Contains("valid                          10,659,128", output, StringComparison.Ordinal);
        Assert.Contains("QR check: 19 payloads, 19 agree with the table, 0 disagree", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_err_export_is_valid_nist_v2_and_a_partial_count_of_the_30026_mesas()
    {
        var report = Path.Combine(Directory.CreateTempSubdirectory("huella-err-").FullName, "ve-2024.err.json");
        var (exitCode, output, _) = CliRunner.Run("actas", "import", "--csv", Csv, "--qr", Qr, "--err", report);
        Assert.Equal(0, exitCode);
        Assert.Contains(report, output, StringComparison.Ordinal);
        var json = File.ReadAllText(report);
        Assert.Empty(ErrSchema.Errors(json));
        var nation = System.Text.Json.Nodes.JsonNode.Parse(json)!["GpUnit"]![0]!;
        Assert.Equal(("ru-nation", 30_026, 24_532), ((string?)nation["@id"], (int)nation["TotalSubUnits"]!, (int)nation["SubUnitsReported"]!));
        Assert.Contains("\"Status\": \"unofficial-partial\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_payload_is_reported_and_fails_the_command()
    {
        var lines = File.ReadAllLines(Qr);
        lines[0] = lines[0].Replace("!87,", "!97,", StringComparison.Ordinal); // ten more PSUV votes in the first acta
        var tampered = Path.Combine(Directory.CreateTempSubdirectory("huella-qr-").FullName, "payloads.txt");
        File.WriteAllLines(tampered, lines);

        var (exitCode, output, _) = CliRunner.Run("actas", "import", "--csv", Csv, "--qr", tampered);
        Assert.Equal(1, exitCode);
        Assert.Contains("discrepancy: mesa 040202001.01 NM: QR 124, table 114", output, StringComparison.Ordinal);
        Assert.Contains("18 agree with the table, 1 disagree", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Totals_by_state_are_listed()
    {
        var (exitCode, output, _) = CliRunner.Run("actas", "import", "--csv", Csv, "--qr", Qr, "--by", "State");
        Assert.Equal(0, exitCode);
        Assert.Contains("DTTO. CAPITAL (1)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_table_is_a_clear_error()
    {
        var (exitCode, _, error) = CliRunner.Run("actas", "import", "--csv", "/nonexistent/table.csv");
        Assert.Equal(2, exitCode);
        Assert.Contains("huella actas import:", error, StringComparison.Ordinal);
    }
}
