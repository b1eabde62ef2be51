namespace Huella.Server.Forensics;

/// <summary>The language of the forensics page and its plots; Spanish is the portal's default.</summary>
public enum ForensicsLanguage
{
    Spanish,
    English,
}
