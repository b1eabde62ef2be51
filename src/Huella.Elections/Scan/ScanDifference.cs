namespace Huella.Elections.Scan;

/// <summary>A number on which the photographed acta and the published one disagree.</summary>
public readonly record struct ScanDifference(string Field, long Scanned, long Published);
