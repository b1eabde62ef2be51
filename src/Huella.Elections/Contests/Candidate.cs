namespace Huella.Elections.Contests;

/// <summary>A person on the ballot; <paramref name="Code"/> is the short code results tables use.</summary>
public sealed record Candidate(string Code, string Name);

/// <summary>A party card (tarjeta): one cell on the ballot, backing one candidate.</summary>
public sealed record PartyCard(string Party, int CandidateIndex);
