using AngleSharp.Html.Parser;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Timetables;
using EngagementHub.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Web;

/// <summary>
/// The list pages arrive with their data: the server-rendered HTML (the prerender, before any circuit) of the exercise,
/// deadline and timetable lists already holds their first rows, on the demo partnership. The tests only read, so they
/// share one app.
/// </summary>
public sealed class ListPrerenderTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly HtmlParser Parser = new();

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(HttpClient client, string url) =>
        await Parser.ParseDocumentAsync(await client.GetStringAsync(url));

    private static List<string> Cells(AngleSharp.Html.Dom.IHtmlDocument page, string label, string? within = null) =>
        [.. page.QuerySelectorAll($"{within} td[data-label='{label}']".Trim()).Select(td => td.TextContent.Trim())];

    [Fact]
    public async Task Exercises_ServerRendered_HoldsTheFirstPageOfRowsAndItsRange()
    {
        var client = await app.SignInAsync(DemoAccounts.Link);
        var expected = await app.Services.GetRequiredService<ExerciseService>().SearchAsync(new ExerciseFilter(), 0, 25);

        var page = await PageAsync(client, "/exercises?show=all");

        Assert.Equal(expected.Rows.Select(r => r.Title), Cells(page, "Exercise"));
        var range = page.QuerySelector("[data-testid=pager-range]")!.TextContent;
        Assert.Equal($"1–{Math.Min(25, expected.TotalCount)} of {expected.TotalCount}", range);
        Assert.DoesNotContain("0–0 of 0", page.Body!.TextContent);
        Assert.DoesNotContain("No exercise matches these filters", page.Body.TextContent);
    }

    [Fact]
    public async Task Exercises_SecondPageInTheAddress_ServerRenderedWithThatPagesRows()
    {
        var client = await app.SignInAsync(DemoAccounts.Link);
        var expected = await app.Services.GetRequiredService<ExerciseService>().SearchAsync(new ExerciseFilter(), 5, 5);

        var page = await PageAsync(client, "/exercises?show=all&page=2&size=5");

        Assert.Equal(expected.Rows.Select(r => r.Title), Cells(page, "Exercise"));
        Assert.StartsWith("6–10 of ", page.QuerySelector("[data-testid=pager-range]")!.TextContent);
    }

    /// <summary>A year written as the app writes it ("2026/27") and a page pasted with its sentence's full stop are read.</summary>
    [Fact]
    public async Task Exercises_YearWithASlashAndPageWithAFullStop_ServerRenderedWithThatYearsPage()
    {
        var client = await app.SignInAsync(DemoAccounts.Link);
        var year = FinancialYear.Containing(UkTime.Today(app.Clock));
        var expected = await app.Services.GetRequiredService<ExerciseService>().SearchAsync(new ExerciseFilter { Year = year }, 2, 2);

        var page = await PageAsync(client, $"/exercises?show=all&year={Uri.EscapeDataString(year.Label)}&page=2.&size=2");

        Assert.NotEmpty(expected.Rows);
        Assert.Equal(expected.Rows.Select(r => r.Title), Cells(page, "Exercise"));
        Assert.StartsWith($"3–", page.QuerySelector("[data-testid=pager-range]")!.TextContent);
    }

    /// <summary>The organisation pasted with a full stop filters the list; the year written "2025/26" chooses the responsiveness shown.</summary>
    [Fact]
    public async Task Deadlines_OrganisationWithAFullStopAndYearWithASlash_ServerRenderedFilteredForThatYear()
    {
        var client = await app.SignInAsync(DemoAccounts.Link);
        var lastYear = new FinancialYear(FinancialYear.Containing(UkTime.Today(app.Clock)).StartYear - 1);
        int south;
        await using (var db = app.Database.CreateContext())
        {
            south = db.Organisations.Where(o => o.Name == EngagementHub.Core.Data.Demo.DemoPartnership.SouthBirminghamName).Select(o => o.Id).Single();
        }

        var expected = await app.Services.GetRequiredService<DeadlineService>().ListAsync(new DeadlineFilter { ToOrganisationId = south });

        var page = await PageAsync(client, $"/deadlines?show=all&to={south}.&kind=one&year={Uri.EscapeDataString(lastYear.Label)}");

        Assert.InRange(expected.Count, 1, EngagementHub.Web.Components.Pages.Deadlines.DeadlineTable.DefaultPageSize);
        Assert.Equal(expected.Select(d => d.Subject).Order(), Cells(page, "Subject", "[data-testid=all-deadlines]").Order());
        Assert.NotNull(page.QuerySelector($"a[href='/deadlines/responsiveness.csv?year={lastYear.StartYear}']"));
    }

    [Fact]
    public async Task Deadlines_ServerRendered_HoldsTheOverdueAndTheFilteredRows()
    {
        var client = await app.SignInAsync(DemoAccounts.Link);
        var overdue = await app.Services.GetRequiredService<DeadlineService>().ListAsync(new DeadlineFilter { OverdueOnly = true });

        var page = await PageAsync(client, "/deadlines?show=all");

        Assert.NotEmpty(overdue);
        Assert.Equal(overdue.Select(d => d.Subject).Order(), Cells(page, "Subject", "[data-testid=overdue]").Order());
        Assert.NotEmpty(Cells(page, "Subject", "[data-testid=all-deadlines]"));
        Assert.Null(page.QuerySelector("[aria-label='Loading the deadlines']"));
        Assert.DoesNotContain("No deadline matches these filters", page.Body!.TextContent);
    }

    [Fact]
    public async Task Timetable_ListView_ServerRenderedWithTheYearsFirstEvents()
    {
        var client = await app.SignInAsync(DemoAccounts.Viewer);
        var year = FinancialYear.Containing(UkTime.Today(app.Clock));
        var data = await app.Services.GetRequiredService<TimetableQueries>().YearAsync(year);
        var first = data.Events.OrderBy(e => e.StartDate).ThenBy(e => e.StartTime ?? TimeOnly.MinValue).ThenBy(e => e.Id).Take(3).Select(e => e.Title);

        var page = await PageAsync(client, $"/timetable?year={year.StartYear}&view=list");

        Assert.Equal(first, Cells(page, "Title").Take(3));
        Assert.DoesNotContain($"No events in {year.Label}", page.Body!.TextContent);
    }

    [Fact]
    public async Task Timetable_MonthAndListViews_PrerenderedWholeEveryTime()
    {
        // The tabs reported an index of their own as they first rendered, and the page acted on it mid-response: about
        // one request in three for the month or list view was cut off. Twenty of each leave no room for luck.
        var client = await app.SignInAsync(DemoAccounts.Viewer);
        var year = FinancialYear.Containing(UkTime.Today(app.Clock)).StartYear;

        for (var i = 0; i < 20; i++)
        {
            var month = await PageAsync(client, $"/timetable?year={year}&view=month");
            var list = await PageAsync(client, $"/timetable?year={year}&view=list");

            Assert.NotNull(month.QuerySelector("[data-testid=month-title]"));
            Assert.NotNull(list.QuerySelector("[data-testid=list-view]"));
        }
    }

    [Fact]
    public async Task Timetable_YearView_ServerRenderedWithEvents()
    {
        var client = await app.SignInAsync(DemoAccounts.Viewer);

        var page = await PageAsync(client, "/timetable");

        Assert.NotEmpty(page.QuerySelectorAll("a[href^='/timetable/events/']"));
        Assert.DoesNotContain("No events in", page.Body!.TextContent);
    }
}
