using Huella.Elections.Actas;
using Huella.Elections.Central;

namespace Huella.Elections.Tests;

/// <summary>The archive's stored codes are pinned: every member has one, each reads back, and the codes central has always written do not change.</summary>
public sealed class ArchiveCodesTests
{
    [Fact]
    public void Every_status_and_verdict_has_a_code_that_reads_back()
    {
        foreach (var status in Enum.GetValues<IngestStatus>())
        {
            Assert.Equal(status, ArchiveCodes.StatusOf(ArchiveCodes.Of(status)));
        }

        foreach (var verdict in Enum.GetValues<ActaVerdict>())
        {
            Assert.Equal(verdict, ArchiveCodes.VerdictOf(ArchiveCodes.Of(verdict)));
        }
    }

    [Fact]
    public void The_codes_in_stored_archives_keep_their_meaning()
    {
        Assert.Equal(IngestStatus.Accepted, ArchiveCodes.StatusOf("Accepted"));
        Assert.Equal(IngestStatus.Conflicting, ArchiveCodes.StatusOf("Conflicting"));
        Assert.Equal(IngestStatus.Rejected, ArchiveCodes.StatusOf("Rejected"));
        Assert.Equal(ActaVerdict.BadSignature, ArchiveCodes.VerdictOf("BadSignature"));
        Assert.Equal(ActaVerdict.MissingCountersignatures, ArchiveCodes.VerdictOf("MissingCountersignatures"));
        Assert.Throws<ElectionDataException>(() => ArchiveCodes.StatusOf("accepted"));
        Assert.Throws<ElectionDataException>(() => ArchiveCodes.VerdictOf("Forged"));
    }
}
