using System.Globalization;
using System.Security.Cryptography;
using Huella.Crypto;
using Huella.Elections.Geography;

namespace Huella.Research.Simulation;

/// <summary>Where the demo put what `huella station` needs to run a mesa by hand.</summary>
public sealed record DemoStationFolders(string Kits, string MemberPins);

/// <summary>
/// Writes each machine's kit and each mesa member's key file, every one at mode 0600 and none
/// holding another's secret: the kit has the machine's keys only; each member's file holds that
/// member's key sealed with their own random six-digit PIN. The PINs go to a folder of their own,
/// standing for the envelopes handed to members; a real election never stores them beside the files.
/// </summary>
internal static class DemoStationFiles
{
    public static DemoStationFolders Write(string folder, string electionId, IReadOnlyList<MesaId> mesas, DemoKeys keys, PassphraseCost cost)
    {
        var kits = Directory.CreateDirectory(Path.Combine(folder, "stations")).FullName;
        var pins = Directory.CreateDirectory(Path.Combine(folder, "member-pins")).FullName;
        Parallel.For(0, mesas.Count, m =>
        {
            var mesa = mesas[m];
            SecretFile.WriteAllText(Path.Combine(kits, $"{mesa}.kit.json"), keys.KitJson(electionId, mesa));
            foreach (var member in new[] { DemoKeys.President, DemoKeys.Secretary })
            {
                var pin = RandomNumberGenerator.GetInt32(1_000_000).ToString("D6", CultureInfo.InvariantCulture);
                SecretFile.WriteAllText(Path.Combine(kits, $"{mesa}.{member}.key"), keys.MemberFile(electionId, mesa, member, pin, cost));
                SecretFile.WriteAllText(Path.Combine(pins, $"{mesa}.{member}.pin"), pin);
            }
        });
        return new DemoStationFolders(kits, pins);
    }
}
