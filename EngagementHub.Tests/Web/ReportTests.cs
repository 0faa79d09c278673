using System.Globalization;
using System.Net;
using CsvHelper;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data.Demo;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Web;

/// <summary>
/// The printed reports over the demo partnership, read as a person would (headings, figures, words), and who may read
/// them. Run on SQLite only, as every HTTP test whose subject is not the database (ADR 20); the tests only read, so a
/// class shares one app.
/// </summary>
public abstract class ReportTests(EngagementHubAppFactory app)
{
    public sealed class Sqlite(SqliteApp app) : ReportTests(app), IClassFixture<SqliteApp>;

    private const string MaternityReport = "Maternity choices: what Somali and Yemeni women told us";
    private readonly EngagementHubAppFactory _app = app;

    private async Task<int> OrganisationAsync(string name)
    {
        await using var db = _app.Database.CreateContext();
        return await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync();
    }

    /// <summary>The financial year the LINk's maternity report was received in (the demo dates its deadlines from today).</summary>
    private async Task<FinancialYear> MaternityYearAsync()
    {
        await using var db = _app.Database.CreateContext();
        return FinancialYear.Containing(await db.Deadlines.Where(d => d.Subject == MaternityReport).Select(d => d.Received).SingleAsync());
    }

    private static async Task<(HttpStatusCode Status, string Text)> ReadAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("/reports/exercise?id=999999", "That exercise does not exist.")]
    [InlineData("/reports/responsiveness?organisation=999999", "That organisation does not exist.")]
    [InlineData("/reports/liaison?organisation=999999", "does not exist")]
    [InlineData("/reports/exercise?id=one", "That exercise does not exist.")]
    [InlineData("/reports/responsiveness?organisation=2x", "That organisation does not exist.")]
    [InlineData("/reports/liaison?organisation=2x", "That organisation does not exist.")]
    public async Task Report_OfSomethingThatDoesNotExist_IsNotFoundAndSaysSo(string path, string message)
    {
        var client = await _app.SignInAsync(DemoAccounts.Link);

        var (status, text) = await ReadAsync(client, path);

        // Neither a 500 from the status-code pages re-running the request inside a page already rendering, nor a 404
        // sent without the page's message.
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(message, text);
    }

    // A year the reports do not cover showed this year's report as if it were the one asked for.
    [Theory]
    [InlineData("/reports/annual?year=1", "\"1\" is not a financial year the reports cover. Choose one from 2005/06 to 2099/00")]
    [InlineData("/reports/responsiveness?organisation=1&year=99999", "\"99999\" is not a financial year the reports cover.")]
    [InlineData("/reports/annual?year=next", "\"next\" is not a financial year the reports cover.")]
    public async Task Report_ForAYearTheReportsDoNotCover_IsABadRequestAndSaysSo(string path, string message)
    {
        var client = await _app.SignInAsync(DemoAccounts.Link);

        var (status, text) = await ReadAsync(client, path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, System.Net.WebUtility.HtmlDecode(text));
    }

    /// <summary>A link pasted with its sentence's full stop, or a year written as the app writes it, opens the report.</summary>
    [Fact]
    public async Task Report_IdWithAFullStopOrYearWrittenWithASlash_ShowsTheReport()
    {
        var client = await _app.SignInAsync(DemoAccounts.Link);
        var south = await OrganisationAsync(DemoPartnership.SouthBirminghamName);
        var year = await MaternityYearAsync();
        var slashed = Uri.EscapeDataString(year.Label);
        int exercise;
        await using (var db = _app.Database.CreateContext())
        {
            exercise = await db.Exercises.Where(e => e.Title == "Maternity choices").Select(e => e.Id).SingleAsync();
        }

        var summary = await ReadAsync(client, $"/reports/exercise?id={exercise}.");
        var responsiveness = await ReadAsync(client, $"/reports/responsiveness?organisation={south}.&year={slashed}");
        var liaison = await ReadAsync(client, $"/reports/liaison?organisation={south}.");
        var annual = await ReadAsync(client, $"/reports/annual?year={slashed}");

        Assert.Equal(HttpStatusCode.OK, summary.Status);
        Assert.Contains("Maternity choices", summary.Text);
        Assert.Equal(HttpStatusCode.OK, responsiveness.Status);
        Assert.Contains($"<bdi>NHS South Birmingham</bdi>: responsiveness in {year.Label}</h1>", responsiveness.Text);
        Assert.Equal(HttpStatusCode.OK, liaison.Status);
        Assert.Contains("Liaison meeting with <bdi>NHS South Birmingham</bdi>", liaison.Text);
        Assert.Equal(HttpStatusCode.OK, annual.Status);
        Assert.Contains($"statutory activity in {year.Label}", annual.Text);
    }

    [Theory]
    [InlineData("/reports")]
    [InlineData("/reports/responsiveness?organisation=1")]
    [InlineData("/reports/exercise?id=1")]
    [InlineData("/reports/liaison?organisation=1")]
    [InlineData("/reports/annual")]
    [InlineData("/deadlines/responsiveness.csv")]
    public async Task Report_Anonymous_RedirectsToSignIn(string path)
    {
        var response = await _app.CreateAnonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Index_Link_OffersEveryReportWithThePrintableAnnualReport()
    {
        var client = await _app.SignInAsync(DemoAccounts.Link);

        var (status, text) = await ReadAsync(client, "/reports");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1>Reports to print</h1>", text);
        Assert.Contains("Responsiveness for a year", text);
        Assert.Contains("An exercise on one page", text);
        Assert.Contains("Deadlines for a liaison meeting", text);
        Assert.Contains("Draft annual report", text);
        Assert.Contains(DemoPartnership.SouthBirminghamName, text);
    }

    [Fact]
    public async Task Index_Commissioner_OffersOnlyItsOwnOrganisationAndNoAnnualReport()
    {
        var client = await _app.SignInAsync(DemoAccounts.Council);

        var (_, text) = await ReadAsync(client, "/reports");

        Assert.Contains(DemoPartnership.AdultsAndCommunitiesName, text);
        Assert.DoesNotContain($">{DemoPartnership.SouthBirminghamName}</option>", text);
        Assert.DoesNotContain("Draft annual report", text);
    }

    [Fact]
    public async Task Responsiveness_LinkForACommissioner_ShowsTheFiguresTheNoteAndEachRequest()
    {
        var client = await _app.SignInAsync(DemoAccounts.Link);
        var south = await OrganisationAsync(DemoPartnership.SouthBirminghamName);
        var year = await MaternityYearAsync();

        var (status, text) = await ReadAsync(client, $"/reports/responsiveness?organisation={south}&year={year.StartYear}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<h1><bdi>NHS South Birmingham</bdi>: responsiveness in {year.Label}</h1>", text);
        Assert.Contains("Birmingham partnership", text);
        Assert.Contains("Printed on", text);
        Assert.Contains("Print this report", text);
        Assert.Matches("<script src=\"reports\\.[a-z0-9]+\\.js\"></script>", text);
        Assert.Contains("How these figures are counted", text);
        Assert.Contains("Acknowledgement", text);
        Assert.Contains("Full answer", text);
        // Received 35 working days ago, due on the 20th working day, answered 12 working days ago: 4 working days late.
        Assert.Contains("1 late: median 4, worst 4 working days", text);
        Assert.Contains(MaternityReport, text);
        Assert.Contains("4 working days late", text);
        Assert.DoesNotContain("%", text.Split("<main")[1].Split("How these figures are counted")[0]);
    }

    [Fact]
    public async Task Responsiveness_CommissionerForItself_IsShown()
    {
        var client = await _app.SignInAsync(DemoAccounts.Commissioner);
        var south = await OrganisationAsync(DemoPartnership.SouthBirminghamName);

        var (status, text) = await ReadAsync(client, $"/reports/responsiveness?organisation={south}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<bdi>NHS South Birmingham</bdi>: responsiveness in", text);
    }

    [Fact]
    public async Task Responsiveness_AnotherCommissionersReport_IsRefused()
    {
        var client = await _app.SignInAsync(DemoAccounts.Council);
        var south = await OrganisationAsync(DemoPartnership.SouthBirminghamName);

        var (status, text) = await ReadAsync(client, $"/reports/responsiveness?organisation={south}");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("This report is for the organisation it is about and the LINk.", text);
        Assert.DoesNotContain("Closure plans for the Moseley Road clinic", text);
    }

    [Fact]
    public async Task Exercise_Link_ShowsPurposeOptionAgreementResponsesAndImplementation()
    {
        var client = await _app.SignInAsync(DemoAccounts.Link);
        int id;
        await using (var db = _app.Database.CreateContext())
        {
            id = await db.Exercises.Where(e => e.Title == "Maternity choices").Select(e => e.Id).SingleAsync();
        }

        var (status, text) = await ReadAsync(client, $"/reports/exercise?id={id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1>Maternity choices</h1>", text);
        Assert.Contains("Ask women and families about choice of place of birth and continuity of midwife.", text);
        Assert.Contains("Option 4", text);
        Assert.Contains("Option 2 (", text);
        Assert.Contains("<bdi>Somali and Yemeni women</bdi>", text);
        Assert.Contains("Agreed by", text);
        Assert.Contains("<h2 id=\"timetable-heading\">Timetable</h2>", text);
        Assert.Contains("<h2 id=\"input-heading\">The LINk's input and the responses</h2>", text);
        Assert.Contains("Offer interpreters at every antenatal appointment, booked by the midwife.", text);
        Assert.Contains("Not accepted", text);
        Assert.Contains("home-birth support has been extended instead", text);
        // What became of the accepted ones: the "you said, we did" of the exercise.
        var implementation = text[text.IndexOf("data-testid=\"implementation-table\"", StringComparison.Ordinal)..];
        Assert.Contains("Booking form changed: the midwife books the interpreter with the appointment.", implementation, StringComparison.Ordinal);
        Assert.Contains("The LINk agrees it has been met", implementation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exercise_OrganisationNotTakingPart_IsRefused()
    {
        var client = await _app.SignInAsync(DemoAccounts.Council);
        int id;
        await using (var db = _app.Database.CreateContext())
        {
            id = await db.Exercises.Where(e => e.Title == "Maternity choices").Select(e => e.Id).SingleAsync();
        }

        var (status, text) = await ReadAsync(client, $"/reports/exercise?id={id}");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("This summary is for the organisations taking part in the exercise.", text);
        Assert.DoesNotContain("Offer interpreters", text);
    }

    [Fact]
    public async Task Liaison_LinkWithACommissioner_ListsTheOverdueAndTheNextFourWeeks()
    {
        var client = await _app.SignInAsync(DemoAccounts.Link);
        var south = await OrganisationAsync(DemoPartnership.SouthBirminghamName);

        var (status, text) = await ReadAsync(client, $"/reports/liaison?organisation={south}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1>Liaison meeting with <bdi>NHS South Birmingham</bdi>: deadlines due and overdue</h1>", text);
        Assert.Contains("Overdue (1)", text);
        Assert.Contains("Closure plans for the Moseley Road clinic", text);
        Assert.Contains("Overdue: due", text);
        Assert.DoesNotContain("Waiting times for wheelchair assessments", text); // answered
    }

    [Fact]
    public async Task Liaison_RangeEndingBeforeItStarts_SaysSoBesideTheField()
    {
        var client = await _app.SignInAsync(DemoAccounts.Commissioner);
        var south = await OrganisationAsync(DemoPartnership.SouthBirminghamName);

        var (status, text) = await ReadAsync(client, $"/reports/liaison?organisation={south}&from=2026-12-01&to=2026-11-01");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<span id=\"to-error\" class=\"report-field-error\">The end of the range must be on or after its start.</span>", text);
        Assert.Contains("value=\"2026-12-01\"", text);
        // The refused field is marked and points to its message; the other is not.
        Assert.Matches("<input id=\"to\" name=\"to\" type=\"date\" value=\"2026-11-01\" aria-invalid=\"true\" aria-describedby=\"to-error\"", text);
        Assert.Matches("<input id=\"from\" name=\"from\" type=\"date\" value=\"2026-12-01\" />", text);
    }

    [Fact]
    public async Task Liaison_AnotherCommissioner_IsRefused()
    {
        var client = await _app.SignInAsync(DemoAccounts.Commissioner);
        var council = await OrganisationAsync(DemoPartnership.AdultsAndCommunitiesName);

        var (status, _) = await ReadAsync(client, $"/reports/liaison?organisation={council}");

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Annual_Link_HasEachStatutoryHeadingAndHowEachWasAnswered()
    {
        var client = await _app.SignInAsync(DemoAccounts.Link);
        var year = await MaternityYearAsync();

        var (status, text) = await ReadAsync(client, $"/reports/annual?year={year.StartYear}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<h1><bdi>Birmingham LINk</bdi>: statutory activity in {year.Label}</h1>", text);
        Assert.Contains("Requests for information (", text);
        Assert.Contains("Reports and recommendations (", text);
        Assert.Contains("Implementation of the recommendations", text);
        Assert.Contains("Referrals to the Overview and Scrutiny Committee (", text);
        Assert.Contains("Engagement exercises (", text);
        Assert.Contains("How quickly organisations responded", text);
        Assert.Contains(MaternityReport, text);
        Assert.Contains("Publish choice-of-birthplace figures by community each quarter.", text);
        Assert.Contains("Withdrawn by the LINk", text);
    }

    [Fact]
    public async Task Annual_Link_ShowsTheImplementationOfEachAcceptedRecommendationAndWhatChanged()
    {
        var client = await _app.SignInAsync(DemoAccounts.Link);
        var year = await MaternityYearAsync();

        var (_, text) = await ReadAsync(client, $"/reports/annual?year={year.StartYear}");

        var section = text[text.IndexOf("id=\"implementation-heading\"", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.DoesNotContain("not yet recorded in", section, StringComparison.Ordinal);
        Assert.Contains("Offer interpreters at every antenatal appointment, booked by the midwife.", section, StringComparison.Ordinal);
        Assert.Contains("the maternity service specification was changed to require it.", section, StringComparison.Ordinal);
        Assert.Contains("Booking form changed: the midwife books the interpreter with the appointment.", section, StringComparison.Ordinal);
        Assert.Contains("The LINk agrees it has been met", section, StringComparison.Ordinal);
        Assert.Contains("In progress (planned for", section, StringComparison.Ordinal);
        // Only accepted (or partly accepted) recommendations have an implementation.
        Assert.DoesNotContain("Open a midwife-led unit in the inner city.", section, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Annual_OrganisationThatIsNotTheLink_IsRefused()
    {
        var client = await _app.SignInAsync(DemoAccounts.Viewer);

        var (status, text) = await ReadAsync(client, "/reports/annual");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("The annual report is the LINk's: only its members can print it.", text);
    }

    [Fact]
    public async Task ResponsivenessCsv_Year_HasOneRowPerOrganisationWithBothStepsCounted()
    {
        var client = await _app.SignInAsync(DemoAccounts.Viewer);
        var year = await MaternityYearAsync();

        var response = await client.GetAsync($"/deadlines/responsiveness.csv?year={year.StartYear}");
        using var reader = new CsvReader(new StringReader(await response.Content.ReadAsStringAsync()), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(reader.Parser.Record!);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Organisation", rows[0][0]);
        Assert.Contains("Acknowledgement: on time", rows[0]);
        Assert.Contains("Full answer: worst working days late", rows[0]);
        var south = Assert.Single(rows, r => r[0] == DemoPartnership.SouthBirminghamName);
        var late = Array.IndexOf(rows[0], "Full answer: late");
        var worst = Array.IndexOf(rows[0], "Full answer: worst working days late");
        Assert.Equal(("1", "4"), (south[late], south[worst]));
    }
}
