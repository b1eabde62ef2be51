using Huella.Identity.Storage;

namespace Huella.Identity.Tests;

/// <summary>The enums' integers in the registry's tables are pinned: existing databases hold them.</summary>
public sealed class StoredCodesTests
{
    [Fact]
    public void Every_enum_value_has_its_own_code_and_reads_back_as_itself()
    {
        RoundTrips(StoredCodes.Of, StoredCodes.PersonStatusOf);
        RoundTrips(StoredCodes.Of, StoredCodes.CaseStateOf);
        RoundTrips(StoredCodes.Of, StoredCodes.DecisionOf);
        RoundTrips(StoredCodes.Of, StoredCodes.SexOf);
    }

    [Fact]
    public void The_codes_are_those_existing_databases_hold()
    {
        Assert.Equal(0, StoredCodes.Of(PersonStatus.Active));
        Assert.Equal(1, StoredCodes.Of(PersonStatus.PendingAdjudication));
        Assert.Equal(2, StoredCodes.Of(PersonStatus.Deceased));
        Assert.Equal(3, StoredCodes.Of(PersonStatus.Removed));
        Assert.Equal(0, StoredCodes.Of(CaseState.Open));
        Assert.Equal(1, StoredCodes.Of(CaseState.Resolved));
        Assert.Equal(0, StoredCodes.Of(AdjudicationDecision.Approve));
        Assert.Equal(1, StoredCodes.Of(AdjudicationDecision.Reject));
        Assert.Equal(2, StoredCodes.Of(AdjudicationDecision.Merge));
        Assert.Equal(0, StoredCodes.Of(Sex.Unknown));
        Assert.Equal(1, StoredCodes.Of(Sex.Female));
        Assert.Equal(2, StoredCodes.Of(Sex.Male));
    }

    [Fact]
    public void The_sql_conditions_and_the_schema_name_the_codes_of_the_map()
    {
        Assert.Equal($"status <> {StoredCodes.Of(PersonStatus.Removed)}", StoredCodes.NotRemoved);
        Assert.Equal($"status = {StoredCodes.Of(PersonStatus.Active)}", StoredCodes.IsActive);
        Assert.Equal($"state = {StoredCodes.Of(CaseState.Open)}", StoredCodes.CaseIsOpen);

        // The unique live cédula is enforced by a partial index: its condition must be the same one.
        var schema = string.Concat(RegistrySchema.For("BLOB"));
        Assert.Contains($"ON persons (cedula) WHERE {StoredCodes.NotRemoved};", schema, StringComparison.Ordinal);
        Assert.DoesNotContain("{", schema, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_stored_code_is_refused_not_cast()
    {
        Assert.Throws<RegistryIntegrityException>(() => StoredCodes.PersonStatusOf(4));
        Assert.Throws<RegistryIntegrityException>(() => StoredCodes.CaseStateOf(2));
        Assert.Throws<RegistryIntegrityException>(() => StoredCodes.DecisionOf(-1));
        Assert.Throws<RegistryIntegrityException>(() => StoredCodes.SexOf(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => StoredCodes.Of((PersonStatus)99));
    }

    private static void RoundTrips<T>(Func<T, int> code, Func<int, T> read)
        where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        Assert.Equal(values.Length, values.Select(code).Distinct().Count());
        Assert.All(values, v => Assert.Equal(v, read(code(v))));
    }
}
