using System.Globalization;

namespace Huella.Server.Portal;

/// <summary>
/// Every word the portal shows, one instance per language (<see cref="Spanish"/>, <see cref="English"/>);
/// pages take their texts from here and nowhere else. Formats take their arguments by position.
/// </summary>
internal sealed partial class PortalText
{
    public static PortalText For(string language) => language == English.Language ? English : Spanish;

    public required string Language { get; init; }

    /// <summary>Numbers as this language writes them (thousands and decimal separators).</summary>
    public required NumberFormatInfo Numbers { get; init; }

    public required string OtherLanguage { get; init; }

    public required string OtherLanguageName { get; init; }

    public required string SwitchLanguage { get; init; }

    public required string SiteName { get; init; }

    public required string SkipToContent { get; init; }

    public required string MainNavigation { get; init; }

    public required string NavResults { get; init; }

    public required string NavMissing { get; init; }

    public required string NavAnomalies { get; init; }

    public required string NavSearch { get; init; }

    public required string Nav2024 { get; init; }

    public required string NavLive { get; init; }

    public required string NavForensics { get; init; }

    public required string NavScan { get; init; }

    public required string ScanHelp { get; init; }

    public required string ScanPhoto { get; init; }

    public required string ScanButton { get; init; }

    public required string Downloads { get; init; }

    public required string DownloadActasCsv { get; init; }

    public required string LogHead { get; init; }

    public required string TakenAt { get; init; }

    public required string ReadOnly { get; init; }

    public required string Table2024 { get; init; }

    public required string Nation { get; init; }

    public required string State { get; init; }

    public required string Municipality { get; init; }

    public required string Parish { get; init; }

    public required string Centre { get; init; }

    public required string Mesa { get; init; }

    public required string Breadcrumbs { get; init; }

    public required string Summary { get; init; }

    public required string MesasCounted { get; init; }

    public required string OfFormat { get; init; }

    public required string RegisteredElectors { get; init; }

    public required string BallotsCounted { get; init; }

    public required string Turnout { get; init; }

    public required string Participation { get; init; }

    public required string ResultsOf { get; init; }

    public required string SingleSeat { get; init; }

    public required string PluralitySeats { get; init; }

    public required string PartyListSeats { get; init; }

    public required string Candidate { get; init; }

    public required string Votes { get; init; }

    public required string Share { get; init; }

    public required string Seats { get; init; }

    public required string Elected { get; init; }

    public required string ValidVotes { get; init; }

    public required string NullVotes { get; init; }

    public required string BlankVotes { get; init; }

    public required string Areas { get; init; }

    public required string Mesas { get; init; }

    public required string Leading { get; init; }

    public required string Status { get; init; }

    public required string StatusCounted { get; init; }

    public required string StatusMissing { get; init; }

    public required string StatusConflict { get; init; }

    public required string StatusNotExpected { get; init; }

    public required string ActaOf { get; init; }

    public required string NoActa { get; init; }

    public required string ElectorsAuthenticated { get; init; }

    public required string BallotsCast { get; init; }

    public required string ClosedAt { get; init; }

    public required string StationLogHead { get; init; }

    public required string Card { get; init; }

    public required string Signatures { get; init; }

    public required string Machine { get; init; }

    public required string Member { get; init; }

    public required string SignatureVerifies { get; init; }

    public required string SignatureFails { get; init; }

    public required string Countersignatures { get; init; }

    public required string KeyId { get; init; }

    public required string QrAlt { get; init; }

    public required string PrintedPdf { get; init; }

    public required string QrPng { get; init; }

    public required string Versions { get; init; }

    public required string Hash { get; init; }

    public required string ActaHash { get; init; }

    public required string Verdict { get; init; }

    public required string Received { get; init; }

    public required string Sender { get; init; }

    public required string Size { get; init; }

    public required string Accepted { get; init; }

    public required string AlreadyReceived { get; init; }

    public required string Conflicting { get; init; }

    public required string Rejected { get; init; }

    public required string ConflictNotice { get; init; }

    public required string ActaImage { get; init; }

    public required string NoSignatures2024 { get; init; }

    public required string NotFoundTitle { get; init; }

    public required string NotFoundMesa { get; init; }

    public required string NotFoundArea { get; init; }

    public required string MissingTitle { get; init; }

    public required string MissingIntro { get; init; }

    public required string MissingIntro2024 { get; init; }

    public required string LateTitle { get; init; }

    public required string LateIntro { get; init; }

    public required string Delay { get; init; }

    public required string NoneListed { get; init; }

    public required string AnomaliesTitle { get; init; }

    public required string AnomalyKind { get; init; }

    public required string Detail { get; init; }

    public required string MoreBallotsThanElectors { get; init; }

    public required string ConflictingActas { get; init; }

    public required string MissingMesa { get; init; }

    public required string SearchTitle { get; init; }

    public required string SearchLabel { get; init; }

    public required string SearchButton { get; init; }

    public required string SearchResults { get; init; }

    public required string SearchNothing { get; init; }

    public required string SearchHint { get; init; }

    public required string Code { get; init; }

    public required string Name { get; init; }

    public required string Level { get; init; }

    public required string ShownFirst { get; init; }

    public string Format(string format, params object?[] args) => string.Format(Numbers, format, args);

    public string Count(long value) => value.ToString("N0", Numbers);

    public string Percent(double value) => (value * 100).ToString("N1", Numbers) + " %";

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static NumberFormatInfo NumbersWith(string group, string decimals)
    {
        var numbers = (NumberFormatInfo)NumberFormatInfo.InvariantInfo.Clone();
        numbers.NumberGroupSeparator = group;
        numbers.NumberDecimalSeparator = decimals;
        return NumberFormatInfo.ReadOnly(numbers);
    }
}
