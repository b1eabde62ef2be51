using System.Security.Cryptography;
using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Contests;
using Huella.Elections.Geography;

namespace Huella.Elections.Scan;

/// <summary>Central's own archive, in-process: the version central counted for the mesa and contest.</summary>
public sealed class ArchivePublishedActas(ActaArchive archive, IReadOnlyList<BallotContest> contests) : IPublishedActas
{
    public string Name => "central's archive";

    public BallotContest? Ballot(int contest) => (uint)contest < (uint)contests.Count ? contests[contest] : null;

    public async Task<PublishedActa?> FindAsync(MesaId mesa, int contest, CancellationToken cancellationToken = default)
    {
        var versions = await archive.ReadMesaAsync(mesa, cancellationToken).ConfigureAwait(false);
        var counted = versions.FirstOrDefault(v => v.Contest == contest && v.Status == IngestStatus.Accepted);
        return counted is not null && SignedActa.TryDecode(counted.Bytes, out var signed, out _)
            ? new PublishedActa(mesa, contest, ActaNumbers.Of(signed!.Acta, Ballot(contest)), Convert.ToHexStringLower(SHA256.HashData(signed.Body.AsSpan())))
            : null;
    }
}
