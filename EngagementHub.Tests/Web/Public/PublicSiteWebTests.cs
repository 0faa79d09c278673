using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Public;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Web.Public;

/// <summary>
/// The public site over HTTP, without signing in, on the demo partnership. Run on SQLite only, as every HTTP test whose
/// subject is not the database (ADR 20); the tests only read, so those of a class share one app.
/// </summary>
public abstract partial class PublicSiteWebTests(EngagementHubAppFactory app)
{
    public sealed class Sqlite(SqliteApp app) : PublicSiteWebTests(app), IClassFixture<SqliteApp>;

    private readonly EngagementHubAppFactory _app = app;

    public static TheoryData<string> PublicAddresses =>
    [
        "/public", "/public/timetable", "/public/timetable?year=2026&kind=DecisionPoint", "/public/exercises", "/public/data",
        "/public/accessibility", "/public/timetable.csv", "/public/timetable.json", "/public/exercises.csv", "/public/exercises.json",
        "/public/you-said-we-did", "/public/you-said-we-did?status=Done&year=2026", "/public/you-said-we-did.csv", "/public/you-said-we-did.json",
        "/public/responsiveness", "/public/responsiveness?year=2025", "/public/responsiveness.csv", "/public/responsiveness.json",
        "/public/decisions", "/public/decisions?kind=DeclineIssue",
    ];

    [Theory]
    [MemberData(nameof(PublicAddresses))]
    public async Task PublicAddress_Anonymous_AnswersWithCachingHeaders(string path)
    {
        var response = await _app.CreateAnonymous().GetAsync(path);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task ExercisePage_Anonymous_AnswersWithCachingHeaders()
    {
        var id = (await PublicExerciseIdsOnPageAsync()).First();

        var response = await _app.CreateAnonymous().GetAsync($"/public/exercises/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
    }

    [Theory]
    [InlineData("/public/timetable")]
    [InlineData("/public/exercises.json")]
    public async Task PublicAddress_RevalidatedWithItsETag_AnswersNotModified(string path)
    {
        var client = _app.CreateAnonymous();
        var first = await client.GetAsync(path);

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task PublicPage_Anonymous_IsPlainHtmlWithoutScriptsInThePartnershipsName()
    {
        var body = await _app.CreateAnonymous().GetStringAsync("/public/timetable");

        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("blazor.web.js", body, StringComparison.Ordinal);
        Assert.Contains("Birmingham partnership", body, StringComparison.Ordinal);
        Assert.Contains("href=\"#main-content\"", body, StringComparison.Ordinal);
        Assert.Contains("/public/accessibility", body, StringComparison.Ordinal);
        Assert.Contains("/calendar/public.ics", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/timetable")]
    [InlineData("/exercises")]
    [InlineData("/timetable/export.csv")]
    public async Task SignedInOnlyPage_Anonymous_StillRedirectsToSignIn(string path)
    {
        var response = await _app.CreateAnonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task TimetableData_FilteredAsThePage_HoldsTheSameDates()
    {
        await using var db = await ContextAsync();
        var south = await db.Organisations.SingleAsync(o => o.Name == "NHS South Birmingham");
        var query = $"?year=2026&org={south.Id}&kind=BoardMeeting,DecisionPoint";
        var client = _app.CreateAnonymous();

        var page = await client.GetStringAsync("/public/timetable" + query);
        var json = JsonDocument.Parse(await client.GetStringAsync("/public/timetable.json" + query));
        var csv = CsvRows(await client.GetStringAsync("/public/timetable.csv" + query));

        var onPage = EventIds().Matches(page).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        var inJson = json.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt32()).ToList();
        var inCsv = csv.Skip(1).Select(r => int.Parse(r[0])).ToList();
        Assert.NotEmpty(onPage);
        Assert.Equal(onPage, inJson);
        Assert.Equal(onPage, inCsv);
        Assert.All(json.RootElement.GetProperty("events").EnumerateArray(), e =>
        {
            Assert.Equal("NHS South Birmingham", e.GetProperty("organisation").GetString());
            Assert.Contains(e.GetProperty("kind").GetString(), new[] { "BoardMeeting", "DecisionPoint" });
        });
        Assert.Equal("2026/27", json.RootElement.GetProperty("year").GetString());
    }

    // The demo's 2026/27 was agreed in March; South moved its October board in May. The year stays published as it now
    // stands, and the page and its data say which date nobody has agreed yet.
    [Fact]
    public async Task TimetablePage_YearChangedSinceAgreement_SaysSoAndMarksTheChangedDate()
    {
        await using var db = await ContextAsync();
        var moved = (await db.TimetableChanges.Where(c => c.EventId != null).Select(c => c.EventId!.Value).ToListAsync()).Distinct().Single();
        var client = _app.CreateAnonymous();

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/public/timetable?year=2026"));
        var json = JsonDocument.Parse(await client.GetStringAsync("/public/timetable.json?year=2026")).RootElement;

        Assert.Contains("It has changed since, and the changes are still to be agreed", page, StringComparison.Ordinal);
        var item = Regex.Match(page, $"<li id=\"event-{moved}\">(.*?)</li>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("Changed since the timetable was agreed; not yet agreed.", item, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(page, "since the timetable was agreed; not yet agreed"));
        Assert.True(json.GetProperty("changedSinceAgreement").GetBoolean());
        Assert.Equal([(moved, "Changed")], json.GetProperty("events").EnumerateArray()
            .Select(e => (e.GetProperty("id").GetInt32(), e.GetProperty("sinceAgreement").GetString()))
            .Where(e => e.Item2 != "AsAgreed"));
    }

    [Fact]
    public async Task TimetablePage_UnpublishedYear_ShowsNoDatesAndSaysSo()
    {
        var client = _app.CreateAnonymous();

        var page = await client.GetStringAsync("/public/timetable?year=2027");
        var json = JsonDocument.Parse(await client.GetStringAsync("/public/timetable.json?year=2027"));

        Assert.Contains("The timetable for 2027/28 has not been published.", page, StringComparison.Ordinal);
        Assert.Empty(EventIds().Matches(page));
        Assert.Empty(json.RootElement.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task ExercisesData_ComparedWithThePage_HoldsTheSameExercises()
    {
        var client = _app.CreateAnonymous();

        var onPage = await PublicExerciseIdsOnPageAsync();
        var json = JsonDocument.Parse(await client.GetStringAsync("/public/exercises.json"));
        var csv = CsvRows(await client.GetStringAsync("/public/exercises.csv"));

        var inJson = json.RootElement.GetProperty("exercises").EnumerateArray().Select(e => e.GetProperty("id").GetInt32()).ToList();
        Assert.NotEmpty(onPage);
        Assert.Equal(onPage, inJson);
        Assert.Equal(onPage, csv.Skip(1).Select(r => int.Parse(r[0])).ToList());

        await using var db = await ContextAsync();
        var hidden = await db.Exercises.Where(e => e.State == ExerciseState.Proposed || e.State == ExerciseState.Cancelled).Select(e => e.Id).ToListAsync();
        Assert.NotEmpty(hidden);
        Assert.Empty(onPage.Intersect(hidden));
    }

    [Fact]
    public async Task ExercisePage_AProposedExercise_AnswersNotFound()
    {
        await using var db = await ContextAsync();
        var proposed = await db.Exercises.FirstAsync(e => e.State == ExerciseState.Proposed);

        var response = await _app.CreateAnonymous().GetAsync($"/public/exercises/{proposed.Id}");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{response.StatusCode}: {body}");
        Assert.DoesNotContain(proposed.Title, body, StringComparison.Ordinal);
        Assert.Contains("Exercise not found", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExercisePage_AnAgreedExercise_ShowsItsOptionReasonsAndAgreementWithoutPeople()
    {
        await using var db = await ContextAsync();
        var exercise = await db.Exercises.Include(e => e.Proposals)
            .FirstAsync(e => e.State == ExerciseState.Running && e.AgreementStatus == AgreementStatus.Agreed);
        var agreed = exercise.CurrentProposal!;

        var body = WebUtility.HtmlDecode(await _app.CreateAnonymous().GetStringAsync($"/public/exercises/{exercise.Id}"));

        Assert.Contains(exercise.Title, body, StringComparison.Ordinal);
        Assert.Contains($"Option {agreed.PrimaryOption}: {JointWorkingOptions.Get(agreed.PrimaryOption).Name}", body, StringComparison.Ordinal);
        Assert.Contains(agreed.Reasons, body, StringComparison.Ordinal);
        Assert.DoesNotContain(agreed.ProposedByName, body, StringComparison.Ordinal);
        Assert.DoesNotContain(agreed.CommissionerAgreedBy!, body, StringComparison.Ordinal);
        Assert.DoesNotContain(agreed.LinkAgreedBy!, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicData_Anonymous_HoldsNoPersonsContactDetails()
    {
        await using var db = await ContextAsync();
        var emails = await db.Contacts.Where(c => c.Email != null).Select(c => c.Email!).ToListAsync();
        emails.AddRange(await db.Users.Where(u => u.Email != null).Select(u => u.Email!).ToListAsync());
        var client = _app.CreateAnonymous();

        var people = await db.Users.Select(u => u.DisplayName).ToListAsync();
        foreach (var path in new[]
                 {
                     "/public/timetable.json", "/public/exercises.json", "/public/timetable", "/public/exercises",
                     "/public/you-said-we-did", "/public/you-said-we-did.json", "/public/responsiveness", "/public/responsiveness.json",
                 })
        {
            var body = await client.GetStringAsync(path);
            Assert.DoesNotContain(emails, e => body.Contains(e, StringComparison.OrdinalIgnoreCase));
            if (path.Contains("you-said", StringComparison.Ordinal))
            {
                Assert.DoesNotContain(people, p => WebUtility.HtmlDecode(body).Contains(p, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task DecisionsPage_Anonymous_ListsEveryDecisionWithItsReasonsAndNoReferrerOrPanelMember()
    {
        await using var db = await ContextAsync();
        var referrers = await db.RaisedIssues.Select(i => i.ReferrerName).ToListAsync();
        var contacts = await db.RaisedIssues.Where(i => i.ReferrerContact != null).Select(i => i.ReferrerContact!).ToListAsync();
        var decisions = await db.RelevantDecisions.ToListAsync();

        var body = WebUtility.HtmlDecode(await _app.CreateAnonymous().GetStringAsync("/public/decisions"));

        Assert.NotEmpty(decisions);
        Assert.All(decisions, d => Assert.Contains(d.Reasons, body, StringComparison.Ordinal));
        Assert.DoesNotContain(referrers, r => body.Contains(r, StringComparison.Ordinal));
        Assert.DoesNotContain(contacts, c => body.Contains(c, StringComparison.Ordinal));
        Assert.DoesNotContain("Chair, vice-chair", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PublicHome_Anonymous_LinksEveryPublicPageInItsOwnItem()
    {
        var body = await _app.CreateAnonymous().GetStringAsync("/public");

        // Every page of the public site has an item of its own in the index's list, introducing it.
        var list = Regex.Match(body, "<ul class=\"public-list\">(.*?)</ul>", RegexOptions.Singleline).Groups[1].Value;
        var items = Regex.Matches(list, "<li>(.*?)</li>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        foreach (var page in PublicPages.All.Where(p => p != PublicPages.Home))
        {
            Assert.Single(items, item => item.Contains($"href=\"{page.Href}\"", StringComparison.Ordinal));
        }

        Assert.All(items, item => Assert.Single(Regex.Matches(item, "<a ")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?status=Done")]
    [InlineData("?year=2026&status=InProgress")]
    public async Task RegisterData_FilteredAsThePage_HoldsTheSameRecommendations(string query)
    {
        var client = _app.CreateAnonymous();

        var page = await client.GetStringAsync("/public/you-said-we-did" + query);
        var json = JsonDocument.Parse(await client.GetStringAsync("/public/you-said-we-did.json" + query));
        var csv = CsvRows(await client.GetStringAsync("/public/you-said-we-did.csv" + query));

        var onPage = RecommendationIds().Matches(page).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        var inJson = json.RootElement.GetProperty("recommendations").EnumerateArray().Select(e => e.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(onPage, inJson);
        Assert.Equal(onPage, csv.Skip(1).Select(r => int.Parse(r[0])).ToList());
        if (query.Length == 0)
        {
            Assert.NotEmpty(onPage);
        }
    }

    /// <summary>A link pasted with its sentence's full stop, or a year written as the site writes it, is read as meant.</summary>
    [Fact]
    public async Task RegisterData_ValuesWithAFullStopOrAYearWithASlash_ReadAsTheSiteWritesThem()
    {
        await using var db = await ContextAsync();
        var south = await db.Organisations.SingleAsync(o => o.Name == "NHS South Birmingham");
        var year = FinancialYear.Containing(global::EngagementHub.Core.Common.UkTime.Today(_app.Clock));
        var client = _app.CreateAnonymous();

        var pasted = await client.GetStringAsync($"/public/you-said-we-did.csv?commissioner={south.Id}.&status=Done.");
        var linked = await client.GetStringAsync($"/public/you-said-we-did.csv?commissioner={south.Id}&status=Done");
        var slashed = await client.GetStringAsync($"/public/responsiveness.json?year={Uri.EscapeDataString(year.Label)}.");

        Assert.Equal(linked, pasted);
        Assert.True(CsvRows(linked).Count > 1);
        Assert.Equal(year.Label, JsonDocument.Parse(slashed).RootElement.GetProperty("year").GetString());
    }

    [Fact]
    public async Task RegisterPage_CommissionerFilter_ShowsWhatChangedTheMilestoneAndTheLinksView()
    {
        await using var db = await ContextAsync();
        var south = await db.Organisations.SingleAsync(o => o.Name == "NHS South Birmingham");

        var page = WebUtility.HtmlDecode(await _app.CreateAnonymous().GetStringAsync($"/public/you-said-we-did?commissioner={south.Id}&status=Done"));

        Assert.Contains("Offer interpreters at every antenatal appointment, booked by the midwife.", page, StringComparison.Ordinal);
        Assert.Contains("the maternity service specification was changed to require it.", page, StringComparison.Ordinal);
        Assert.Contains("Booking form changed: the midwife books the interpreter with the appointment.", page, StringComparison.Ordinal);
        Assert.Contains("The LINk agrees it has been met", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Open a midwife-led unit in the inner city.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterPage_ExerciseLinks_OnlyToPublicExercises()
    {
        await using var db = await ContextAsync();
        var publicIds = await db.Exercises
            .Where(e => e.State != ExerciseState.Proposed && e.State != ExerciseState.Cancelled).Select(e => e.Id).ToListAsync();

        var page = await _app.CreateAnonymous().GetStringAsync("/public/you-said-we-did");

        var linked = ExerciseLinkIds().Matches(page).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.All(linked, id => Assert.Contains(id, publicIds));
    }

    [Fact]
    public async Task ResponsivenessPage_Demo_ShowsTheCoreFiguresForEachOrganisation()
    {
        var year = FinancialYear.Containing(global::EngagementHub.Core.Common.UkTime.Today(_app.Clock));
        var expected = await _app.Services.GetRequiredService<DeadlineService>().ResponsivenessAsync(year);
        var client = _app.CreateAnonymous();

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/public/responsiveness?year={year.StartYear}"));
        var json = JsonDocument.Parse(await client.GetStringAsync($"/public/responsiveness.json?year={year.StartYear}"));

        Assert.NotEmpty(expected);
        Assert.Contains("How the figures are counted", page, StringComparison.Ordinal);
        Assert.Equal(expected.Count, Regex.Matches(page, "<section aria-labelledby=\"organisation-").Count);
        var rows = json.RootElement.GetProperty("organisations").EnumerateArray().ToList();
        Assert.Equal(expected.Select(f => f.OrganisationId), rows.Select(r => r.GetProperty("organisationId").GetInt32()));
        foreach (var (figures, row) in expected.Zip(rows))
        {
            var section = page[page.IndexOf($"data-organisation=\"{figures.OrganisationId}\"", StringComparison.Ordinal)..];
            section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
            Assert.Contains($"data-testid=\"ack-on-time\">{figures.Acknowledgement.OnTimeText}<", section, StringComparison.Ordinal);
            Assert.Contains($"data-testid=\"ack-late\">{figures.Acknowledgement.LateText}<", section, StringComparison.Ordinal);
            Assert.Contains($"data-testid=\"ack-overdue\">{figures.Acknowledgement.Overdue}<", section, StringComparison.Ordinal);
            Assert.Contains($"data-testid=\"extended-late\">{figures.ExtendedAfterDueDate} ", section, StringComparison.Ordinal);
            if (figures.Answer.Counted > 0)
            {
                Assert.Contains($"data-testid=\"answer-on-time\">{figures.Answer.OnTimeText}<", section, StringComparison.Ordinal);
                Assert.Contains($"data-testid=\"answer-late\">{figures.Answer.LateText}<", section, StringComparison.Ordinal);
            }

            Assert.Equal(figures.Requests, row.GetProperty("requests").GetInt32());
            Assert.Equal(figures.Acknowledgement.OnTime, row.GetProperty("acknowledgementOnTime").GetInt32());
            Assert.Equal(figures.Answer.Late, row.GetProperty("answerLate").GetInt32());
            Assert.Equal(figures.Answer.Overdue, row.GetProperty("answerOverdue").GetInt32());
            Assert.Equal(figures.ExtendedAfterDueDate, row.GetProperty("extendedAfterDueDate").GetInt32());
        }
    }

    [Fact]
    public async Task OpenDataPage_EveryFieldOfTheNewFiles_IsDocumented()
    {
        var page = await _app.CreateAnonymous().GetStringAsync("/public/data");

        foreach (var name in global::EngagementHub.Web.Endpoints.PublicDataEndpoints.RegisterFields.Select(f => f.Name)
                     .Concat(global::EngagementHub.Web.Endpoints.PublicDataEndpoints.ResponsivenessFields.Select(f => f.Name)))
        {
            Assert.Contains($"<code>{name}</code>", page, StringComparison.Ordinal);
        }

        Assert.Contains("/public/you-said-we-did.csv", page, StringComparison.Ordinal);
        Assert.Contains("/public/responsiveness.json", page, StringComparison.Ordinal);
    }

    private async Task<List<int>> PublicExerciseIdsOnPageAsync()
    {
        var page = await _app.CreateAnonymous().GetStringAsync("/public/exercises");
        return [.. ExerciseLinks().Matches(page).Select(m => int.Parse(m.Groups[1].Value))];
    }

    private async Task<EngagementHubDbContext> ContextAsync() =>
        await _app.Services.GetRequiredService<IDbContextFactory<EngagementHubDbContext>>().CreateDbContextAsync();

    private static List<string[]> CsvRows(string text)
    {
        using var reader = new StringReader(text.TrimStart('\uFEFF'));
        using var csv = new CsvHelper.CsvParser(reader, System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Record!);
        }

        return rows;
    }

    [GeneratedRegex("<li id=\"event-(\\d+)\"")]
    private static partial Regex EventIds();

    [GeneratedRegex("<li id=\"recommendation-(\\d+)\"")]
    private static partial Regex RecommendationIds();

    [GeneratedRegex("href=\"/public/exercises/(\\d+)\"")]
    private static partial Regex ExerciseLinkIds();

    [GeneratedRegex("<h3><a href=\"/public/exercises/(\\d+)\">")]
    private static partial Regex ExerciseLinks();
}
