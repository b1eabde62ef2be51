namespace Huella.Fuzz;

/// <summary>A parser answered without error but broke its own contract (a canonical form, a try-pattern).</summary>
internal sealed class FuzzOracleException(string message) : Exception(message);
