namespace Huella.Server.Auth;

/// <summary>The roles an API key can hold; each endpoint group requires one (admin passes everywhere).</summary>
public static class Roles
{
    public const string Enroller = "enroller";
    public const string Verifier = "verifier";
    public const string Adjudicator = "adjudicator";
    public const string Auditor = "auditor";
    public const string Admin = "admin";
    public const string Station = "station";
    public const string Observer = "observer";

    public static readonly string[] All = [Enroller, Verifier, Adjudicator, Auditor, Admin, Station, Observer];
}
