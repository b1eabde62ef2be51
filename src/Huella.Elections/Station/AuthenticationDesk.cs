using System.Globalization;
using Huella.Biometrics;
using Huella.Elections.Actas;
using Huella.Identity;

namespace Huella.Elections.Station;

/// <summary>
/// The SAI: checks that the person at the mesa is an elector of this mesa who has not voted,
/// by matching a fingerprint 1:1 against the roll, and unlocks exactly one ballot. Every outcome
/// is an event in the station log; every exception to the fingerprint rule is a counted incident.
/// </summary>
public sealed class AuthenticationDesk
{
    private readonly Dictionary<Cedula, ElectorEntry> _roll;
    private readonly HashSet<Cedula> _voted = [];
    private readonly Dictionary<Cedula, int> _failedAttempts = [];
    private readonly int[] _incidents = new int[Enum.GetValues<IncidentKind>().Length];
    private readonly AuthenticationPolicy _policy;
    private readonly StationLog _log;
    private readonly TimeProvider _time;
    private readonly byte[] _sessionKey;
    private readonly double _threshold;
    private readonly DeskJournal? _journal;

    internal AuthenticationDesk(IEnumerable<ElectorEntry> roll, AuthenticationPolicy policy, StationLog log, TimeProvider time, byte[] sessionKey, DeskJournal? journal = null)
    {
        _journal = journal;
        _roll = roll.ToDictionary(e => e.Cedula);
        _policy = policy;
        _log = log;
        _time = time;
        _sessionKey = sessionKey;
        _threshold = ScoreCalibration.ThresholdFor(policy.FalseMatchRate);
    }

    public int RegisteredElectors => _roll.Count;

    /// <summary>Electors admitted to vote (verified, or allowed by the rules with an incident).</summary>
    public int Admitted { get; private set; }

    internal ReadOnlySpan<int> Incidents => _incidents;

    internal bool IsOpen { get; set; }

    /// <summary>
    /// One authentication attempt. <paramref name="probe"/> is the fingerprint just captured, or null
    /// when the elector cannot give one (counted as an incident and decided by the no-match rule).
    /// </summary>
    public AuthenticationOutcome Authenticate(Cedula cedula, FingerprintTemplate? probe)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("The mesa is not open.");
        }

        if (!_roll.TryGetValue(cedula, out var elector))
        {
            return Record(cedula, AuthenticationStatus.NotOnRoll, 0, 0, IncidentKind.NotOnRoll);
        }

        // Admission is stored before the token leaves the desk, so after a restart an elector
        // admitted whose ballot was never cast is still here: they are refused, not admitted again.
        if (_voted.Contains(cedula))
        {
            return Record(cedula, AuthenticationStatus.AlreadyVoted, 0, 0, IncidentKind.AlreadyVoted);
        }

        if (elector.Fingerprints.IsDefaultOrEmpty)
        {
            return _policy.NoFingerprintOnFile == FallbackRule.AllowWithIncident
                ? Admit(cedula, AuthenticationStatus.AllowedNoFingerprint, 0, 0, IncidentKind.NoFingerprintOnFile)
                : Record(cedula, AuthenticationStatus.RefusedNoFingerprint, 0, 0, IncidentKind.NoFingerprintOnFile);
        }

        if (probe is null)
        {
            return _policy.AfterNoMatch == FallbackRule.AllowWithIncident
                ? Admit(cedula, AuthenticationStatus.AllowedNoMatch, 0, 0, IncidentKind.CannotGiveFingerprint)
                : Record(cedula, AuthenticationStatus.RefusedNoMatch, 0, 0, IncidentKind.CannotGiveFingerprint);
        }

        var matcher = new FingerprintMatcher(probe);
        var score = elector.Fingerprints.Max(matcher.Match);
        var attempt = _failedAttempts.GetValueOrDefault(cedula) + 1;
        if (score >= _threshold)
        {
            return Admit(cedula, AuthenticationStatus.Verified, attempt, score, incident: null, failedAfter: 0);
        }

        if (probe.Quality < _policy.MinCaptureQuality)
        {
            return Record(cedula, AuthenticationStatus.Recapture, attempt - 1, score, incident: null);
        }

        if (attempt < _policy.MaxAttempts)
        {
            return Record(cedula, AuthenticationStatus.TryAgain, attempt, score, incident: null, failedAfter: attempt);
        }

        return _policy.AfterNoMatch == FallbackRule.AllowWithIncident
            ? Admit(cedula, AuthenticationStatus.AllowedNoMatch, attempt, score, IncidentKind.NoMatch, failedAfter: 0)
            : Record(cedula, AuthenticationStatus.RefusedNoMatch, attempt, score, IncidentKind.NoMatch, failedAfter: 0);
    }

    /// <summary>Puts back what the store says happened before a restart.</summary>
    internal void Restore(DeskSnapshot snapshot)
    {
        foreach (var cedula in snapshot.Admitted)
        {
            _voted.Add(cedula);
        }

        Admitted = _voted.Count;
        foreach (var (cedula, failed) in snapshot.FailedAttempts)
        {
            _failedAttempts[cedula] = failed;
        }

        foreach (var (kind, count) in snapshot.Incidents)
        {
            if ((uint)kind < (uint)_incidents.Length)
            {
                _incidents[kind] = count;
            }
        }
    }

    private AuthenticationOutcome Admit(Cedula cedula, AuthenticationStatus status, int attempt, double score, IncidentKind? incident, int? failedAfter = null) =>
        Record(cedula, status, attempt, score, incident, failedAfter, admit: true);

    /// <summary>
    /// Stores the outcome (log entry, admission, attempts, incident) as one change, then applies it
    /// in memory: when the operator sees the answer, it is already on disk.
    /// </summary>
    private AuthenticationOutcome Record(Cedula cedula, AuthenticationStatus status, int attempt, double score, IncidentKind? incident, int? failedAfter = null, bool admit = false)
    {
        var (entry, hash) = _log.Next(string.Create(CultureInfo.InvariantCulture, $"{_time.GetUtcNow():O} authenticate {cedula} {status} attempt={attempt} score={score:F4}"));
        _journal?.Commit(new DeskChange(entry, hash) { Cedula = cedula, Admit = admit, FailedAttempts = failedAfter, Incident = (int?)incident });
        _log.Accept(entry, hash);
        if (incident is { } kind)
        {
            _incidents[(int)kind]++;
        }

        if (failedAfter is 0)
        {
            _failedAttempts.Remove(cedula);
        }
        else if (failedAfter is { } failed)
        {
            _failedAttempts[cedula] = failed;
        }

        if (!admit)
        {
            return new AuthenticationOutcome(status, attempt, score, Token: null);
        }

        _voted.Add(cedula);
        Admitted++;
        return new AuthenticationOutcome(status, attempt, score, BallotToken.Issue(_sessionKey));
    }
}
