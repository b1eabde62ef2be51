using System.Net.Http.Json;
using System.Text.Json;
using Huella.Server.Auth;
using Microsoft.Data.Sqlite;

namespace Huella.Server.Tests;

/// <summary>Someone with write access to the registry's database alters a template and deletes the last audit entry: the server says so.</summary>
public sealed class RegistryIntegrityTests
{
    [Fact]
    public async Task A_tampered_template_and_a_deleted_audit_entry_show_in_stats_and_audit()
    {
        await using var server = await TestRegistry.StartAsync();
        using var enroller = ServerKeys.Client(server.Address, Roles.Enroller);
        using var admin = ServerKeys.Client(server.Address, Roles.Admin);
        var first = await (await enroller.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-30500001", ServerKeys.Finger(2, 101, 1)))).Content.ReadFromJsonAsync<JsonElement>();
        await enroller.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-30500002", ServerKeys.Finger(2, 102, 1)));
        var intact = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit");
        Assert.Equal("Anchored", intact.GetProperty("anchorState").GetString());

        var tampered = first.GetProperty("personId").GetString()!;
        await using (var connection = new SqliteConnection($"Data Source={server.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE fingers SET template = zeroblob(64) WHERE person_id = $p; DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)";
            command.Parameters.AddWithValue("$p", tampered);
            await command.ExecuteNonQueryAsync();
        }

        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit");
        Assert.True(audit.GetProperty("chainIntact").GetBoolean());
        Assert.Equal("Truncated", audit.GetProperty("anchorState").GetString());

        var stats = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/stats");
        var unreadable = Assert.Single(stats.GetProperty("unreadableFingers").EnumerateArray());
        Assert.StartsWith($"person {tampered} finger 2", unreadable.GetString(), StringComparison.Ordinal);
        Assert.False(stats.GetProperty("indexMatchesStore").GetBoolean());
    }
}
