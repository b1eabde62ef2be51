namespace Huella.Identity.Storage;

/// <summary>
/// The registry's tables, one numbered step per schema version; <c>{B}</c> is the engine's binary
/// type and <c>{NotRemoved}</c> the condition from <see cref="StoredCodes"/>.
/// </summary>
internal static class RegistrySchema
{
    public const string StoreName = "registry";

    private static readonly string[] Steps =
    [
        """
        CREATE TABLE persons (
          id TEXT PRIMARY KEY,
          cedula TEXT NULL,
          status INTEGER NOT NULL,
          given_names TEXT NULL,
          family_names TEXT NULL,
          birth_date TEXT NULL,
          sex INTEGER NULL,
          address_line TEXT NULL,
          geography_code TEXT NULL,
          created_at TEXT NOT NULL);
        CREATE UNIQUE INDEX persons_live_cedula ON persons (cedula) WHERE {NotRemoved};
        CREATE TABLE fingers (
          person_id TEXT NOT NULL REFERENCES persons (id),
          position INTEGER NOT NULL,
          key_id TEXT NOT NULL,
          template {B} NOT NULL,
          quality INTEGER NOT NULL,
          captured_at TEXT NOT NULL,
          device TEXT NOT NULL,
          dpi DOUBLE PRECISION NOT NULL,
          PRIMARY KEY (person_id, position));
        CREATE TABLE person_history (
          person_id TEXT NOT NULL REFERENCES persons (id),
          seq INTEGER NOT NULL,
          at TEXT NOT NULL,
          status INTEGER NOT NULL,
          actor TEXT NOT NULL,
          reason TEXT NOT NULL,
          PRIMARY KEY (person_id, seq));
        CREATE TABLE adjudication_cases (
          id TEXT PRIMARY KEY,
          person_id TEXT NOT NULL REFERENCES persons (id),
          candidates TEXT NOT NULL,
          opened_at TEXT NOT NULL,
          state INTEGER NOT NULL,
          decision INTEGER NULL,
          merged_into TEXT NULL,
          resolved_by TEXT NULL,
          resolved_at TEXT NULL);
        CREATE INDEX adjudication_open ON adjudication_cases (state);
        CREATE TABLE audit_log (
          seq BIGINT PRIMARY KEY,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          person_id TEXT NULL,
          detail TEXT NOT NULL,
          hash {B} NOT NULL);
        """,
    ];

    public static IReadOnlyList<string> For(string binaryType) =>
        [.. Steps.Select(s => s.Replace("{B}", binaryType, StringComparison.Ordinal).Replace("{NotRemoved}", StoredCodes.NotRemoved, StringComparison.Ordinal))];
}
