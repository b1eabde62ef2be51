using System.Collections.Immutable;
using Huella.Biometrics;

namespace Huella.Elections.Station;

/// <summary>One elector on a mesa's roll: the cédula and the fingerprint templates on file (possibly none).</summary>
public sealed record ElectorEntry(string Cedula, ImmutableArray<FingerprintTemplate> Fingerprints);
