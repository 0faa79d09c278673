using EngagementHub.Core;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EngagementHub.Core.Data;
using EngagementHub.Core.Data.Demo;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Timetables;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EngagementHub.Tests.Web;

/// <summary>
/// The timetable's event and cycle pages and its CSV and Excel exports over HTTP, and the server-side refusal of
/// changes by people who may not make them. Events are added in 2031/32, a year the demo partnership does not plan, so
/// the demo's own events never count. Run on SQLite only, as every HTTP test whose subject is not the database
/// (ADR 20), on one app per class set up once (<see cref="TimetableApp"/>): the tests only read and sign in, and check
/// only the log written while they ran; the one that moves the clock starts an app of its own.
/// </summary>
public abstract class TimetableWebTests(TimetableWebTests.TimetableApp fixture)
{
    public sealed class Sqlite(SqliteTimetableApp app) : TimetableWebTests(app), IClassFixture<SqliteTimetableApp>;

    public sealed class SqliteTimetableApp() : TimetableApp(DatabaseProvider.Sqlite);

    /// <summary>The demo app with three events in 2031/32, of two organisations, one linked to an exercise.</summary>
    public abstract class TimetableApp(DatabaseProvider provider) : IAsyncLifetime
    {
        public DatabaseProvider Provider => provider;

        public CapturingLoggerProvider Logs { get; } = new();

        public EngagementHubAppFactory Factory { get; } = new(provider);

        public Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> App { get; private set; } = default!;

        public int South { get; private set; }

        public int Link { get; private set; }

        public int Exercise { get; private set; }

        public int BoardId { get; private set; }

        public async Task InitializeAsync()
        {
            App = Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(Logs)));
            await using (var db = await App.Services.GetRequiredService<IDbContextFactory<EngagementHubDbContext>>().CreateDbContextAsync())
            {
                South = await db.Organisations.Where(o => o.Name == DemoPartnership.SouthBirminghamName).Select(o => o.Id).SingleAsync();
                Link = await db.Organisations.Where(o => o.Name == DemoPartnership.LinkName).Select(o => o.Id).SingleAsync();
                Exercise = await db.Exercises.Where(x => x.Title == "Community stroke rehabilitation").Select(x => x.Id).SingleAsync();
            }

            var timetable = TimetableServices.From(App.Services.CreateScope().ServiceProvider);
            BoardId = (await timetable.Events.CreateEventAsync(Editor(South), new TimetableEventInput
            {
                OrganisationId = South,
                Kind = TimetableEventKind.BoardMeeting,
                Title = "Board meeting in public",
                Location = "Council House, Committee Room 1",
                StartDate = new DateOnly(2031, 9, 17),
                StartTime = new TimeOnly(14, 0),
                EndTime = new TimeOnly(16, 0),
            })).Value;
            Assert.True((await timetable.Events.CreateEventAsync(Editor(South), new TimetableEventInput
            {
                OrganisationId = South,
                Kind = TimetableEventKind.DecisionPoint,
                Title = "Stroke services decision",
                Description = "The board decides, in the light of the engagement, \"what next\".",
                StartDate = new DateOnly(2032, 1, 14),
                IsMovable = true,
                Visibility = EventVisibility.Partnership,
                ExerciseIds = [Exercise],
            })).Succeeded);
            Assert.True((await timetable.Events.CreateEventAsync(Editor(Link), new TimetableEventInput
            {
                OrganisationId = Link,
                Kind = TimetableEventKind.ConsultationWindow,
                Title = "Enter and view visits",
                StartDate = new DateOnly(2031, 11, 3),
                EndDate = new DateOnly(2031, 11, 28),
                IsFormal = false,
            })).Succeeded);
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Factory.DisposeAsync();
        }
    }

    private const int Year = 2031;
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app = fixture.App;
    private readonly int _south = fixture.South;
    private readonly int _link = fixture.Link;
    private readonly int _exercise = fixture.Exercise;
    private readonly int _boardId = fixture.BoardId;

    /// <summary>How many messages the class's app had logged when this test began: the test reads only those after.</summary>
    private readonly int _logsBefore = fixture.Logs.Logs.Count;

    /// <summary>The warnings the app logged during this test.</summary>
    private IEnumerable<CapturedLog> Warnings => fixture.Logs.Logs.Skip(_logsBefore).Where(l => l.Level == LogLevel.Warning);

    private TimetableServices Timetable() => TimetableServices.From(_app.Services.CreateScope().ServiceProvider);

    private static Actor Editor(int organisationId) => new($"user-editor-{organisationId}", "Eddie Editor", organisationId, null, UserRole.Editor);

    private static string[] Lines(string csv) => csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    [InlineData("/timetable/export.csv")]
    [InlineData("/timetable/export.xlsx?year=2026")]
    public async Task Export_Anonymous_RedirectsToSignIn(string path)
    {
        var response = await _app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task ExportCsv_Year_ListsEveryEventWithItsColumnsInDateOrder()
    {
        var client = await SignInAsync(DemoAccounts.Viewer);

        var response = await client.GetAsync($"/timetable/export.csv?year={Year}");
        var lines = Lines(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("timetable-2031-32.csv", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal(
            "First day,Last day,Start time,End time,Organisation,Kind,Title,Formal or informal,Fixed or movable,Visibility,Linked exercises,Location,Description",
            lines[0]);
        Assert.Equal(
            [
                "2031-09-17,2031-09-17,14:00,16:00,NHS South Birmingham,Board or committee meeting,Board meeting in public,Formal,Fixed,Public once published,,\"Council House, Committee Room 1\",",
                "2031-11-03,2031-11-28,,,Birmingham LINk,Consultation window,Enter and view visits,Informal,Fixed,Public once published,,,",
                "2032-01-14,2032-01-14,,,NHS South Birmingham,Decision point,Stroke services decision,Formal,Movable,Partners only,Community stroke rehabilitation,,\"The board decides, in the light of the engagement, \"\"what next\"\".\"",
            ],
            lines.Skip(1));
    }

    [Fact]
    public async Task ExportCsv_NoYear_IsNamedForTheCurrentFinancialYear()
    {
        // 10 February 2027 is in the 2026/27 financial year. Moved before signing in, so the cookie is issued at that time,
        // in an app of the test's own: the others' clock stays where it is.
        await using var app = new EngagementHubAppFactory(fixture.Provider);
        app.Clock.AdjustTime(new DateTimeOffset(2027, 2, 10, 12, 0, 0, TimeSpan.Zero));
        var client = await app.SignInAsync(DemoAccounts.Link);

        var response = await client.GetAsync("/timetable/export.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("timetable-2026-27.csv", response.Content.Headers.ContentDisposition!.FileName);
    }

    [Theory]
    [InlineData("org={south}", new[] { "Board meeting in public", "Stroke services decision" })]
    [InlineData("org={south},{link}&kind=ConsultationWindow,BoardMeeting", new[] { "Board meeting in public", "Enter and view visits" })]
    [InlineData("org={south}&org={link}&kind=DecisionPoint", new[] { "Stroke services decision" })]
    [InlineData("exercise={exercise}", new[] { "Stroke services decision" })]
    [InlineData("kind=RegulatorAssessment", new string[0])]
    [InlineData("exercise={exercise}.", new[] { "Stroke services decision" })]
    [InlineData("exercise=one", new[] { "Board meeting in public", "Enter and view visits", "Stroke services decision" })]
    public async Task ExportCsv_Filtered_ListsOnlyTheMatchingEvents(string filter, string[] titles)
    {
        var client = await SignInAsync(DemoAccounts.Viewer);
        var query = filter.Replace("{south}", _south.ToString()).Replace("{link}", _link.ToString()).Replace("{exercise}", _exercise.ToString());

        var lines = Lines(await client.GetStringAsync($"/timetable/export.csv?year={Year}&{query}"));

        Assert.Equal(titles, lines.Skip(1).Select(l => l.Split(',')[6]));
    }

    /// <summary>The exercise pasted with its sentence's full stop filters the timetable; one that cannot be read is left out.</summary>
    [Theory]
    [InlineData("exercise={exercise}.", true)]
    [InlineData("exercise=one", false)]
    public async Task ListView_ExerciseWithAFullStopOrUnreadable_FilteredOrWhole(string filter, bool filtered)
    {
        var client = await SignInAsync(DemoAccounts.Viewer);

        var response = await client.GetAsync($"/timetable?year={Year}&view=list&{filter.Replace("{exercise}", _exercise.ToString())}");
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Stroke services decision", body);
        Assert.Equal(!filtered, body.Contains("Board meeting in public", StringComparison.Ordinal));
    }

    /// <summary>A year written as the app writes it ("2031/32") opens the new event's form and the cycles on that year.</summary>
    [Fact]
    public async Task NewEventAndCycles_YearWrittenWithASlash_OpenOnThatYear()
    {
        var client = await SignInAsync(DemoAccounts.Link);
        var next = new EngagementHub.Core.Common.FinancialYear(
            EngagementHub.Core.Common.FinancialYear.Containing(EngagementHub.Core.Common.UkTime.Today(fixture.Factory.Clock)).StartYear + 1);

        var form = await client.GetAsync("/timetable/events/new?year=2031%2F32");
        var cycles = await client.GetAsync($"/timetable/cycles?year={Uri.EscapeDataString(next.Label)}");

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("href=\"/timetable?year=2031\"", WebUtility.HtmlDecode(await form.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, cycles.StatusCode);
        Assert.Contains($", {next.Label}\"", WebUtility.HtmlDecode(await cycles.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ExportXlsx_Year_IsAWorkbookWithAHeaderRealDatesAndARowEach()
    {
        var client = await SignInAsync(DemoAccounts.Commissioner);

        var response = await client.GetAsync($"/timetable/export.xlsx?year={Year}");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("timetable-2031-32.xlsx", response.Content.Headers.ContentDisposition!.FileName);
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal("Title", rows[0].Elements<Cell>().ElementAt(6).InnerText);
        Assert.Equal("Board meeting in public", rows[1].Elements<Cell>().ElementAt(6).InnerText);
        var firstDay = rows[1].Elements<Cell>().First();
        Assert.Equal(CellValues.Number, firstDay.DataType!.Value);
        Assert.Equal(new DateOnly(2031, 9, 17), DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(firstDay.InnerText, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory]
    [InlineData(DemoAccounts.Commissioner, "/timetable/events/{board}", "Board meeting in public")]
    [InlineData(DemoAccounts.Viewer, "/timetable/events/{board}", "Only editors of <bdi>NHS South Birmingham</bdi> can change this event.")]
    [InlineData(DemoAccounts.Viewer, "/timetable/events/999999", "Event not found")]
    [InlineData(DemoAccounts.Link, "/timetable/events/new?year=2031", "New timetable event")]
    [InlineData(DemoAccounts.Commissioner, "/timetable/events/{board}/edit", "Edit timetable event")]
    [InlineData(DemoAccounts.Link, "/timetable/cycles", "Generate a cycle for Birmingham LINk")]
    [InlineData(DemoAccounts.Admin, "/admin/cycles", "A change affects only cycles generated afterwards")]
    public async Task Page_SignedIn_IsServed(string account, string path, string text)
    {
        var client = await SignInAsync(account);

        var response = await client.GetAsync(path.Replace("{board}", _boardId.ToString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<h1", body);
        Assert.Contains(text, body);
    }

    [Fact]
    public async Task AdminCycles_Editor_IsRefused()
    {
        var client = await SignInAsync(DemoAccounts.Commissioner);

        var response = await client.GetAsync("/admin/cycles");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task UpdateEventAsync_ViewerOrAnotherOrganisation_IsRefusedOnTheServerAndLogged()
    {
        var timetable = Timetable();
        var details = TimetableEventInput.From((await timetable.Queries.GetEventAsync(_boardId))!.Event);
        details.Title = "Board meeting (cancelled)";
        var viewer = new Actor("user-vera", "Vera Viewer", _south, null, UserRole.Viewer);

        var byViewer = await Assert.ThrowsAsync<AccessDeniedException>(() => timetable.Events.UpdateEventAsync(viewer, _boardId, details));
        await Assert.ThrowsAsync<AccessDeniedException>(() => timetable.Events.UpdateEventAsync(Editor(_link), _boardId, details));
        await Assert.ThrowsAsync<AccessDeniedException>(() => timetable.Events.RemoveEventAsync(Editor(_link), _boardId, details.Version));

        Assert.Equal("You can only do this for your own organisation, as an editor.", byViewer.Message);
        Assert.Equal("Board meeting in public", (await timetable.Queries.GetEventAsync(_boardId))!.Event.Title);
        var denials = Warnings.Where(l => l.Message.StartsWith("Access denied", StringComparison.Ordinal)).Select(l => l.Message).ToList();
        Assert.Contains(denials, m => m.Contains("user-vera (Viewer", StringComparison.Ordinal) && m.Contains("edit a timetable event", StringComparison.Ordinal));
        Assert.Contains(denials, m => m.Contains($"user-editor-{_link} (Editor", StringComparison.Ordinal) && m.Contains("remove a timetable event", StringComparison.Ordinal));
    }

    private async Task<HttpClient> SignInAsync(string email)
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostSignInAsync(email, EngagementHubAppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
