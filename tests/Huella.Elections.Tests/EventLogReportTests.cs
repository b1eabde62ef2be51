using System.Text;
using System.Text.Json.Nodes;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Geography;
using Huella.Elections.Reporting;

namespace Huella.Elections.Tests;

public sealed class EventLogReportTests
{
    private static readonly DateTimeOffset Generated = new(2026, 7, 28, 20, 0, 0, TimeSpan.Zero);
    private static readonly MesaId Mesa = new(CentreCode.Parse("010101001"), 1);

    private static readonly string[] Lines =
    [
        "2026-07-28T06:00:00.0000000+00:00 open mesa 010101001.01 electors=3",
        "2026-07-28T06:05:00.1234567+00:00 authenticate V-1 Verified attempt=1 score=0.4100",
        "2026-07-28T06:06:00.0000000+00:00 authenticate V-2 TryAgain attempt=1 score=0.0100",
        "2026-07-28T06:07:00.0000000+00:00 authenticate V-2 AllowedNoFingerprint attempt=1 score=0.0000",
        "2026-07-28T18:00:00.0000000+00:00 close mesa 010101001.01 admitted=2 ballots=2",
    ];

    [Fact]
    public void A_station_log_becomes_one_device_whose_events_carry_the_hash_chain()
    {
        var log = JsonNode.Parse(EventLogReport.FromStationLog("E-1", Mesa, Lines, Generated))!;
        Assert.Equal(("EventLogging.ElectionEventLog", "E-1", "2026-07-28T20:00:00+00:00"), ((string?)log["@type"], (string?)log["ElectionId"], (string?)log["GeneratedTime"]));
        var device = log["Device"]![0]!;
        Assert.Equal(("EventLogging.Device", "station-010101001.01", "electronic-poll-book", "sha-256"), ((string?)device["@type"], (string?)device["Id"], (string?)device["Type"], (string?)device["HashType"]));
        var events = device["Event"]!.AsArray();
        Assert.Equal(["1", "2", "3", "4", "5"], events.Select(e => (string?)e!["Sequence"]));
        Assert.Equal(["open", "authenticate", "authenticate", "authenticate", "close"], events.Select(e => (string?)e!["Type"]));
        Assert.Equal(["success", "success", "failure", "success", "success"], events.Select(e => (string?)e!["Disposition"]));
        Assert.Equal("2026-07-28T06:05:00.123+00:00", (string?)events[1]!["TimeStamp"]);
        Assert.Equal(Convert.ToHexStringLower(HashChain.Head(Lines.Select(Encoding.UTF8.GetBytes))), (string?)events[^1]!["Hash"]);
        Assert.All(events, e => Assert.Equal(["@type", "Id", "Sequence", "TimeStamp", "Type", "Disposition", "Details", "Hash"], e!.AsObject().Select(p => p.Key)));
    }

    [Fact]
    public void A_log_line_without_a_time_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => EventLogReport.FromStationLog("E-1", Mesa, [Lines[0], "authenticate V-1 Verified"], Generated));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Central_archive_rows_are_events_in_the_order_received_with_refusals_as_failures()
    {
        Assert.True(MesaId.TryParse("010101001.01", out var mesa));
        ArchivedActa[] archive =
        [
            new("bb", mesa, IngestStatus.Accepted, ActaVerdict.Valid, "signed", DateTimeOffset.FromUnixTimeMilliseconds(2_000), [1, 2, 3], Sender: "station-1"),
            new("aa", mesa, IngestStatus.Rejected, ActaVerdict.BadSignature, "altered", DateTimeOffset.FromUnixTimeMilliseconds(1_000), [9], Sender: "station-1"),
            new("cc", mesa, IngestStatus.Conflicting, ActaVerdict.Valid, "second acta", DateTimeOffset.FromUnixTimeMilliseconds(3_000), [4]),
        ];
        var events = JsonNode.Parse(EventLogReport.FromCentralArchive("E-1", archive, Generated))!["Device"]![0]!["Event"]!.AsArray();
        Assert.Equal(["aa", "bb", "cc"], events.Select(e => (string?)e!["Hash"]));
        Assert.Equal(["acta-rejected", "acta-accepted", "acta-conflicting"], events.Select(e => (string?)e!["Type"]));
        Assert.Equal(["failure", "success", "failure"], events.Select(e => (string?)e!["Disposition"]));
        Assert.Equal("1970-01-01T00:00:01.000+00:00", (string?)events[0]!["TimeStamp"]);
    }
}
