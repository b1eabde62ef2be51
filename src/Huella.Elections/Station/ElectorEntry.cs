using System.Collections.Immutable;
using Huella.Biometrics;
using Huella.Identity;

namespace Huella.Elections.Station;

/// <summary>One elector on a mesa's roll: the cédula and the fingerprint templates on file (possibly none).</summary>
public sealed record ElectorEntry(Cedula Cedula, ImmutableArray<FingerprintTemplate> Fingerprints);
