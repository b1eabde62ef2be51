using System.Net.Http.Json;
using System.Text.Json;
using Huella.Server.Auth;
using Microsoft.Data.Sqlite;

namespace Huella.Server.Tests;

/// <summary>Someone with write access to the registry's database alters a template and deletes the last audit entry: the server says so.</summary>
public sealed class RegistryIntegrityTests
{
    [Fact]
    public async Task A_tampered_template_and_a_deleted_audit_entry_show_in_the_integrity_check_and_the_audit()
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

        var check = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/integrity");
        Assert.Equal(2, check.GetProperty("fingersChecked").GetInt32());
        var unreadable = Assert.Single(check.GetProperty("unreadableFingers").EnumerateArray());
        Assert.StartsWith($"person {tampered} finger 2", unreadable.GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_that_did_not_open_at_start_up_shows_in_stats_and_stays_out_of_the_index()
    {
        var folder = Directory.CreateTempSubdirectory("huella-integrity-").FullName;
        string tampered;
        string database;
        await using (var server = await TestRegistry.StartAsync(folder: folder))
        {
            using var enroller = ServerKeys.Client(server.Address, Roles.Enroller);
            var first = await (await enroller.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-30500011", ServerKeys.Finger(2, 101, 1)))).Content.ReadFromJsonAsync<JsonElement>();
            await enroller.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-30500012", ServerKeys.Finger(2, 102, 1)));
            tampered = first.GetProperty("personId").GetString()!;
            database = server.DatabasePath;
        }

        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE fingers SET template = zeroblob(64) WHERE person_id = $p";
            command.Parameters.AddWithValue("$p", tampered);
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            await using var restarted = await TestRegistry.StartAsync(folder: folder);
            using var admin = ServerKeys.Client(restarted.Address, Roles.Admin);
            var stats = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/stats");
            var unreadable = Assert.Single(stats.GetProperty("unreadableFingers").EnumerateArray());
            Assert.StartsWith($"person {tampered} finger 2", unreadable.GetString(), StringComparison.Ordinal);
            Assert.Equal((2, 1), (stats.GetProperty("storeFingersInGallery").GetInt32(), stats.GetProperty("indexFingers").GetInt32()));
            Assert.True(stats.GetProperty("indexMatchesStore").GetBoolean());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
