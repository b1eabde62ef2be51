using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Huella.Elections.Forensics;

/// <summary>The report as JSON: every figure the page and the summary show, and the fingerprint grids.</summary>
public static class ForensicsJson
{
    public static string Write(ForensicsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) }))
        {
            json.WriteStartObject();
            json.WriteString("contest", report.Contest);
            json.WriteNumber("mesas", report.Mesas);
            json.WriteNumber("centres", report.Centres);
            json.WriteNumber("electors", report.Electors);
            json.WriteNumber("ballots", report.Ballots);
            json.WriteNumber("validVotes", report.ValidVotes);
            json.WriteNumber("turnout", report.Turnout);
            json.WriteStartObject("winner");
            json.WriteString("code", report.Winner);
            json.WriteString("name", report.WinnerName);
            json.WriteNumber("share", report.WinnerShare);
            json.WriteEndObject();
            json.WriteStartObject("runnerUp");
            json.WriteString("code", report.RunnerUp);
            json.WriteString("name", report.RunnerUpName);
            json.WriteNumber("share", report.RunnerUpShare);
            json.WriteEndObject();
            WriteCoverage(json, report.Coverage);
            json.WriteStartArray("fingerprints");
            foreach (var f in report.Fingerprints)
            {
                WriteFingerprint(json, f);
            }

            json.WriteEndArray();
            WriteDigits(json, report.Digits);
            json.WriteStartArray("outliers");
            foreach (var o in report.Outliers)
            {
                WriteOutliers(json, o);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteCoverage(Utf8JsonWriter json, Coverage coverage)
    {
        json.WriteStartObject("coverage");
        json.WriteNumber("mesas", coverage.Mesas);
        json.WriteNumber("centres", coverage.Centres);
        json.WriteNumber("nationalMesas", coverage.NationalMesas);
        json.WriteString("nationalMesasSource", coverage.NationalMesasSource);
        json.WriteNumber("missing", coverage.Missing);
        json.WriteNumber("fraction", coverage.Fraction);
        json.WriteNumber("mesaNumberGaps", coverage.MesaNumberGaps);
        json.WriteStartArray("states");
        foreach (var s in coverage.States)
        {
            json.WriteStartObject();
            json.WriteNumber("code", s.Code);
            json.WriteString("name", s.Name);
            json.WriteNumber("mesas", s.Mesas);
            json.WriteNumber("centres", s.Centres);
            json.WriteNumber("electors", s.Electors);
            json.WriteNumber("mesaNumberGaps", s.MesaNumberGaps);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFingerprint(Utf8JsonWriter json, Fingerprint f)
    {
        json.WriteStartObject();
        json.WriteString("candidate", f.Candidate);
        json.WriteString("level", f.Level.ToString());
        json.WriteNumber("units", f.Units);
        json.WriteNumber("medianTurnout", f.MedianTurnout);
        json.WriteNumber("medianShare", f.MedianShare);
        json.WriteNumber("correlation", f.Correlation);
        json.WriteNumber("correlationPValue", f.CorrelationPValue);
        json.WriteNumber("cornerThreshold", f.CornerThreshold);
        json.WriteNumber("cornerUnits", f.CornerUnits);
        json.WriteNumber("jointOutlierZ", f.JointOutlierZ);
        json.WriteNumber("jointOutliers", f.JointOutliers);
        json.WriteNumber("bins", f.Bins);
        json.WriteStartArray("counts"); // one array per turnout bin, each over the share bins
        for (var t = 0; t < f.Bins; t++)
        {
            json.WriteStartArray();
            for (var s = 0; s < f.Bins; s++)
            {
                json.WriteNumberValue(f[t, s]);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteDigits(Utf8JsonWriter json, DigitSummary digits)
    {
        json.WriteStartObject("digits");
        json.WriteNumber("lastDigitThreshold", digits.LastDigitThreshold);
        json.WriteNumber("secondDigitThreshold", digits.SecondDigitThreshold);
        json.WriteStartArray("candidates");
        foreach (var c in digits.Candidates)
        {
            json.WriteStartObject();
            json.WriteString("code", c.Code);
            json.WriteString("name", c.Name);
            WriteTest(json, "lastDigit", c.LastDigit);
            WriteTest(json, "secondDigit", c.SecondDigit);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTest(Utf8JsonWriter json, string name, ChiSquareTest test)
    {
        json.WriteStartObject(name);
        json.WriteNumber("count", test.Count);
        json.WriteNumber("chiSquare", test.Statistic);
        json.WriteNumber("degreesOfFreedom", test.DegreesOfFreedom);
        json.WriteNumber("pValue", test.PValue);
        json.WriteBoolean("sufficient", test.Sufficient);
        json.WriteStartArray("observed");
        foreach (var o in test.Observed)
        {
            json.WriteNumberValue(o);
        }

        json.WriteEndArray();
        json.WriteStartArray("expectedShares");
        foreach (var e in test.ExpectedShares)
        {
            json.WriteNumberValue(e);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteOutliers(Utf8JsonWriter json, CentreOutliers o)
    {
        json.WriteStartObject();
        json.WriteString("within", o.Within.ToString());
        json.WriteNumber("minimumGroup", o.MinimumGroup);
        json.WriteNumber("minimumScale", o.MinimumScale);
        json.WriteNumber("groups", o.Groups);
        json.WriteNumber("centresScored", o.CentresScored);
        json.WriteNumber("threshold", o.Threshold);
        json.WriteNumber("beyond", o.Beyond);
        json.WriteStartArray("mostExtreme");
        foreach (var c in o.MostExtreme)
        {
            json.WriteStartObject();
            json.WriteString("centre", c.Centre.ToString());
            json.WriteString("state", c.State);
            json.WriteString("municipality", c.Municipality);
            json.WriteString("parish", c.Parish);
            json.WriteNumber("groupCentres", c.GroupCentres);
            json.WriteNumber("mesas", c.Mesas);
            json.WriteNumber("electors", c.Electors);
            json.WriteNumber("turnout", c.Turnout);
            json.WriteNumber("winnerShare", c.WinnerShare);
            WriteNullable(json, "turnoutZ", c.TurnoutZ);
            WriteNullable(json, "winnerShareZ", c.WinnerShareZ);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
