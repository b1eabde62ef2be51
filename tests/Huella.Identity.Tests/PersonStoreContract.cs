using System.Data.Common;
using System.Security.Cryptography;
using Huella.Identity;
using Huella.Identity.Storage;
using Huella.Storage;
using Huella.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Huella.Identity.Tests;

/// <summary>One contract for every person store, run against SQLite and a real PostgreSQL server.</summary>
public abstract class PersonStoreContract : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly KeyRing _keys = KeyRing.Generate();
    private readonly string _anchorFolder = Directory.CreateTempSubdirectory("huella-anchor-").FullName;
    private SqlPersonStore _store = null!;

    protected abstract StoreLocation Location { get; }

    /// <summary>Gives each test an empty store.</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await PrepareAsync();
        _store = SqlPersonStore.Open(Location, _keys, _time, new AuditAnchor(AnchorPath));
        await _store.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_anchorFolder, recursive: true);
    }

    private string AnchorPath => Path.Combine(_anchorFolder, "audit.checkpoints");

    [Fact]
    public async Task A_person_reads_back_as_written_with_templates_opened()
    {
        var person = NewPerson("V-12345678", 1, 2);
        await _store.InsertAsync(person, null, "enroller-1");

        var read = await _store.GetAsync(person.Id);
        Assert.NotNull(read);
        Assert.Equal(person.Cedula, read.Cedula);
        Assert.Equal(person.Demographics, read.Demographics);
        Assert.Equal(PersonStatus.Active, read.Status);
        Assert.Equal(2, read.Fingers.Count);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(person.Fingers[i].Position, read.Fingers[i].Position);
            Assert.Equal(person.Fingers[i].Template.ToArray(), read.Fingers[i].Template.ToArray());
            Assert.Equal(person.Fingers[i].Quality, read.Fingers[i].Quality);
            Assert.Equal(person.Fingers[i].Capture, read.Fingers[i].Capture);
        }

        Assert.Equal(person.History, read.History);
        Assert.Equal(person.Id, (await _store.FindByCedulaAsync(Cedula.Parse("V12.345.678")))?.Id);
    }

    [Fact]
    public async Task Templates_are_sealed_at_rest_and_bound_to_their_owner()
    {
        var person = NewPerson("V-1", 1);
        await _store.InsertAsync(person, null, "enroller-1");
        var plain = person.Fingers[0].Template.ToArray();

        await using var connection = await Location.OpenAsync();
        var stored = (byte[])(await Sql.ScalarAsync(connection, "SELECT template FROM fingers WHERE person_id = @p", ("@p", person.Id.Value)))!;
        Assert.Equal(_keys.CurrentId, await Sql.ScalarAsync(connection, "SELECT key_id FROM fingers WHERE person_id = @p", ("@p", person.Id.Value)));
        Assert.Equal(-1, stored.AsSpan().IndexOf(plain.AsSpan(0, 16)));

        // A sealed template moved onto another person's row must not open as theirs.
        var other = NewPerson("V-2", 2);
        await _store.InsertAsync(other, null, "enroller-1");
        await Sql.ExecuteAsync(connection, "UPDATE fingers SET template = @t WHERE person_id = @p", ("@t", stored), ("@p", other.Id.Value));
        var refused = await Assert.ThrowsAsync<RegistryIntegrityException>(() => _store.GetAsync(other.Id));
        Assert.IsAssignableFrom<CryptographicException>(refused.InnerException);
        Assert.Contains(other.Id.Value, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_template_row_is_named_and_the_rest_of_the_gallery_loads()
    {
        var a = NewPerson("V-1", 1, 2);
        var b = NewPerson("V-2", 1, 6);
        var c = NewPerson("V-3", 1);
        await _store.InsertManyAsync([a, b, c], "importer");

        await using var connection = await Location.OpenAsync();
        var stored = (byte[])(await Sql.ScalarAsync(connection, "SELECT template FROM fingers WHERE person_id = @p AND position = 6", ("@p", b.Id.Value)))!;
        stored[^1] ^= 0x01;
        await Sql.ExecuteAsync(connection, "UPDATE fingers SET template = @t WHERE person_id = @p AND position = 6", ("@t", stored), ("@p", b.Id.Value));

        var unreadable = new List<UnreadableFinger>();
        var gallery = await ToList(_store.ReadGalleryAsync(unreadable.Add));
        Assert.Equal([new UnreadableFinger(b.Id, (FingerPosition)6, unreadable.Single().Reason)], unreadable);
        Assert.Equal(3, gallery.Count);
        Assert.Equal([FingerPosition.RightThumb], gallery.Single(p => p.Id == b.Id).Fingers.Select(f => f.Position));
        Assert.Equal(b.Fingers[0].Template.ToArray(), gallery.Single(p => p.Id == b.Id).Fingers[0].Template.ToArray());
        Assert.Equal(2, gallery.Single(p => p.Id == a.Id).Fingers.Count);

        // Without a place to report it, the strict read names the row instead of failing blindly.
        var strict = await Assert.ThrowsAsync<RegistryIntegrityException>(() => ToList(_store.ReadGalleryAsync()));
        Assert.Contains($"person {b.Id.Value} finger 6", strict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_status_is_stored_as_its_pinned_code_and_only_removed_leaves_searches()
    {
        var person = NewPerson("V-700", 1);
        await _store.InsertAsync(person, null, "enroller-1");

        await using var connection = await Location.OpenAsync();
        foreach (var status in Enum.GetValues<PersonStatus>())
        {
            await _store.SetStatusAsync(person.Id, status, "registrar-1", "test");
            var stored = await Sql.ScalarAsync(connection, "SELECT status FROM persons WHERE id = @p", ("@p", person.Id.Value));
            Assert.Equal(StoredCodes.Of(status), Convert.ToInt32(stored, System.Globalization.CultureInfo.InvariantCulture));
            var searchable = status != PersonStatus.Removed;
            Assert.Equal(searchable, (await ToList(_store.ReadGalleryAsync())).Any(p => p.Id == person.Id));
            Assert.Equal(searchable, await _store.FindByCedulaAsync(Cedula.Parse("V-700")) is not null);
        }
    }

    [Fact]
    public async Task Deleting_the_last_audit_entry_is_caught_by_the_signed_checkpoint()
    {
        Assert.Equal(AuditAnchorState.Empty, (await _store.CheckAuditAnchorAsync()).State);
        var person = NewPerson("V-100", 1);
        await _store.InsertAsync(person, null, "enroller-1");
        await _store.AuditAsync("verifier-9", AuditAction.Verify, person.Id, "match=True");
        var intact = await _store.CheckAuditAnchorAsync();
        Assert.Equal(new AuditAnchorStatus(AuditAnchorState.Anchored, 2, 2, 0), intact);
        Assert.True(intact.IsIntact);

        // The chain alone cannot tell: the remaining entries still link up.
        await using var connection = await Location.OpenAsync();
        await Sql.ExecuteAsync(connection, "DELETE FROM audit_log WHERE seq = 2");
        Assert.Equal(-1, AuditEntry.FirstBrokenLink(await _store.ReadAuditAsync()));
        var truncated = await _store.CheckAuditAnchorAsync();
        Assert.Equal(AuditAnchorState.Truncated, truncated.State);
        Assert.False(truncated.IsIntact);
        Assert.Contains("TRUNCATED", truncated.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rewritten_audit_entry_with_a_recomputed_chain_is_caught_by_the_checkpoint()
    {
        var person = NewPerson("V-100", 1);
        await _store.InsertAsync(person, null, "enroller-1");
        await _store.AuditAsync("verifier-9", AuditAction.Verify, person.Id, "match=True");

        // An insider rewrites the last entry and recomputes its hash: the chain is whole again.
        var log = await _store.ReadAuditAsync();
        var forged = log[1] with { Detail = "match=False" };
        var hash = Huella.Crypto.HashChain.Link(log[0].Hash, forged.CanonicalBytes());
        await using var connection = await Location.OpenAsync();
        await Sql.ExecuteAsync(connection, "UPDATE audit_log SET detail = @d, hash = @h WHERE seq = 2", ("@d", forged.Detail), ("@h", hash));
        Assert.Equal(-1, AuditEntry.FirstBrokenLink(await _store.ReadAuditAsync()));

        Assert.Equal(AuditAnchorState.Rewritten, (await _store.CheckAuditAnchorAsync()).State);
    }

    [Fact]
    public async Task Checkpoints_not_signed_by_the_registry_are_rejected_and_a_lost_anchor_is_reported()
    {
        var person = NewPerson("V-100", 1);
        await _store.InsertAsync(person, null, "enroller-1");

        // A checkpoint vouching for a shorter log, signed with another ring: ignored and counted.
        var log = await _store.ReadAuditAsync();
        var foreign = AuditCheckpoint.Sign(5, log[0].Hash, _time.GetUtcNow(), KeyRing.Generate());
        Assert.True(foreign.Verify());
        await File.AppendAllTextAsync(AnchorPath, foreign.ToJson() + "\nnot json\n");
        Assert.Equal(new AuditAnchorStatus(AuditAnchorState.Anchored, 1, 1, 2), await _store.CheckAuditAnchorAsync());

        // A retired key's checkpoint no further than the log's trusted end is a rotation's history, not a finding.
        var retired = AuditCheckpoint.Sign(1, log[0].Hash, _time.GetUtcNow(), KeyRing.Generate());
        await File.AppendAllTextAsync(AnchorPath, retired.ToJson() + "\n");
        Assert.Equal(2, (await _store.CheckAuditAnchorAsync()).Rejected);

        File.Delete(AnchorPath);
        Assert.Equal(AuditAnchorState.Unanchored, (await _store.CheckAuditAnchorAsync()).State);
    }

    [Fact]
    public async Task A_taken_cedula_or_id_is_refused_and_nothing_is_written()
    {
        var first = NewPerson("E-81234567", 1);
        await _store.InsertAsync(first, null, "enroller-1");
        var auditBefore = (await _store.ReadAuditAsync()).Count;

        await Assert.ThrowsAsync<RegistryConflictException>(() => _store.InsertAsync(NewPerson("E-81234567", 2), null, "enroller-2"));
        await Assert.ThrowsAsync<RegistryConflictException>(() => _store.InsertAsync(first with { Cedula = Cedula.Parse("V-5") }, null, "enroller-2"));

        var counts = await _store.CountAsync();
        Assert.Equal(1, counts.Active);
        Assert.Equal(1, counts.GalleryFingers);
        Assert.Equal(auditBefore, (await _store.ReadAuditAsync()).Count);
    }

    [Fact]
    public async Task A_write_that_fails_half_way_leaves_nothing_behind()
    {
        var bad = NewPerson("V-777", 1) with { Fingers = [NewPerson("V-777", 1).Fingers[0], NewFinger((FingerPosition)11, 3)] };
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.InsertAsync(bad, null, "enroller-1"));

        Assert.Null(await _store.GetAsync(bad.Id));
        Assert.Null(await _store.FindByCedulaAsync(Cedula.Parse("V-777")));
        Assert.Equal(new RegistryCounts(0, 0, 0, 0, 0, 0), await _store.CountAsync());
        Assert.Empty(await _store.ReadAuditAsync());
    }

    [Fact]
    public async Task Every_operation_is_in_a_hash_chained_audit_log_that_detects_tampering()
    {
        var person = NewPerson("V-100", 1, 2);
        await _store.InsertAsync(person, null, "enroller-1");
        _time.Advance(TimeSpan.FromMinutes(5));
        await _store.AuditAsync("verifier-9", AuditAction.Verify, person.Id, "match=True");
        await _store.SetStatusAsync(person.Id, PersonStatus.Deceased, "admin-1", "death certificate 2025-123");

        var log = await _store.ReadAuditAsync();
        Assert.Equal(["person.insert", "verify", "person.status"], log.Select(e => e.Action));
        Assert.Equal(["enroller-1", "verifier-9", "admin-1"], log.Select(e => e.Actor));
        Assert.All(log, e => Assert.Equal(person.Id.Value, e.PersonId));
        Assert.Equal([1L, 2L, 3L], log.Select(e => e.Sequence));
        Assert.Equal(_time.GetUtcNow(), log[^1].At);
        Assert.Equal(-1, AuditEntry.FirstBrokenLink(log));

        // No template byte string ever reaches the log.
        var template = Convert.ToBase64String(person.Fingers[0].Template.ToArray());
        Assert.All(log, e => Assert.DoesNotContain(template[..12], e.Detail, StringComparison.Ordinal));

        await using var connection = await Location.OpenAsync();
        await Sql.ExecuteAsync(connection, "UPDATE audit_log SET actor = @a WHERE seq = 2", ("@a", "someone-else"));
        Assert.Equal(1, AuditEntry.FirstBrokenLink(await _store.ReadAuditAsync()));
    }

    [Fact]
    public async Task Status_changes_keep_the_history()
    {
        var person = NewPerson("V-200", 1);
        await _store.InsertAsync(person, null, "enroller-1");
        _time.Advance(TimeSpan.FromDays(1));
        var changed = await _store.SetStatusAsync(person.Id, PersonStatus.Removed, "admin-1", "duplicate record");

        Assert.Equal(PersonStatus.Removed, changed.Status);
        Assert.Equal([PersonStatus.Active, PersonStatus.Removed], changed.History.Select(h => h.Status));
        Assert.Equal("duplicate record", changed.History[^1].Reason);
        Assert.Equal(_time.GetUtcNow(), changed.History[^1].At);
        Assert.Empty(await ToList(_store.ReadGalleryAsync()));

        // A removed record frees its cédula; restoring it while another holds the cédula is refused.
        var again = NewPerson("V-200", 2);
        await _store.InsertAsync(again, null, "enroller-1");
        await Assert.ThrowsAsync<RegistryConflictException>(() => _store.SetStatusAsync(person.Id, PersonStatus.Active, "admin-1", "undo"));
        await Assert.ThrowsAsync<RegistryNotFoundException>(() => _store.SetStatusAsync(PersonId.Parse("nobody"), PersonStatus.Active, "admin-1", "x"));
    }

    [Fact]
    public async Task The_gallery_holds_every_person_not_removed_with_all_fingers()
    {
        var a = NewPerson("V-1", 1, 2, 3);
        var b = NewPerson("V-2", 4) with { Status = PersonStatus.PendingAdjudication };
        var c = NewPerson("V-3", 5);
        await _store.InsertAsync(a, null, "e");
        await _store.InsertAsync(b, null, "e");
        await _store.InsertAsync(c, null, "e");
        await _store.SetStatusAsync(c.Id, PersonStatus.Removed, "e", "test");

        var gallery = await ToList(_store.ReadGalleryAsync());
        Assert.Equal(new[] { a.Id, b.Id }.OrderBy(i => i.Value, StringComparer.Ordinal), gallery.Select(p => p.Id));
        Assert.Equal(3, gallery.Single(p => p.Id == a.Id).Fingers.Count);
        Assert.Equal(a.Fingers[2].Template.ToArray(), gallery.Single(p => p.Id == a.Id).Fingers[2].Template.ToArray());
        Assert.Equal(4, (await _store.CountAsync()).GalleryFingers);
    }

    [Fact]
    public async Task Adjudication_approve_reject_and_merge()
    {
        var kept = NewPerson("V-10", 1);
        await _store.InsertAsync(kept, null, "e");

        var approved = await OpenCase("V-11", kept.Id, 1);
        var rejected = await OpenCase("V-12", kept.Id, 1);
        var merged = await OpenCase("V-13", kept.Id, 1, 2);
        Assert.Equal(3, (await _store.OpenCasesAsync()).Count);
        Assert.Equal(kept.Id, (await _store.GetCaseAsync(merged.Case))!.Candidates.Single().PersonId);

        await _store.ResolveCaseAsync(approved.Case, AdjudicationDecision.Approve, null, "adj-1");
        await _store.ResolveCaseAsync(rejected.Case, AdjudicationDecision.Reject, null, "adj-1");
        await Assert.ThrowsAsync<RegistryConflictException>(() => _store.ResolveCaseAsync(merged.Case, AdjudicationDecision.Merge, approved.Person, "adj-1"));
        var resolved = await _store.ResolveCaseAsync(merged.Case, AdjudicationDecision.Merge, kept.Id, "adj-1");
        await Assert.ThrowsAsync<RegistryConflictException>(() => _store.ResolveCaseAsync(merged.Case, AdjudicationDecision.Approve, null, "adj-1"));

        Assert.Equal(CaseState.Resolved, resolved.State);
        Assert.Equal(kept.Id, resolved.MergedInto);
        Assert.Empty(await _store.OpenCasesAsync());
        Assert.Equal(PersonStatus.Active, (await _store.GetAsync(approved.Person))!.Status);
        Assert.Equal(PersonStatus.Removed, (await _store.GetAsync(rejected.Person))!.Status);
        Assert.Equal(PersonStatus.Removed, (await _store.GetAsync(merged.Person))!.Status);

        // The merge added the finger the kept record lacked and left its own finger 1 untouched.
        var after = (await _store.GetAsync(kept.Id))!;
        Assert.Equal([FingerPosition.RightThumb, FingerPosition.RightIndex], after.Fingers.Select(f => f.Position));
        Assert.Equal(kept.Fingers[0].Template.ToArray(), after.Fingers[0].Template.ToArray());
        Assert.Equal(-1, AuditEntry.FirstBrokenLink(await _store.ReadAuditAsync()));
    }

    [Fact]
    public async Task Rotating_the_key_re_seals_every_template()
    {
        var people = new[] { NewPerson("V-1", 1, 2), NewPerson("V-2", 3) };
        foreach (var p in people)
        {
            await _store.InsertAsync(p, null, "e");
        }

        var rotated = _keys.WithNewKey();
        Assert.Equal(3, await _store.RotateKeyAsync(rotated, "admin-1"));

        await using var connection = await Location.OpenAsync();
        Assert.Equal(3L, Convert.ToInt64(await Sql.ScalarAsync(connection, "SELECT COUNT(*) FROM fingers WHERE key_id = @k", ("@k", rotated.CurrentId)), System.Globalization.CultureInfo.InvariantCulture));

        // Only the new key is needed now; the old key alone opens nothing.
        var newOnly = KeyRing.Parse(rotated.Export().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        await using (var reopened = SqlPersonStore.Open(Location, newOnly, _time))
        {
            Assert.Equal(people[0].Fingers[1].Template.ToArray(), (await reopened.GetAsync(people[0].Id))!.Fingers[1].Template.ToArray());
        }

        await using (var oldOnly = SqlPersonStore.Open(Location, _keys, _time))
        {
            var refused = await Assert.ThrowsAsync<RegistryIntegrityException>(() => oldOnly.GetAsync(people[1].Id));
            Assert.Contains("not in the key ring", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal("keys.rotate", (await _store.ReadAuditAsync())[^1].Action);
    }

    [Fact]
    public async Task Concurrent_writers_keep_one_unbroken_chain()
    {
        await Task.WhenAll(Enumerable.Range(1, 12).Select(i => _store.InsertAsync(NewPerson($"V-{i}", 1), null, $"enroller-{i % 3}")));
        await using (var second = SqlPersonStore.Open(Location, _keys, _time))
        {
            await Task.WhenAll(Enumerable.Range(1, 6).Select(i => second.AuditAsync("verifier", AuditAction.Verify, null, $"n={i}")));
        }

        var log = await _store.ReadAuditAsync();
        Assert.Equal(18, log.Count);
        Assert.Equal(-1, AuditEntry.FirstBrokenLink(log));
        Assert.Equal(12, (await _store.CountAsync()).Active);
    }

    [Fact]
    public async Task A_batch_is_stored_whole_or_not_at_all()
    {
        var batch = new[] { NewPerson("V-100", 1), NewPerson("V-101"), NewPerson("V-102", 1, 6) };
        await _store.InsertManyAsync(batch, "importer");
        Assert.Equal(3, (await _store.CountAsync()).Active);
        Assert.Equal(3, (await _store.ReadAuditAsync()).Count(e => e.Action == "person.insert"));

        // One taken cédula in the next batch: none of it is stored, the audit log is unchanged.
        var auditBefore = (await _store.ReadAuditAsync()).Count;
        var clash = new[] { NewPerson("V-200", 1), NewPerson("V-101", 2) };
        await Assert.ThrowsAsync<RegistryConflictException>(() => _store.InsertManyAsync(clash, "importer"));
        Assert.Null(await _store.FindByCedulaAsync(Cedula.Parse("V-200")));
        Assert.Equal(auditBefore, (await _store.ReadAuditAsync()).Count);
        Assert.Equal(-1, AuditEntry.FirstBrokenLink(await _store.ReadAuditAsync()));
    }

    [Fact]
    public async Task A_bulk_insert_that_fails_midway_leaves_nothing_of_that_batch()
    {
        var stored = Enumerable.Range(0, 40).Select(i => NewPerson($"V-{3000 + i}", 1, 2)).ToArray();
        await _store.InsertManyAsync(stored, "importer");
        var auditBefore = await _store.ReadAuditAsync();
        var countsBefore = await _store.CountAsync();

        // Sealed at rest and chained like single inserts.
        await using (var connection = await Location.OpenAsync())
        {
            var raw = (byte[])(await Sql.ScalarAsync(connection, "SELECT template FROM fingers WHERE person_id = @p AND position = 2", ("@p", stored[17].Id.Value)))!;
            Assert.Equal(-1, raw.AsSpan().IndexOf(stored[17].Fingers[1].Template.Span[..16]));
        }

        Assert.Equal(stored[17].Fingers[1].Template.ToArray(), (await _store.GetAsync(stored[17].Id))!.Fingers[1].Template.ToArray());
        Assert.Equal(40, auditBefore.Count);
        Assert.Equal(-1, AuditEntry.FirstBrokenLink(auditBefore));

        PersonRecord[] Batch(PersonRecord middle)
        {
            var batch = Enumerable.Range(0, 30).Select(i => NewPerson($"V-{5000 + i}", 1, 3)).ToArray();
            batch[15] = middle;
            return batch;
        }

        // A cédula taken by a stored record, a stored id, a cédula and an id twice in the batch: each half-way through.
        var failing = new[]
        {
            Batch(NewPerson("V-3020", 1)),
            Batch(NewPerson("V-9999", 1) with { Id = stored[3].Id }),
            Batch(NewPerson("V-5002", 4)),
        };
        var twiceId = Batch(NewPerson("V-9998", 1));
        twiceId[20] = twiceId[20] with { Id = twiceId[5].Id };
        foreach (var batch in failing.Append(twiceId))
        {
            await Assert.ThrowsAsync<RegistryConflictException>(() => _store.InsertManyAsync(batch, "importer"));
            Assert.Null(await _store.FindByCedulaAsync(Cedula.Parse("V-5000")));
            Assert.Null(await _store.GetAsync(batch[29].Id));
            Assert.Equal(countsBefore, await _store.CountAsync());
            Assert.Equal(auditBefore.Count, (await _store.ReadAuditAsync()).Count);
        }

        Assert.Equal(80, (await ToList(_store.ReadGalleryAsync())).Sum(p => p.Fingers.Count));

        // The chain goes on from where the last stored batch left it.
        await _store.InsertManyAsync(Batch(NewPerson("V-6000", 1)), "importer");
        var log = await _store.ReadAuditAsync();
        Assert.Equal(70, log.Count);
        Assert.Equal(Enumerable.Range(1, 70).Select(i => (long)i), log.Select(e => e.Sequence));
        Assert.Equal(-1, AuditEntry.FirstBrokenLink(log));
        Assert.Equal(70, (await _store.CountAsync()).Active);
    }

    [Fact]
    public async Task Active_persons_come_out_by_geography_with_demographics_and_fingers()
    {
        PersonRecord At(string cedula, string geography, params int[] positions)
        {
            var person = NewPerson(cedula, positions);
            return person with { Demographics = person.Demographics! with { Address = new Address("Calle 1", geography) } };
        }

        var north = At("V-30", "020101001-1", 1);
        var south = At("V-20", "010101001-2", 1, 2);
        var noFinger = At("V-10", "010101001-2");
        var other = At("V-40", "010101001-1", 6);
        await _store.InsertManyAsync([north, south, noFinger, other], "importer");
        var removed = At("V-50", "010101001-1", 1);
        await _store.InsertAsync(removed, null, "enroller-1");
        await _store.SetStatusAsync(removed.Id, PersonStatus.Removed, "admin", "duplicate");

        var active = await ToList(_store.ReadActiveAsync());
        Assert.Equal(["V-40", "V-10", "V-20", "V-30"], active.Select(p => p.Cedula!.Value.ToString()));
        Assert.Empty(active[1].Fingers);
        Assert.Equal([FingerPosition.RightThumb, FingerPosition.RightIndex], active[2].Fingers.Select(f => f.Position));
        Assert.Equal(south.Fingers[1].Template.ToArray(), active[2].Fingers[1].Template.ToArray());
        Assert.Equal(south.Demographics, active[2].Demographics);
    }

    private async Task<(PersonId Person, Guid Case)> OpenCase(string cedula, PersonId candidate, params int[] positions)
    {
        var pending = NewPerson(cedula, positions) with { Status = PersonStatus.PendingAdjudication };
        var opened = new AdjudicationCase(Guid.NewGuid(), pending.Id, [new MatchCandidate(candidate, 0.5, 1e-6)], _time.GetUtcNow(), CaseState.Open);
        await _store.InsertAsync(pending, opened, "enroller-1");
        return (pending.Id, opened.Id);
    }

    private PersonRecord NewPerson(string cedula, params int[] positions) => new(
        PersonId.New(),
        Cedula.Parse(cedula),
        TestFingers.Demographics(),
        [.. positions.Select(p => NewFinger((FingerPosition)p, p + cedula.GetHashCode(StringComparison.Ordinal)))],
        PersonStatus.Active,
        [new StatusChange(_time.GetUtcNow(), PersonStatus.Active, "enroller-1", "enrolled")]);

    private static FingerRecord NewFinger(FingerPosition position, int seed) =>
        new(position, TestFingers.Synthetic(seed).ToBytes(), 70, new CaptureMetadata(TestFingers.CaptureTime, "test-sensor", 500));

    private static async Task<List<T>> ToList<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}

public sealed class SqlitePersonStoreTests : PersonStoreContract, IDisposable
{
    private readonly TempFolder _folder = new("huella-registry-");

    protected override StoreLocation Location => _folder.Sqlite("registry.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_database_and_its_journal_are_readable_by_their_owner_only()
    {
        var location = _folder.Sqlite("own.db");
        await using var store = SqlPersonStore.Open(location, KeyRing.Generate());
        await store.InitializeAsync();
        await store.AuditAsync("tester", AuditAction.Verify, null, "");

        var files = Directory.GetFiles(_folder.Path, "own.db*").Where(f => !f.EndsWith(".checkpoints", StringComparison.Ordinal)).ToList();
        Assert.Contains(location.Target, files);
        Assert.Contains(location.Target + "-wal", files);
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));

        // By default the anchor sits beside the file, and it vouches for the write just made.
        Assert.True(File.Exists(location.Target + ".checkpoints"));
        Assert.Equal(AuditAnchorState.Anchored, (await store.CheckAuditAnchorAsync()).State);
    }
}

public sealed class PostgresPersonStoreTests(PostgresDatabase database) : PersonStoreContract, IClassFixture<PostgresDatabase>
{
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N");

    protected override StoreLocation Location =>
        StoreLocation.Postgres(new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { SearchPath = _schema }.ToString());

    /// <summary>The database is shared by the class: each test gets its own schema in it.</summary>
    protected override async Task PrepareAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE SCHEMA {_schema}";
        await command.ExecuteNonQueryAsync();
    }
}
