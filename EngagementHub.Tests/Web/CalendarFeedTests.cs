using EngagementHub.Core;
using System.Net;
using System.Net.Http.Headers;
using EngagementHub.Core.Calendar;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Timetables;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Calendar = Ical.Net.Calendar;

namespace EngagementHub.Tests.Web;

/// <summary>
/// The public and private calendar feeds, on one app per class (per database: see the nested classes) set up once with a
/// published and a draft year of events. Each test creates the feeds it reads, and checks only the log written while it
/// ran; the tests with other settings start apps of their own.
/// </summary>
public abstract class CalendarFeedTests(CalendarFeedTests.FeedApp fixture)
{
    public sealed class Sqlite(SqliteFeedApp app) : CalendarFeedTests(app), IClassFixture<SqliteFeedApp>;

    public sealed class SqliteFeedApp() : FeedApp(DatabaseProvider.Sqlite);

    /// <summary>The demo app with events in a year the demo leaves without a timetable, published, and in one not published.</summary>
    public abstract class FeedApp(DatabaseProvider provider) : IAsyncLifetime
    {
        public EngagementHubAppFactory App { get; } = new(provider);

        public CapturingLoggerProvider Logs { get; } = new();

        public FinancialYear Published { get; private set; }

        public FinancialYear Draft { get; private set; }

        public async Task InitializeAsync()
        {
            App.CreateClient();
            App.Services.GetRequiredService<ILoggerFactory>().AddProvider(Logs);
            var thisYear = FinancialYear.Containing(UkTime.Today(App.Clock));
            // Years the demo leaves without a timetable (it publishes the current one), both inside the feeds' window.
            Published = new FinancialYear(thisYear.StartYear + 1);
            Draft = new FinancialYear(thisYear.StartYear - 1);

            await using var db = await App.Services.GetRequiredService<IDbContextFactory<EngagementHubDbContext>>().CreateDbContextAsync();
            var link = await db.Organisations.SingleAsync(o => o.Name == "Birmingham LINk");
            var south = await db.Organisations.SingleAsync(o => o.Name == "NHS South Birmingham");
            var now = App.Clock.GetUtcNow();
            db.TimetableEvents.AddRange(
                Event(south.Id, "Public board meeting", Published.Start.AddMonths(3), EventVisibility.Public, new TimeOnly(14, 0)),
                Event(south.Id, "Partners' planning workshop", Published.Start.AddMonths(4), EventVisibility.Partnership),
                Event(link.Id, "Unpublished year's public consultation", Draft.Start.AddMonths(1), EventVisibility.Public));

            // Publish this year's timetable: proposed by the LINk, agreed by the commissioner.
            var timetable = new AnnualTimetable(Published);
            Assert.True(timetable.Propose([south.Id], link.Id, "Lena", null, now).Succeeded);
            Assert.True(timetable.Agree(south.Id, "Colin", now).Succeeded);
            db.AnnualTimetables.Add(timetable);
            await db.SaveChangesAsync();
            return;

            TimetableEvent Event(int organisationId, string title, DateOnly date, EventVisibility visibility, TimeOnly? at = null) =>
                new(new TimetableEventInput
                {
                    OrganisationId = organisationId, Kind = TimetableEventKind.BoardMeeting, Title = title, StartDate = date,
                    StartTime = at, EndTime = at?.AddHours(2), Visibility = visibility,
                }, now);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private readonly DatabaseProvider _provider = fixture.App.Database.Provider;
    private readonly EngagementHubAppFactory _app = fixture.App;
    private readonly FinancialYear _published = fixture.Published;

    /// <summary>How many messages the class's app had logged when this test began: the test reads only those after.</summary>
    private readonly int _logsBefore = fixture.Logs.Logs.Count;

    /// <summary>What the app logged during this test.</summary>
    private IReadOnlyList<CapturedLog> Logs => [.. fixture.Logs.Logs.Skip(_logsBefore)];

    private IEnumerable<CapturedLog> Warnings => Logs.Where(l => l.Level == LogLevel.Warning);

    private async Task<EngagementHubDbContext> CreateContextAsync() =>
        await _app.Services.GetRequiredService<IDbContextFactory<EngagementHubDbContext>>().CreateDbContextAsync();

    private CalendarFeedService Feeds => _app.Services.GetRequiredService<CalendarFeedService>();

    private async Task<Actor> ActorAsync(string email)
    {
        await using var db = await CreateContextAsync();
        return await db.ActorAsync(email);
    }

    private static Calendar Parse(string text) => Calendar.Load(text)!;

    private static List<string> Summaries(Calendar calendar) => [.. calendar.Events.Select(e => e.Summary!)];

    [Fact]
    public async Task PublicFeed_Anonymous_IsACalendarOfThePublicEventsOfPublishedYears()
    {
        var response = await _app.CreateAnonymous().GetAsync("/calendar/public.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("public, max-age=900", response.Headers.CacheControl!.ToString());
        var calendar = Parse(await response.Content.ReadAsStringAsync());
        var summaries = Summaries(calendar);
        Assert.Contains("Public board meeting (NHS South Birmingham)", summaries);
        Assert.DoesNotContain(summaries, s => s.StartsWith("Partners' planning workshop", StringComparison.Ordinal));
        Assert.DoesNotContain(summaries, s => s.StartsWith("Unpublished year's public consultation", StringComparison.Ordinal));
        Assert.DoesNotContain(calendar.Events, e => e.Uid!.StartsWith("deadline-", StringComparison.Ordinal));
        Assert.Equal("Birmingham partnership timetable", calendar.Properties["X-WR-CALNAME"]!.Value);
        var board = calendar.Events.Single(e => e.Summary == "Public board meeting (NHS South Birmingham)");
        Assert.Equal("Europe/London", board.DtStart!.TzId);
        Assert.StartsWith("http://localhost/public/timetable?year=", board.Url!.ToString());
        // Its place on the public timetable, which a subscriber can open without signing in.
        Assert.Matches("#event-[0-9]+$", board.Url!.ToString());
    }

    [Fact]
    public async Task PublicFeed_SameETag_AnswersNotModified()
    {
        var client = _app.CreateAnonymous();
        var first = await client.GetAsync("/calendar/public.ics");
        var etag = first.Headers.ETag!;

        var request = new HttpRequestMessage(HttpMethod.Get, "/calendar/public.ics");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag));
        var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(etag, (await client.GetAsync("/calendar/public.ics")).Headers.ETag);
    }

    [Fact]
    public async Task PrivateFeed_BySecret_HoldsPartnershipEventsAndThePersonsOpenDeadlines()
    {
        var link = await ActorAsync(DemoAccounts.Link);
        var created = (await Feeds.CreatePersonalAsync(link)).Value!;

        var response = await _app.CreateAnonymous().GetAsync($"/calendar/feeds/{created.Secret}.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var summaries = Summaries(Parse(await response.Content.ReadAsStringAsync()));
        Assert.Contains("Partners' planning workshop (NHS South Birmingham)", summaries);
        Assert.Contains("Unpublished year's public consultation (Birmingham LINk)", summaries);
        Assert.Contains("Response due: Closure plans for the Moseley Road clinic (NHS South Birmingham)", summaries);
        // Withdrawn and answered ones are left out.
        Assert.DoesNotContain(summaries, s => s.Contains("Out-of-hours GP cover at Christmas", StringComparison.Ordinal));
        Assert.DoesNotContain(summaries, s => s.Contains("Waiting times for wheelchair assessments", StringComparison.Ordinal));
        await using var db = await CreateContextAsync();
        // Open as the duty goes: the acknowledged scrutiny referral has met its duty and is left out too.
        Assert.DoesNotContain(summaries, s => s.StartsWith("Response due: Referral:", StringComparison.Ordinal));
        var open = await db.Deadlines.Where(ResponseDeadline.Open).CountAsync(d => d.OwnerUserId == link.UserId);
        Assert.Equal(open, summaries.Count(s => s.StartsWith("Response due: ", StringComparison.Ordinal)));
        Assert.NotNull((await db.CalendarFeeds.SingleAsync(f => f.Id == created.Id)).LastReadAt);
    }

    [Fact]
    public async Task PrivateFeed_OrganisationFeed_HoldsTheDeadlinesSentToIt()
    {
        var commissioner = await ActorAsync(DemoAccounts.Commissioner);
        var created = (await Feeds.CreateForOrganisationAsync(commissioner, commissioner.OrganisationId!.Value)).Value!;

        var text = await _app.CreateAnonymous().GetStringAsync($"/calendar/feeds/{created.Secret}.ics");

        var summaries = Summaries(Parse(text));
        var deadlines = summaries.Where(s => s.StartsWith("Response due: ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(deadlines);
        Assert.All(deadlines, s => Assert.EndsWith("(NHS South Birmingham)", s));
    }

    [Fact]
    public async Task PrivateFeed_Revoked_IsNotFoundAndTheRefusalIsLoggedWithoutTheSecret()
    {
        var viewer = await ActorAsync(DemoAccounts.Viewer);
        var created = (await Feeds.CreatePersonalAsync(viewer)).Value!;
        var client = _app.CreateAnonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/calendar/feeds/{created.Secret}.ics")).StatusCode);

        Assert.True((await Feeds.RevokeAsync(viewer, created.Id)).Succeeded);
        var response = await client.GetAsync($"/calendar/feeds/{created.Secret}.ics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(Warnings, l => l.Message.Contains("read a calendar feed", StringComparison.Ordinal));
        Assert.DoesNotContain(Logs, l => l.Message.Contains(created.Secret, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("not-a-secret")]
    public async Task PrivateFeed_UnknownSecret_IsNotFound(string secret)
    {
        var response = await _app.CreateAnonymous().GetAsync($"/calendar/feeds/{secret}.ics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(Warnings, l => l.Message.Contains("read a calendar feed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RevokeAsync_AnotherOrganisationsFeed_IsRefusedAndLogged()
    {
        var commissioner = await ActorAsync(DemoAccounts.Commissioner);
        var created = (await Feeds.CreateForOrganisationAsync(commissioner, commissioner.OrganisationId!.Value)).Value!;
        var council = await ActorAsync(DemoAccounts.Council);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Feeds.RevokeAsync(council, created.Id));

        Assert.Contains(Warnings, l => l.Message.Contains("revoke a calendar feed", StringComparison.Ordinal)
                                            && l.Message.Contains(council.UserId!, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateAnonymous().GetAsync($"/calendar/feeds/{created.Secret}.ics")).StatusCode);
    }

    [Fact]
    public async Task CalendarPage_Anonymous_RedirectsToSignIn()
    {
        var response = await _app.CreateAnonymous().GetAsync("/calendar");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task PublicFeed_Head_AnswersLikeGetWithoutTheBody()
    {
        var client = _app.CreateAnonymous();
        var get = await client.GetAsync("/calendar/public.ics");
        var body = await get.Content.ReadAsByteArrayAsync();

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/calendar/public.ics"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", head.Content.Headers.ContentType!.ToString());
        Assert.Equal(body.Length, head.Content.Headers.ContentLength);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Headers.CacheControl, head.Headers.CacheControl);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PrivateFeed_Head_AnswersLikeGetWithoutTheBody()
    {
        var created = (await Feeds.CreatePersonalAsync(await ActorAsync(DemoAccounts.Link))).Value!;
        var client = _app.CreateAnonymous();
        var path = $"/calendar/feeds/{created.Secret}.ics";
        var get = await client.GetAsync(path);

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        var unknown = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/calendar/feeds/{new string('0', 48)}.ics"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal((await get.Content.ReadAsByteArrayAsync()).Length, head.Content.Headers.ContentLength);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task PublicFeed_EmojiTitles_ReadBackExactlyWithRefreshHints()
    {
        await using (var db = await CreateContextAsync())
        {
            var south = await db.Organisations.SingleAsync(o => o.Name == "NHS South Birmingham");
            // Four titles put the emoji on each side of the 75-octet fold of their SUMMARY line.
            db.TimetableEvents.AddRange(Enumerable.Range(63, 4).Select(padding => new TimetableEvent(new TimetableEventInput
            {
                OrganisationId = south.Id, Kind = TimetableEventKind.Other, Title = new string('a', padding) + "😀 listening event",
                StartDate = _published.Start.AddMonths(5), Visibility = EventVisibility.Public,
            }, _app.Clock.GetUtcNow())));
            await db.SaveChangesAsync();
        }

        var bytes = await _app.CreateAnonymous().GetByteArrayAsync("/calendar/public.ics");

        var text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.Contains("REFRESH-INTERVAL;VALUE=DURATION:PT1H", text);
        Assert.Contains("X-PUBLISHED-TTL:PT1H", text);
        var summaries = Summaries(Parse(text));
        Assert.All(Enumerable.Range(63, 4), padding =>
            Assert.Contains(new string('a', padding) + "😀 listening event (NHS South Birmingham)", summaries));
        Assert.DoesNotContain('\uFFFD', text);
    }

    [Fact]
    public async Task PublicFeed_SpoofedHost_LinksNeverUseIt()
    {
        var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example/") });

        var text = await client.GetStringAsync("/calendar/public.ics");

        Assert.DoesNotContain("evil.example", text);
        Assert.All(Parse(text).Events, e => Assert.Null(e.Url));
    }

    [Theory]
    [InlineData("http://evil.example/", "http://engage.example.org.uk/public/timetable?year=")]
    [InlineData("http://engage.example.org.uk/", "http://engage.example.org.uk/public/timetable?year=")]
    public async Task PublicFeed_AllowedHostsConfigured_LinksUseAnAllowedHost(string requestBase, string expectedLinkStart)
    {
        await using var app = new EngagementHubAppFactory(_provider);
        app.Settings["EngagementHub:AllowedHosts:0"] = "engage.example.org.uk";
        app.Settings["EngagementHub:AllowedHosts:1"] = "localhost";
        await PublishAsync(app);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri(requestBase) });

        var calendar = Parse(await client.GetStringAsync("/calendar/public.ics"));

        var board = calendar.Events.Single(e => e.Summary == "Public board meeting (NHS South Birmingham)");
        // A disallowed host gets the first allowed one, with its own scheme; an allowed host is used as it came.
        Assert.StartsWith(expectedLinkStart, board.Url!.ToString());
    }

    [Fact]
    public async Task PublicFeed_PublicBaseUrlConfigured_LinksUseItWhateverTheHost()
    {
        await using var app = new EngagementHubAppFactory(_provider);
        app.Settings["EngagementHub:PublicBaseUrl"] = "https://engage.example.org.uk";
        await PublishAsync(app);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example/") });

        var text = await client.GetStringAsync("/calendar/public.ics");

        Assert.DoesNotContain("evil.example", text);
        Assert.StartsWith("https://engage.example.org.uk/public/timetable?year=",
            Parse(text).Events.Single(e => e.Summary == "Public board meeting (NHS South Birmingham)").Url!.ToString());
    }

    /// <summary>A public board meeting in a published year, in another app than the one the class sets up.</summary>
    private static async Task PublishAsync(EngagementHubAppFactory app)
    {
        app.CreateClient();
        var year = new FinancialYear(FinancialYear.Containing(UkTime.Today(app.Clock)).StartYear + 1);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<EngagementHubDbContext>>().CreateDbContextAsync();
        var link = await db.Organisations.SingleAsync(o => o.Name == "Birmingham LINk");
        var south = await db.Organisations.SingleAsync(o => o.Name == "NHS South Birmingham");
        var now = app.Clock.GetUtcNow();
        db.TimetableEvents.Add(new TimetableEvent(new TimetableEventInput
        {
            OrganisationId = south.Id, Kind = TimetableEventKind.BoardMeeting, Title = "Public board meeting",
            StartDate = year.Start.AddMonths(3), Visibility = EventVisibility.Public,
        }, now));
        var timetable = new AnnualTimetable(year);
        Assert.True(timetable.Propose([south.Id], link.Id, "Lena", null, now).Succeeded);
        Assert.True(timetable.Agree(south.Id, "Colin", now).Succeeded);
        db.AnnualTimetables.Add(timetable);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task PublicFeed_Uids_EndInTheDeploymentsOwnIdentity()
    {
        string domain;
        await using (var db = await CreateContextAsync())
        {
            domain = await db.DeploymentIdentities.Select(d => d.Domain).SingleAsync();
        }

        var calendar = Parse(await _app.CreateAnonymous().GetStringAsync("/calendar/public.ics"));

        Assert.EndsWith(".engagementhub.invalid", domain);
        Assert.NotEmpty(calendar.Events);
        Assert.All(calendar.Events, e => Assert.Matches($"^timetable-event-\\d+@{System.Text.RegularExpressions.Regex.Escape(domain)}$", e.Uid!));
    }
}
