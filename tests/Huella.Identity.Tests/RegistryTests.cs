using Huella.Biometrics;
using Huella.Identity;
using Huella.Identity.Enrollment;
using Huella.Identity.Storage;
using Huella.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Huella.Identity.Tests;

public sealed class RegistryTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output = output;
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-registry-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly KeyRing _keys = KeyRing.Generate();
    private IdentityRegistry _registry = null!;

    private StoreLocation Location => StoreLocation.Sqlite(Path.Combine(_folder, "registry.db"));

    public async Task InitializeAsync() => _registry = await Open();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_new_person_is_enrolled_and_the_same_fingers_under_another_cedula_go_to_adjudication()
    {
        var first = await _registry.EnrollAsync(Request("V-10000001", (FingerPosition.RightIndex, 101, 1), (FingerPosition.RightMiddle, 102, 1)), "enroller-1");
        Assert.Equal(EnrollmentOutcome.Enrolled, first.Outcome);

        var again = await _registry.EnrollAsync(Request("V-10000002", (FingerPosition.RightIndex, 101, 1)), "enroller-1");
        Assert.Equal(EnrollmentOutcome.PendingAdjudication, again.Outcome);
        Assert.Equal(first.PersonId, again.Candidates.Single().PersonId);
        Assert.True(again.Candidates[0].Fmr < 1e-4);

        var queued = Assert.Single(await _registry.Store.OpenCasesAsync());
        Assert.Equal(again.CaseId, queued.Id);
        Assert.Equal(again.PersonId, queued.PendingPerson);
        Assert.Equal(PersonStatus.PendingAdjudication, (await _registry.Store.GetAsync(again.PersonId!.Value))!.Status);
    }

    [Fact]
    public async Task An_imported_population_is_searchable_and_a_later_duplicate_enrollment_is_caught()
    {
        var ids = await _registry.ImportAsync(
            [Request("V-501", (FingerPosition.RightIndex, 101, 1)), Request("V-502", (FingerPosition.RightIndex, 102, 1)), Request("V-503")],
            "importer");
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(2, _registry.Index.FingerCount);
        Assert.Equal(3, (await _registry.Store.CountAsync()).Active);

        // Finger 102 comes back under a new cédula: national 1:N search sends it to adjudication.
        var again = await _registry.EnrollAsync(Request("V-504", (FingerPosition.RightIndex, 102, 3)), "enroller-1");
        Assert.Equal(EnrollmentOutcome.PendingAdjudication, again.Outcome);
        Assert.Equal(ids[1], again.Candidates[0].PersonId);

        await Assert.ThrowsAsync<RegistryConflictException>(() => _registry.ImportAsync([Request("V-600"), Request("V-501")], "importer"));
        Assert.Null(await _registry.Store.FindByCedulaAsync(Cedula.Parse("V-600")));
    }

    [Fact]
    public async Task A_reference_inserted_with_fingers_already_enrolled_goes_to_adjudication_not_active()
    {
        var owner = await _registry.EnrollAsync(Request("V-20000001", (FingerPosition.RightIndex, 101, 1)), "enroller-1");

        // The ABIS insert: biometrics only, the same 1:N search as enrollment.
        var held = await _registry.InsertReferenceAsync(PersonId.Parse("abis-ref-1"), [TestFingers.Capture(FingerPosition.RightIndex, TestFingers.Fvc(101, 2))], "abis");
        Assert.Equal(EnrollmentOutcome.PendingAdjudication, held.Outcome);
        Assert.Equal(owner.PersonId, held.Candidates.Single().PersonId);
        Assert.Equal(PersonStatus.PendingAdjudication, (await _registry.Store.GetAsync(PersonId.Parse("abis-ref-1")))!.Status);
        Assert.Equal(held.CaseId, Assert.Single(await _registry.Store.OpenCasesAsync()).Id);

        var fresh = await _registry.InsertReferenceAsync(PersonId.Parse("abis-ref-2"), [TestFingers.Capture(FingerPosition.RightIndex, TestFingers.Fvc(104, 1))], "abis");
        Assert.Equal(EnrollmentOutcome.Enrolled, fresh.Outcome);
        var taken = await _registry.InsertReferenceAsync(PersonId.Parse("abis-ref-2"), [TestFingers.Capture(FingerPosition.RightIndex, TestFingers.Fvc(105, 1))], "abis");
        Assert.Equal((EnrollmentOutcome.Rejected, CaptureProblemCode.ReferenceTaken), (taken.Outcome, taken.Problems.Single().Code));
    }

    [Fact]
    public async Task Another_finger_enrolls_without_adjudication()
    {
        await _registry.EnrollAsync(Request("V-1", (FingerPosition.RightIndex, 101, 1)), "enroller-1");
        var other = await _registry.EnrollAsync(Request("V-2", (FingerPosition.RightIndex, 104, 1)), "enroller-1");
        Assert.Equal(EnrollmentOutcome.Enrolled, other.Outcome);
        Assert.Empty(other.Candidates);
    }

    [Fact]
    public async Task A_taken_cedula_is_refused_and_nothing_is_overwritten()
    {
        var first = await _registry.EnrollAsync(Request("V-123", (FingerPosition.RightIndex, 101, 1)), "enroller-1");
        var second = await _registry.EnrollAsync(Request("V-123", (FingerPosition.RightIndex, 105, 1)), "enroller-2");

        Assert.Equal(EnrollmentOutcome.Rejected, second.Outcome);
        Assert.Equal(CaptureProblemCode.CedulaTaken, second.Problems.Single().Code);
        var kept = await _registry.Store.GetAsync(first.PersonId!.Value);
        Assert.Equal(TestFingers.Fvc(101, 1).ToBytes(), kept!.Fingers.Single().Template.ToArray());
        Assert.Equal(1, _registry.Index.PersonCount);
    }

    [Fact]
    public async Task Unusable_captures_are_refused_with_a_reason_an_operator_can_act_on()
    {
        var blank = Huella.Biometrics.Imaging.ImageEncoder.EncodePng(Huella.Biometrics.Imaging.GrayImage.Filled(300, 300, 255));
        Assert.False(CaptureExtractor.TryExtract(FingerPosition.LeftThumb, blank, null, "s", _time, out _, out var problem));
        Assert.Equal(CaptureProblemCode.NoFingerprint, problem!.Code);
        Assert.Contains("finger 6", problem.Message, StringComparison.Ordinal);
        Assert.Contains("clean the sensor", problem.Message, StringComparison.Ordinal);

        Assert.False(CaptureExtractor.TryExtract(FingerPosition.LeftThumb, "not an image"u8, null, "s", _time, out _, out problem));
        Assert.Equal(CaptureProblemCode.UnreadableImage, problem!.Code);

        await using var strict = await Open(new RegistryOptions { MinEnrollQuality = 101 });
        var result = await strict.EnrollAsync(Request("V-5", (FingerPosition.RightIndex, 101, 1)), "enroller-1");
        Assert.Equal(EnrollmentOutcome.Rejected, result.Outcome);
        Assert.Equal(CaptureProblemCode.LowQuality, result.Problems.Single().Code);
        Assert.Contains("recapture", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal(0, (await strict.Store.CountAsync()).InGallery);
    }

    [Fact]
    public async Task Bad_requests_are_refused_before_anything_is_stored()
    {
        var twice = Request("V-7", (FingerPosition.RightIndex, 101, 1), (FingerPosition.RightIndex, 102, 1));
        Assert.Equal(CaptureProblemCode.Position, Assert.Single((await _registry.EnrollAsync(twice, "e")).Problems).Code);

        var young = Request("V-8", (FingerPosition.RightIndex, 101, 1)) with { Demographics = TestFingers.Demographics() with { BirthDate = new DateOnly(2030, 1, 1) } };
        Assert.Equal(CaptureProblemCode.Demographics, Assert.Single((await _registry.EnrollAsync(young, "e")).Problems).Code);

        var noPlace = Request("V-9", (FingerPosition.RightIndex, 101, 1)) with { Demographics = TestFingers.Demographics() with { Address = new Address("x", "99") } };
        Assert.Equal(CaptureProblemCode.Demographics, Assert.Single((await _registry.EnrollAsync(noPlace, "e")).Problems).Code);
        Assert.Empty(await _registry.Store.ReadAuditAsync());
    }

    [Fact]
    public async Task Concurrent_enrollments_of_one_person_end_with_one_record_and_one_case()
    {
        // Same fingers, two cédulas, eight racing requests for each: serialised decisions see each other.
        var requests = Enumerable.Range(0, 8).SelectMany(_ => new[]
        {
            Request("V-20000001", (FingerPosition.RightIndex, 103, 1), (FingerPosition.RightMiddle, 104, 1)),
            Request("V-20000002", (FingerPosition.RightIndex, 103, 1), (FingerPosition.RightMiddle, 104, 1)),
        });
        var results = await Task.WhenAll(requests.Select(r => Task.Run(() => _registry.EnrollAsync(r, "enroller-1"))));

        Assert.Single(results, r => r.Outcome == EnrollmentOutcome.Enrolled);
        Assert.Single(results, r => r.Outcome == EnrollmentOutcome.PendingAdjudication);
        Assert.Equal(14, results.Count(r => r.Outcome == EnrollmentOutcome.Rejected && r.Problems[0].Code == CaptureProblemCode.CedulaTaken));
        var counts = await _registry.Store.CountAsync();
        Assert.Equal((1, 1, 1), (counts.Active, counts.PendingAdjudication, counts.OpenCases));
        Assert.Equal(2, _registry.Index.PersonCount);
        Assert.Equal(-1, AuditEntry.FirstBrokenLink(await _registry.Store.ReadAuditAsync()));
    }

    [Fact]
    public async Task Verification_accepts_other_impressions_of_the_enrolled_finger_and_refuses_other_fingers()
    {
        // FVC2002 DB1 set B: fingers 101–110 enrolled from impression 1; 70 genuine and 90 impostor attempts.
        var ids = new Dictionary<int, PersonId>();
        foreach (var finger in Enumerable.Range(101, 10))
        {
            ids[finger] = (await _registry.EnrollAsync(Request($"V-{finger}", (FingerPosition.RightIndex, finger, 1)), "enroller-1")).PersonId!.Value;
        }

        var genuine = new List<VerificationResult>();
        var impostor = new List<VerificationResult>();
        foreach (var finger in Enumerable.Range(101, 10))
        {
            foreach (var impression in Enumerable.Range(2, 7))
            {
                genuine.Add((await _registry.VerifyAsync(ids[finger], [TestFingers.Capture(FingerPosition.RightIndex, TestFingers.Fvc(finger, impression))], "verifier-1"))!);
            }

            foreach (var other in Enumerable.Range(101, 10).Where(o => o != finger))
            {
                impostor.Add((await _registry.VerifyAsync(ids[finger], [TestFingers.Capture(FingerPosition.RightIndex, TestFingers.Fvc(other, 2))], "verifier-1"))!);
            }
        }

        var impostorMax = impostor.Max(r => r.Score);
        var separated = genuine.Count(r => r.Score > impostorMax);
        _output.WriteLine($"at FMR 1e-4: genuine accepted {genuine.Count(r => r.IsMatch)}/70, impostors {impostor.Count(r => r.IsMatch)}/90; genuine above every impostor score: {separated}/70");

        // The decision follows the calibrated threshold for the FMR asked; the ranking of scores is the engine's.
        Assert.DoesNotContain(impostor, r => r.IsMatch);
        Assert.All(genuine.Concat(impostor), r => Assert.Equal(r.Score >= r.Threshold, r.IsMatch));
        Assert.All(genuine, r => Assert.Equal((1e-4, 1), (r.Fmr, r.Comparisons)));
        Assert.All(genuine, r => Assert.Equal(ScoreCalibration.ThresholdFor(1e-4), r.Threshold, 12));
        Assert.All(genuine, r => Assert.Equal(ScoreCalibration.FmrAt(r.Score), r.ScoreFmr, 12));
        Assert.True(separated >= 50, $"{separated}/70 genuine scores above the best impostor");

        var loose = await _registry.VerifyAsync(ids[101], [TestFingers.Capture(FingerPosition.RightIndex, TestFingers.Fvc(101, 1))], "verifier-1", fmr: 1e-2);
        Assert.True(loose!.IsMatch);
        Assert.Equal(ScoreCalibration.ThresholdFor(1e-2), loose.Threshold, 12);
        Assert.Null(await _registry.VerifyAsync(PersonId.Parse("nobody"), [TestFingers.Capture(FingerPosition.RightIndex, TestFingers.Fvc(101, 2))], "verifier-1"));
        Assert.Equal(161, (await _registry.Store.ReadAuditAsync()).Count(e => e.Action == "verify"));
    }

    [Fact]
    public async Task Identification_ranks_the_right_person_first_and_honours_a_reference_list()
    {
        var ids = new Dictionary<int, PersonId>();
        foreach (var finger in Enumerable.Range(101, 10))
        {
            ids[finger] = (await _registry.EnrollAsync(Request($"V-{finger}", (FingerPosition.RightIndex, finger, 1)), "enroller-1")).PersonId!.Value;
        }

        var correct = 0;
        foreach (var finger in Enumerable.Range(101, 10))
        {
            var result = await _registry.IdentifyAsync([TestFingers.Capture(null, TestFingers.Fvc(finger, 3))], "verifier-1");
            correct += result.Candidates[0].PersonId == ids[finger] ? 1 : 0;
        }

        Assert.True(correct >= 8, $"{correct}/10 rank-1");
        var restricted = await _registry.IdentifyAsync([TestFingers.Capture(null, TestFingers.Fvc(101, 3))], "verifier-1", restrictTo: new HashSet<PersonId> { ids[102], ids[103] });
        Assert.DoesNotContain(restricted.Candidates, c => c.PersonId == ids[101]);
        Assert.DoesNotContain(restricted.Candidates, c => c.AboveThreshold);
    }

    [Fact]
    public async Task Adjudication_merge_and_reject_update_the_index()
    {
        var kept = await _registry.EnrollAsync(Request("V-40000001", (FingerPosition.RightIndex, 105, 1)), "enroller-1");
        var dup = await _registry.EnrollAsync(Request("V-40000002", (FingerPosition.RightIndex, 105, 1), (FingerPosition.LeftIndex, 106, 1)), "enroller-1");
        var fraud = await _registry.EnrollAsync(Request("V-40000003", (FingerPosition.RightIndex, 105, 1)), "enroller-1");
        Assert.Equal(EnrollmentOutcome.PendingAdjudication, dup.Outcome);
        Assert.Equal(EnrollmentOutcome.PendingAdjudication, fraud.Outcome);

        await _registry.AdjudicateAsync(dup.CaseId!.Value, AdjudicationDecision.Merge, kept.PersonId, "adjudicator-1");
        await _registry.AdjudicateAsync(fraud.CaseId!.Value, AdjudicationDecision.Reject, null, "adjudicator-1");

        Assert.Equal([FingerPosition.RightIndex, FingerPosition.LeftIndex], _registry.Index.Snapshot()[kept.PersonId!.Value]);
        Assert.False(_registry.Index.Contains(dup.PersonId!.Value));
        Assert.False(_registry.Index.Contains(fraud.PersonId!.Value));
        var verified = await _registry.VerifyAsync(kept.PersonId.Value, [TestFingers.Capture(FingerPosition.LeftIndex, TestFingers.Fvc(106, 1))], "verifier-1");
        Assert.True(verified!.IsMatch);
    }

    [Fact]
    public async Task A_reopened_registry_loads_the_same_gallery_it_stored()
    {
        foreach (var finger in Enumerable.Range(101, 4))
        {
            await _registry.EnrollAsync(Request($"V-5000{finger}", (FingerPosition.RightIndex, finger, 1), (FingerPosition.LeftIndex, finger + 4, 1)), "enroller-1");
        }

        var before = _registry.Index.Snapshot();
        await using var reopened = await Open();
        Assert.Equal(before.OrderBy(p => p.Key.Value, StringComparer.Ordinal), reopened.Index.Snapshot().OrderBy(p => p.Key.Value, StringComparer.Ordinal));
        Assert.Equal(8, reopened.Index.FingerCount);
    }

    [Fact]
    public async Task A_tampered_template_row_is_left_out_and_named_and_everyone_else_is_still_found()
    {
        var ids = new Dictionary<int, PersonId>();
        foreach (var finger in new[] { 101, 102, 103 })
        {
            ids[finger] = (await _registry.EnrollAsync(Request($"V-7000{finger}", (FingerPosition.RightIndex, finger, 1)), "enroller-1")).PersonId!.Value;
        }

        await using (var connection = await Location.OpenAsync())
        {
            await Huella.Testing.Sql.ExecuteAsync(connection, "UPDATE fingers SET template = zeroblob(80) WHERE person_id = @p", ("@p", ids[102].Value));
        }

        await using var reopened = await Open();
        var bad = Assert.Single(reopened.UnreadableFingers);
        Assert.Equal((ids[102], FingerPosition.RightIndex), (bad.Person, bad.Position));
        Assert.Equal(2, reopened.Index.FingerCount);
        Assert.Equal(AuditAnchorState.Anchored, reopened.AuditAnchor.State);
        var found = await reopened.IdentifyAsync([TestFingers.Capture(null, TestFingers.Fvc(103, 3))], "verifier-1");
        Assert.Equal(ids[103], found.Candidates[0].PersonId);
    }

    [Fact]
    public async Task A_key_ring_that_opens_none_of_the_templates_is_refused_not_loaded_as_an_empty_gallery()
    {
        await _registry.EnrollAsync(Request("V-70000201", (FingerPosition.RightIndex, 101, 1)), "enroller-1");
        await _registry.EnrollAsync(Request("V-70000202", (FingerPosition.RightIndex, 102, 1)), "enroller-1");

        var refused = await Assert.ThrowsAsync<RegistryIntegrityException>(() => IdentityRegistry.OpenAsync(SqlPersonStore.Open(Location, KeyRing.Generate(), _time), null, _time));
        Assert.Contains("opens none of the 2 stored templates", refused.Message, StringComparison.Ordinal);
    }

    private async Task<IdentityRegistry> Open(RegistryOptions? options = null) =>
        await IdentityRegistry.OpenAsync(SqlPersonStore.Open(Location, _keys, _time), options, _time);

    private static EnrollmentRequest Request(string cedula, params (FingerPosition Position, int Finger, int Impression)[] fingers) =>
        new(Cedula.Parse(cedula), TestFingers.Demographics(), [.. fingers.Select(f => TestFingers.Capture(f.Position, TestFingers.Fvc(f.Finger, f.Impression)))]);
}
