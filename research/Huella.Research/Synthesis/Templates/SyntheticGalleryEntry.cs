using Huella.Biometrics;

namespace Huella.Research.Synthesis.Templates;

/// <summary>
/// One record of a gallery file: its position (<see cref="Id"/>, from 0), the template, and for a
/// mated impression the id of the record it is another impression of.
/// </summary>
public readonly record struct SyntheticGalleryEntry(int Id, FingerprintTemplate Template, int? MateOf);

/// <summary>What a gallery file's header says: the seed it was made with, its records, how many are mated impressions.</summary>
public readonly record struct SyntheticGalleryHeader(int Seed, int Count, int Mated);

/// <summary>
/// One record of a gallery file with its template still as bytes (<see cref="FingerprintTemplate.ToBytes"/>),
/// for callers that parse in parallel: parsing prepares the template for matching and costs far
/// more than reading the file.
/// </summary>
public readonly record struct SyntheticGalleryRecord(int Id, ReadOnlyMemory<byte> Template, int? MateOf);
