namespace Huella.Identity.Storage;

/// <summary>A write refused because it would overwrite or duplicate what the registry holds.</summary>
public sealed class RegistryConflictException(string message) : Exception(message);

/// <summary>A person or adjudication case the registry does not hold.</summary>
public sealed class RegistryNotFoundException(string message) : Exception(message);
