using System.Diagnostics;
using Bunit;
using EngagementHub.Core.Common;
using EngagementHub.Core.Communities;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Timetables;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace EngagementHub.Tests.Components.Timetables;

/// <summary>The timetable page over a real database; the test clock reads 1 October 2026, in financial year 2026/27.</summary>
public sealed class TimetablePageTests(ITestOutputHelper output) : BunitTestContextBase
{
    private static readonly FinancialYear Year = new(2026);
    private TestDatabase _database = default!;
    private TimetableServices _timetables = default!;
    private ExerciseService _exercises = default!;
    private Organisation _link = default!;
    private Organisation _south = default!;
    private Organisation _council = default!;
    private Organisation _cqc = default!;

    public override async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await using (var db = _database.CreateContext())
        {
            await StandardCommunities.EnsureAsync(db);
        }

        _link = await _database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link, o => o.UpdateDetails(o.Name, "LINk", o.Kind, null, null, null, null));
        _south = await _database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner, o => o.UpdateDetails(o.Name, "SB PCT", o.Kind, null, null, null, null));
        _council = await _database.SeedOrganisationAsync("Birmingham City Council Adults and Communities", OrganisationKind.Commissioner);
        _cqc = await _database.SeedOrganisationAsync("Care Quality Commission", OrganisationKind.Regulator);
        var access = new OrganisationAccess(NullLogger<OrganisationAccess>.Instance);
        _timetables = TimetableServices.For(_database, access);
        _exercises = new ExerciseService(_database.Factory, access, _database.Clock);
    }

    private static Actor EditorOf(Organisation organisation, string name) =>
        new($"user-{name}", name, organisation.Id, organisation.Name, UserRole.Editor);

    private static Actor ViewerOf(Organisation organisation) =>
        new("user-viewer", "Vic Viewer", organisation.Id, organisation.Name, UserRole.Viewer);

    private async Task<int> AddAsync(Organisation organisation, TimetableEventKind kind, string title, DateOnly start, DateOnly? end = null, params int[] exercises)
    {
        var outcome = await _timetables.Events.CreateEventAsync(EditorOf(organisation, "Ed"), new TimetableEventInput
        {
            OrganisationId = organisation.Id,
            Kind = kind,
            Title = title,
            StartDate = start,
            EndDate = end,
            ExerciseIds = [.. exercises],
        });
        Assert.True(outcome.Succeeded, outcome.Problem ?? string.Join(" ", outcome.Errors.Select(e => e.Message)));
        return outcome.Value;
    }

    private BunitContext SignedIn(Actor actor, string url = "/timetable")
    {
        Context.UseEngagementHub(_database);
        Context.SignIn(actor);
        Context.RenderPopovers();
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Context;
    }

    private static List<string> Buttons(IRenderedComponent<TimetablePage> cut) =>
        cut.FindAll("[data-testid=agreement-panel] button").Select(b => b.TextContent.Trim()).ToList();

    [Fact]
    public async Task Render_YearWithEvents_OneLanePerOrganisationWithEventsPlacedByDate()
    {
        await AddAsync(_south, TimetableEventKind.BoardMeeting, "Board meeting", new DateOnly(2026, 9, 17));
        await AddAsync(_council, TimetableEventKind.ConsultationWindow, "Day services consultation", new DateOnly(2026, 6, 1), new DateOnly(2026, 8, 31));
        await AddAsync(_south, TimetableEventKind.DecisionPoint, "Maternity strategy decision", new DateOnly(2027, 2, 11));
        SignedIn(ViewerOf(_cqc));

        var cut = Context.Render<TimetablePage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=lane]").Count));
        Assert.Equal("Annual timetable", cut.Find("h1").TextContent.Trim());
        // Commissioners' lanes, by name; the CQC and the LINk have no events and no lane.
        Assert.Equal(["Birmingham City Council Adults and Communities (1)", "SB PCT (2)"],
            cut.FindAll(".tt-lane__name").Select(h => h.TextContent.Trim()).ToList());
        var board = cut.Find("a[aria-label^='Board meeting']");
        Assert.Equal("Board meeting (Board or committee meeting), NHS South Birmingham, Thu 17 Sept 2026", board.GetAttribute("aria-label"));
        Assert.Equal("/timetable/events/1", board.GetAttribute("href"));
        // 17 September is day 169 of the 365-day year from 1 April: grid line 170, two months wide for its label.
        Assert.Equal("grid-column:170 / span 61;grid-row:1", board.ParentElement!.GetAttribute("style"));
        Assert.Contains("tt-item--marker", board.ParentElement!.ClassName);
        // The consultation runs 1 June to 31 August: a bar from day 61, 92 days wide.
        var window = cut.Find("a[aria-label^='Day services consultation']");
        Assert.StartsWith("grid-column:62 / span 92;", window.ParentElement!.GetAttribute("style"));
        // The lane's grid has one column a day of the year.
        Assert.Contains("repeat(365,", window.Closest("ul")!.GetAttribute("style"));
        Assert.Contains("tt-item--bar", window.ParentElement!.ClassName);
        // A decision point has its own shape and says so in words.
        var decision = cut.Find("a[aria-label^='Decision: Maternity strategy decision']");
        Assert.Contains("tt-item--decision", decision.ParentElement!.ClassName);
        Assert.Equal("Decision: Maternity strategy decision", decision.TextContent.Trim());
        Assert.Contains("(Decision point)", decision.GetAttribute("aria-label"));
        // A viewer is offered no editing.
        Assert.DoesNotContain(cut.FindAll("a"), a => a.TextContent.Contains("Add an event", StringComparison.Ordinal));
        Assert.Equal("/timetable/export.csv?year=2026", cut.FindAll("a").Single(a => a.TextContent.Contains("Export CSV", StringComparison.Ordinal)).GetAttribute("href"));
    }

    [Fact]
    public async Task Render_OnTheCircuitAfterItsPrerender_ShowsThePrerenderedEventsWithoutLoadingThemAgain()
    {
        await AddAsync(_south, TimetableEventKind.BoardMeeting, "Board meeting", new DateOnly(2026, 9, 17));
        var ctx = Context;
        ctx.UseEngagementHub(_database);
        ctx.SignIn(ViewerOf(_cqc));
        var roundTrip = new PrerenderRoundTrip(ctx);
        ctx.RenderPopovers();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/timetable?year=2026&view=list");

        var prerendered = roundTrip.Prerender<TimetablePage>();
        prerendered.WaitForAssertion(() => Assert.Contains("Board meeting", prerendered.Find("[data-testid=list-view] tbody tr").TextContent));
        Assert.NotNull(prerendered.Instance.FirstViewKey);
        roundTrip.PersistPrerenderedState();
        // Renamed after the prerender: a circuit that loaded the year again would show the new title.
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(1, await db.TimetableEvents.Where(e => e.Title == "Board meeting").ExecuteUpdateAsync(s => s.SetProperty(e => e.Title, "Renamed since")));
        }

        var circuit = roundTrip.RenderOnTheCircuit<TimetablePage>();

        Assert.Equal(prerendered.Instance.FirstViewKey, circuit.Instance.FirstViewKey);
        Assert.Contains("Board meeting", circuit.Find("[data-testid=list-view] tbody tr").TextContent);
    }

    [Fact]
    public async Task Render_FiltersInTheQueryString_ShowOnlyThoseEventsAndKeepThemInTheExports()
    {
        await AddAsync(_south, TimetableEventKind.BoardMeeting, "Board meeting", new DateOnly(2026, 9, 17));
        await AddAsync(_council, TimetableEventKind.DecisionPoint, "Day services decision", new DateOnly(2026, 11, 5));
        await AddAsync(_south, TimetableEventKind.DecisionPoint, "Maternity strategy decision", new DateOnly(2027, 2, 11));
        SignedIn(EditorOf(_link, "Lena"), $"/timetable?year=2026&view=list&kind=DecisionPoint&org={_south.Id}");

        var cut = Context.Render<TimetablePage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=list-view] tbody tr")));
        Assert.Contains("Maternity strategy decision", cut.Find("[data-testid=list-view] tbody tr").TextContent);
        Assert.Contains("1 of 3 events", cut.Find("#tt-events-heading").TextContent);
        Assert.Equal($"/timetable/export.xlsx?year=2026&org={_south.Id}&kind=DecisionPoint",
            cut.FindAll("a").Single(a => a.TextContent.Contains("Export Excel", StringComparison.Ordinal)).GetAttribute("href"));
        // An editor may add events to the year shown.
        Assert.Equal("/timetable/events/new?year=2026", cut.FindAll("a").Single(a => a.TextContent.Contains("Add an event", StringComparison.Ordinal)).GetAttribute("href"));
    }

    [Fact]
    public async Task OrganisationFilter_Ticked_FiltersTheAddress()
    {
        await AddAsync(_south, TimetableEventKind.BoardMeeting, "Board meeting", new DateOnly(2026, 9, 17));
        SignedIn(ViewerOf(_cqc), "/timetable");
        var cut = Context.Render<TimetablePage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=lane]")));
        // Native controls (FilterChecklist, FilterSelect): no MudSelect, each a dozen components kept by every open circuit.
        Assert.Empty(cut.FindComponents<MudBlazor.MudSelect<int>>());
        Assert.Equal("OrganisationsAll", cut.FindAll("summary").Single(s => s.TextContent.StartsWith("Organisations", StringComparison.Ordinal)).TextContent.Trim());

        Checkbox(cut, "Organisations", "NHS South Birmingham").Change(true);

        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith($"/timetable?year=2026&org={_south.Id}", navigation.Uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExerciseFilter_Closed_ShowsTheChosenExercisesTitle()
    {
        var exercise = await _exercises.CreateAsync(EditorOf(_south, "Colin Marsh"), new ExerciseInput
        {
            Title = "Maternity listening events",
            Purpose = "Ask families about place of birth.",
            LeadCommissionerId = _south.Id,
            DecisionInformed = "Maternity strategy",
            StartDate = new DateOnly(2026, 9, 1),
            EndDate = new DateOnly(2026, 10, 9),
        });
        Assert.True(exercise.Succeeded);
        await AddAsync(_south, TimetableEventKind.DecisionPoint, "Maternity strategy decision", new DateOnly(2027, 2, 11), null, exercise.Value);
        SignedIn(ViewerOf(_cqc), $"/timetable?year=2026&exercise={exercise.Value}");

        var cut = Context.Render<TimetablePage>();

        cut.WaitForAssertion(() => Assert.Equal("Maternity listening events", Chosen(Select(cut, "Engagement exercise"))));
        Assert.Equal(["Any exercise", "Maternity listening events"], Select(cut, "Engagement exercise").QuerySelectorAll("option").Select(o => o.TextContent).ToList());
    }

    [Fact]
    public async Task Render_MonthView_ShowsTheMonthsEventsOnTheirDays()
    {
        await AddAsync(_south, TimetableEventKind.BoardMeeting, "Board meeting", new DateOnly(2026, 11, 19));
        await AddAsync(_council, TimetableEventKind.ConsultationWindow, "Day services consultation", new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31));
        SignedIn(ViewerOf(_cqc), "/timetable?year=2026&view=month&month=2026-11");

        var cut = Context.Render<TimetablePage>();

        cut.WaitForAssertion(() => Assert.Equal("November 2026", cut.Find("[data-testid=month-title]").TextContent.Trim()));
        Assert.Contains("Board meeting", cut.Find("td[data-date='2026-11-19']").TextContent);
        // 1 November 2026 is a Sunday: six blank days lead the first week.
        Assert.Equal(6, cut.FindAll("tbody tr:first-child td.tt-month__blank").Count);
        // The consultation runs all month: listed once, not on every day.
        Assert.Contains("Day services consultation", cut.Find("#tt-month-running").ParentElement!.TextContent);
        Assert.DoesNotContain("Day services consultation", cut.Find("[data-testid=month-view]").TextContent);
        Assert.Equal("/timetable?year=2026&view=month&month=2026-12", cut.Find("a[aria-label^='Next month']").GetAttribute("href"));
        // Before April is the previous financial year.
        Assert.Equal("/timetable?year=2026&view=month&month=2026-10", cut.Find("a[aria-label^='Previous month']").GetAttribute("href"));
    }

    [Fact]
    public void Lay_BusyMonth_ShowsTwoAndOneMoreLinkToTheOrganisationsMonth()
    {
        var organisation = new TimetableOrganisation(7, "NHS South Birmingham", "SB PCT", OrganisationKind.Commissioner);
        var events = Enumerable.Range(1, 10).Select(day => Event(7, TimetableEventKind.BoardMeeting, $"Meeting {day}", new DateOnly(2026, 11, day))).ToList();
        events.Add(Event(7, TimetableEventKind.BoardMeeting, "December board", new DateOnly(2026, 12, 10)));

        var lane = Assert.Single(YearPlan.Lay(Year, [organisation], events, _ => organisation.Name));

        Assert.Equal(11, lane.EventCount);
        Assert.Equal(["Meeting 1", "Meeting 2", "+8 more", "December board"], lane.Items.Select(i => i.Label).ToList());
        var more = lane.Items.Single(i => i.Shape == YearItemShape.More);
        Assert.Equal(8, more.Hidden);
        Assert.Equal("+8 more events of NHS South Birmingham in November 2026: open the month", more.AccessibleName);
        // Items two months wide never overlap: the three November items and the December board take four rows.
        Assert.Equal(4, lane.Rows);
    }

    // A consultation from March to May 2026 started in 2025/26: in 2026/27 its bar starts at 1 April, and its name says it
    // continues from the year before; one from March 2027 into May runs to 31 March and says it continues into the next.
    [Fact]
    public void Lay_SpansAcrossEitherEndOfTheYear_ClippedToTheYearAndSayTheyContinue()
    {
        var organisation = new TimetableOrganisation(7, "NHS South Birmingham", "SB PCT", OrganisationKind.Commissioner);
        var events = new List<TimetableEvent>
        {
            Event(7, TimetableEventKind.ConsultationWindow, "Stroke services consultation", new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 31)),
            Event(7, TimetableEventKind.ConsultationWindow, "Maternity consultation", new DateOnly(2027, 3, 1), new DateOnly(2027, 5, 31)),
        };

        var items = Assert.Single(YearPlan.Lay(Year, [organisation], events, _ => organisation.Name)).Items;

        var (before, after) = (items[0], items[1]);
        Assert.Equal((0, new DateOnly(2026, 4, 1), 0d), (before.FirstDay, before.Month, before.MarkOffset));
        Assert.Equal("Stroke services consultation (Consultation window), NHS South Birmingham, 1 Mar – 31 May 2026, continuing from 2025/26", before.AccessibleName);
        Assert.Equal(new DateOnly(2027, 3, 1), after.Month);
        Assert.Equal(100d, after.MarkOffset + after.MarkWidth, 2);
        Assert.Equal(364, after.FirstDay + after.Days - 1);
        Assert.EndsWith(", continuing into 2027/28", after.AccessibleName);
    }

    [Fact]
    public void Label_DecisionPointTitledDecision_SaysDecisionOnce()
    {
        Assert.Equal("Decision: commissioning intentions agreed",
            YearPlan.Label(Event(7, TimetableEventKind.DecisionPoint, "Decision: commissioning intentions agreed", new DateOnly(2026, 12, 1))));
        Assert.Equal("Decision: Maternity strategy",
            YearPlan.Label(Event(7, TimetableEventKind.DecisionPoint, "Maternity strategy", new DateOnly(2026, 12, 1))));
        Assert.Equal("Cabinet", YearPlan.Label(Event(7, TimetableEventKind.BoardMeeting, "Cabinet", new DateOnly(2026, 12, 1))));
    }

    [Fact]
    public async Task Render_BusyMonth_ListsForPrintEveryEventItsMoreLinkStandsFor()
    {
        var organisation = new TimetableOrganisation(7, "NHS South Birmingham", "SB PCT", OrganisationKind.Commissioner);
        var events = Enumerable.Range(1, 10).Select(day => Event(7, TimetableEventKind.BoardMeeting, $"Meeting {day}", new DateOnly(2026, 11, day))).ToList();
        var lanes = YearPlan.Lay(Year, [organisation], events, _ => organisation.Name);

        var cut = Context.Render<YearView>(p => p.Add(x => x.Year, Year).Add(x => x.Lanes, lanes).Add(x => x.Query, new TimetableQuery { Year = Year }));

        // On paper the "+8 more" link is hidden (app.css, print) and these eight are listed under the lane instead.
        var printed = cut.FindAll("[data-testid=print-more] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(Enumerable.Range(3, 8).Select(day => $"Meeting {day}"), printed.Select(p => p[(p.IndexOf(": ", StringComparison.Ordinal) + 2)..]));
        Assert.StartsWith("Tue 3 Nov 2026", printed[0]);
        Assert.Single(cut.FindAll("[data-testid=more]"));
    }

    [Fact]
    public async Task Render_TwoThousandEventsAcrossThirtyOrganisations_AggregatesAndStaysLight()
    {
        var random = new Random(2026);
        var organisations = Enumerable.Range(1, 30).Select(i => new TimetableOrganisation(i, $"Organisation {i:00}", null, OrganisationKind.Commissioner)).ToList();
        var events = Enumerable.Range(0, 2000).Select(i =>
        {
            var start = Year.Start.AddDays(random.Next(0, 365));
            var kind = (TimetableEventKind)random.Next(0, 9);
            return Event(organisations[i % 30].Id, kind, $"Event {i}", start, kind == TimetableEventKind.ConsultationWindow ? start.AddDays(random.Next(7, 60)) : null);
        }).ToList();
        var query = new TimetableQuery { Year = Year };

        // The first render includes warming up the renderer; the second is what a change of filter costs.
        var first = Stopwatch.StartNew();
        var lanes = YearPlan.Lay(Year, organisations, events, id => $"Organisation {id:00}");
        Context.Render<YearView>(p => p.Add(x => x.Year, Year).Add(x => x.Lanes, lanes).Add(x => x.Query, query));
        first.Stop();
        var clock = Stopwatch.StartNew();
        lanes = YearPlan.Lay(Year, organisations, events, id => $"Organisation {id:00}");
        var laid = clock.Elapsed;
        var cut = Context.Render<YearView>(p => p.Add(x => x.Year, Year).Add(x => x.Lanes, lanes).Add(x => x.Query, query));
        var rendered = clock.Elapsed;
        var links = cut.FindAll(".tt-lane a").Count;
        var markup = cut.Markup.Length;
        output.WriteLine($"2,000 events, 30 lanes: first layout and render {first.ElapsedMilliseconds} ms; again: laid out in {laid.TotalMilliseconds:0} ms, "
                         + $"rendered in {(rendered - laid).TotalMilliseconds:0} ms; {links} links, {markup / 1024} KB of markup");

        Assert.Equal(30, cut.FindAll("[data-testid=lane]").Count);
        // At most three items per organisation per month, the rest behind "+N more" links that account for every event.
        Assert.True(links <= 30 * 12 * YearPlan.MaxPerMonth, $"{links} links");
        Assert.Equal(2000, lanes.Sum(l => l.Items.Sum(i => i.Event is null ? i.Hidden : 1)));
        Assert.NotEmpty(cut.FindAll("[data-testid=more]"));
        Assert.True(rendered < TimeSpan.FromSeconds(5), $"took {rendered}");
    }

    [Fact]
    public async Task Render_ProposedToAnAwaitedEditor_OffersAgreeAndAskForChanges()
    {
        await _timetables.Agreements.ProposeAsync(EditorOf(_link, "Lena Khan"), Year, [_south.Id, _council.Id], "Our draft");
        SignedIn(EditorOf(_south, "Colin Marsh"), "/timetable?year=2026");

        var cut = Context.Render<TimetablePage>();

        cut.WaitForAssertion(() => Assert.Contains("Agree", Buttons(cut)));
        Assert.Contains("Ask for changes", Buttons(cut));
        Assert.DoesNotContain("Propose for agreement", Buttons(cut));
        Assert.Contains("Proposed for agreement", cut.Find("[data-testid=timetable-status]").TextContent);
        Assert.Contains("Proposed by Lena Khan for Birmingham LINk on", cut.Find("[data-testid=proposed-by]").TextContent);
        Assert.Contains("Birmingham LINk: agreed by Lena Khan on", cut.Find("[data-testid=agreements]").TextContent);
        Assert.Equal(["Birmingham City Council Adults and Communities", "NHS South Birmingham"],
            cut.FindAll("[data-testid=awaited] li").Select(li => li.TextContent.Trim()).ToList());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Render_ProposedToAViewerOrTheProposer_OffersNoAgreement(bool proposer)
    {
        await _timetables.Agreements.ProposeAsync(EditorOf(_link, "Lena Khan"), Year, [_south.Id], null);
        SignedIn(proposer ? EditorOf(_link, "Lena Khan") : ViewerOf(_south), "/timetable?year=2026");

        var cut = Context.Render<TimetablePage>();

        cut.WaitForAssertion(() => Assert.Contains("Proposed for agreement", cut.Find("[data-testid=timetable-status]").TextContent));
        // The LINk agreed by proposing; it may still ask for changes to its own proposal, but not agree twice.
        Assert.DoesNotContain("Agree", Buttons(cut));
        Assert.DoesNotContain("Propose for agreement", Buttons(cut));
        if (!proposer)
        {
            Assert.Empty(Buttons(cut));
        }
    }

    [Fact]
    public async Task Agree_LastAwaitedOrganisation_ShowsAgreedAndPublished()
    {
        await _timetables.Agreements.ProposeAsync(EditorOf(_link, "Lena Khan"), Year, [_south.Id], null);
        SignedIn(EditorOf(_south, "Colin Marsh"), "/timetable?year=2026");
        var providers = Context.Render<MudBlazor.MudDialogProvider>();
        var cut = Context.Render<TimetablePage>();
        cut.WaitForAssertion(() => Assert.Contains("Agree", Buttons(cut)));

        var agree = cut.FindAll("[data-testid=agreement-panel] button").Single(b => b.TextContent.Trim() == "Agree").ClickAsync(new());
        await ConfirmAsync(providers, "Agree for NHS South Birmingham");
        await agree;

        cut.WaitForAssertion(() => Assert.Contains("Agreed and published", cut.Find("[data-testid=timetable-status]").TextContent));
        Assert.Contains("You agreed the 2026/27 timetable for NHS South Birmingham.", cut.Find("[data-testid=agreement-panel]").TextContent);
        Assert.Contains("NHS South Birmingham: agreed by Colin Marsh on", cut.Find("[data-testid=agreements]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=awaited]"));
        Assert.Empty(Buttons(cut));
    }

    /// <summary>The year agreed by the LINk and South, then South's board moved: the LINk has one change to check.</summary>
    private async Task<int> AgreedThenChangedBySouthAsync()
    {
        var board = await AddAsync(_south, TimetableEventKind.BoardMeeting, "Board", new DateOnly(2026, 12, 8));
        await _timetables.Agreements.ProposeAsync(EditorOf(_link, "Lena Khan"), Year, [_south.Id], null);
        Assert.True((await _timetables.Agreements.AgreeAsync(EditorOf(_south, "Colin Marsh"), Year, (await _timetables.Queries.TimetableAsync(Year))!.Version)).Succeeded);
        await MoveAsync(board, new DateOnly(2026, 12, 15));
        return board;
    }

    private async Task MoveAsync(int id, DateOnly to)
    {
        var details = TimetableEventInput.From((await _timetables.Queries.GetEventAsync(id))!.Event);
        details.StartDate = to;
        Assert.True((await _timetables.Events.UpdateEventAsync(EditorOf(_south, "Colin Marsh"), id, details)).Succeeded);
    }

    [Fact]
    public async Task CheckChanges_ChangedSinceAgreement_RecordsTheCheckAndOffersItNoMore()
    {
        await AgreedThenChangedBySouthAsync();
        SignedIn(EditorOf(_link, "Lena Khan"), "/timetable?year=2026");
        var cut = Context.Render<TimetablePage>();
        cut.WaitForAssertion(() => Assert.Contains("Record changes as checked", Buttons(cut)));
        Assert.Contains("1 change since agreement for Birmingham LINk to check", cut.Find("[data-testid=changes-to-check]").TextContent);
        Assert.StartsWith("To check:", cut.Find("[data-testid=change-log] li").TextContent.Trim());

        await cut.FindAll("[data-testid=agreement-panel] button").Single(b => b.TextContent.Trim() == "Record changes as checked").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Changes checked for Birmingham LINk by Lena Khan on", cut.Find("[data-testid=changes-checked]").TextContent));
        Assert.Contains("The changes are recorded as checked for Birmingham LINk.", cut.Find("[data-testid=agreement-panel]").TextContent);
        Assert.DoesNotContain("Record changes as checked", Buttons(cut));
        Assert.Empty(cut.FindAll("[data-testid=changes-to-check]"));
        Assert.DoesNotContain("To check:", cut.Find("[data-testid=change-log]").TextContent);
        Assert.Equal("Published, changed since agreement", cut.Find("[data-testid=timetable-status]").TextContent.Trim());
        // Nobody proposed it again: the round that agreed it is still the one listed.
        Assert.Contains("NHS South Birmingham: agreed by Colin Marsh", cut.Find("[data-testid=agreements]").TextContent);
    }

    // South moved the board again while the LINk's page showed only the first move: the LINk is told, nothing is recorded,
    // and the page shows both moves to check.
    [Fact]
    public async Task CheckChanges_ChangedAgainWhileThePageWasOpen_ExplainsAndShowsTheNewChange()
    {
        var board = await AgreedThenChangedBySouthAsync();
        SignedIn(EditorOf(_link, "Lena Khan"), "/timetable?year=2026");
        var cut = Context.Render<TimetablePage>();
        cut.WaitForAssertion(() => Assert.Contains("Record changes as checked", Buttons(cut)));
        await MoveAsync(board, new DateOnly(2026, 12, 22));

        await cut.FindAll("[data-testid=agreement-panel] button").Single(b => b.TextContent.Trim() == "Record changes as checked").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("2 changes since agreement for Birmingham LINk to check", cut.Find("[data-testid=changes-to-check]").TextContent));
        Assert.Contains(Context.Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars,
            s => s.Message == "The timetable was changed again while you were reading it. Read the latest change, then record the check again.");
        Assert.Empty(cut.FindAll("[data-testid=changes-checked]"));
        Assert.Contains("Record changes as checked", Buttons(cut));
    }

    // The LINk checked South's change; South then proposed the year again and the LINk sent it back. The year is South's
    // to change and propose again: the panel no longer says the changes were checked, as a newer one may have come.
    [Fact]
    public async Task Render_CheckedThenProposedAgainAndSentBack_NoLongerSaysTheChangesWereChecked()
    {
        await AgreedThenChangedBySouthAsync();
        var seen = (await _timetables.Queries.YearAsync(Year)).Timetable!.Changes.Max(c => c.Id);
        Assert.True((await _timetables.Agreements.CheckChangesAsync(EditorOf(_link, "Lena Khan"), Year, seen)).Succeeded);
        Assert.True((await _timetables.Agreements.ProposeAsync(EditorOf(_south, "Colin Marsh"), Year, [_link.Id], null)).Succeeded);
        Assert.True((await _timetables.Agreements.RequestChangesAsync(EditorOf(_link, "Lena Khan"), Year, "Keep the old date.",
            (await _timetables.Queries.TimetableAsync(Year))!.Version)).Succeeded);
        SignedIn(EditorOf(_link, "Lena Khan"), "/timetable?year=2026");

        var cut = Context.Render<TimetablePage>();

        cut.WaitForAssertion(() => Assert.Contains("Keep the old date.", cut.Find("[data-testid=changes-requested]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=changes-checked]"));
        Assert.Empty(cut.FindAll("[data-testid=changes-to-check]"));
    }

    [Theory]
    [InlineData("the organisation that changed it")]
    [InlineData("a viewer of a partner")]
    public async Task Render_ChangedSinceAgreementToTheOrganisationThatChangedItOrAViewer_OffersNoCheck(string who)
    {
        await AgreedThenChangedBySouthAsync();
        SignedIn(who == "a viewer of a partner" ? ViewerOf(_link) : EditorOf(_south, "Colin Marsh"), "/timetable?year=2026");
        var cut = Context.Render<TimetablePage>();

        cut.WaitForAssertion(() => Assert.Equal("Published, changed since agreement", cut.Find("[data-testid=timetable-status]").TextContent.Trim()));
        Assert.DoesNotContain("Record changes as checked", Buttons(cut));
        if (who == "a viewer of a partner")
        {
            Assert.Contains("1 change since agreement for Birmingham LINk to check, marked below. Editors of Birmingham LINk record them as checked.",
                cut.Find("[data-testid=changes-to-check]").TextContent);
        }
        else
        {
            Assert.Empty(cut.FindAll("[data-testid=changes-to-check]"));
        }
    }

    [Fact]
    public async Task Agree_AfterSomeoneChangedTheYear_ExplainsAndShowsItBackInDraft()
    {
        await _timetables.Agreements.ProposeAsync(EditorOf(_link, "Lena Khan"), Year, [_south.Id, _council.Id], null);
        SignedIn(EditorOf(_south, "Colin Marsh"), "/timetable?year=2026");
        var providers = Context.Render<MudBlazor.MudDialogProvider>();
        var cut = Context.Render<TimetablePage>();
        cut.WaitForAssertion(() => Assert.Contains("Agree", Buttons(cut)));
        // Meanwhile the council adds an event: the proposal is void and goes back to draft.
        await AddAsync(_council, TimetableEventKind.BoardMeeting, "Cabinet", new DateOnly(2026, 12, 8));

        var agree = cut.FindAll("[data-testid=agreement-panel] button").Single(b => b.TextContent.Trim() == "Agree").ClickAsync(new());
        await ConfirmAsync(providers, "Agree for NHS South Birmingham");
        await agree;

        cut.WaitForAssertion(() => Assert.Contains("Draft", cut.Find("[data-testid=timetable-status]").TextContent));
        Assert.Contains("changed the timetable while it was out for agreement", cut.Find("[data-testid=changes-requested]").TextContent);
        Assert.Contains("'Cabinet'", cut.Find("[data-testid=change-log]").TextContent);
        Assert.Contains("Propose for agreement", Buttons(cut));
    }

    [Fact]
    public async Task ProposeDialog_NoOneChosen_SaysWhoIsNeededAndStaysOpen()
    {
        SignedIn(EditorOf(_link, "Lena Khan"), "/timetable?year=2027");
        var providers = Context.Render<MudBlazor.MudDialogProvider>();
        var cut = Context.Render<TimetablePage>();

        cut.WaitForAssertion(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Propose for agreement").Click());
        await ConfirmAsync(providers, "Propose it as it is");
        // The commissioners are chosen by default; the regulator is not one of the usual partners.
        providers.WaitForAssertion(() => Assert.True(Checkbox(providers, _south.Name).HasAttribute("checked")));
        Assert.False(Checkbox(providers, _cqc.Name).HasAttribute("checked"));
        providers.FindAll("button").Single(b => b.TextContent.Trim() == "Clear the choice").Click();
        providers.Find("textarea").Change("Board dates confirmed in March.");
        providers.FindAll("button").Single(b => b.TextContent.Trim() == "Propose").Click();

        const string needed = "Choose at least one other organisation to agree the timetable with.";
        providers.WaitForAssertion(() => Assert.Contains(needed, providers.Find("[role=alert]").TextContent));
        Assert.Equal(needed, providers.Find("fieldset #tt-participants-error").TextContent.Trim());
        Assert.Single(providers.FindAll(".mud-dialog"));
        Assert.Contains("Board dates confirmed in March.", providers.Find("textarea").OuterHtml);
        Assert.Equal(TimetableStatus.Draft, (await _timetables.Queries.YearAsync(new FinancialYear(2027))).Status);

        // Choosing again clears the message, as editing a field does.
        providers.FindAll("button").Single(b => b.TextContent.Trim() == "Choose the usual partners").Click();
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("#tt-participants-error")));
    }

    [Fact]
    public async Task AskForChanges_WithAComment_SendsTheYearBackToDraftWithTheComment()
    {
        await _timetables.Agreements.ProposeAsync(EditorOf(_link, "Lena Khan"), Year, [_south.Id, _council.Id], null);
        SignedIn(EditorOf(_south, "Colin Marsh"), "/timetable?year=2026");
        var providers = Context.Render<MudBlazor.MudDialogProvider>();
        var cut = Context.Render<TimetablePage>();
        cut.WaitForAssertion(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Ask for changes").Click());

        // Nothing said: the dialog asks for a comment and records nothing.
        providers.WaitForAssertion(() => providers.Find("form").Submit());
        providers.WaitForAssertion(() => Assert.Contains("Say what should change, so the others can act on it.", providers.Markup));
        providers.Find("textarea").Change("Move the March board to after the budget.");
        providers.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Draft", cut.Find("[data-testid=timetable-status]").TextContent));
        Assert.Equal("Back with its proposer. Colin Marsh asked for changes: \"Move the March board to after the budget.\"", cut.Find("[data-testid=changes-requested]").TextContent.Trim());
        Assert.Contains("Your request for changes is recorded", cut.Find("[data-testid=agreement-panel]").TextContent);
    }

    // A year agreed before stays published while its changes go back: its status says so, not "Agreed and published"
    // beside "back in draft".
    [Fact]
    public async Task AskForChanges_ToChangesOfAnAgreedYear_SaysTheYearStaysPublishedWithItsChangesBack()
    {
        await AgreedThenChangedBySouthAsync();
        Assert.True((await _timetables.Agreements.ProposeAsync(EditorOf(_south, "Colin Marsh"), Year, [_link.Id], null)).Succeeded);
        SignedIn(EditorOf(_link, "Lena Khan"), "/timetable?year=2026");
        var providers = Context.Render<MudBlazor.MudDialogProvider>();
        var cut = Context.Render<TimetablePage>();
        cut.WaitForAssertion(() => Assert.Equal("Published, changes proposed for agreement", cut.Find("[data-testid=timetable-status]").TextContent.Trim()));
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Ask for changes").Click();

        providers.WaitForAssertion(() => providers.Find("textarea").Change("Keep the board on the 8th."));
        providers.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("Published, changes back with their proposer", cut.Find("[data-testid=timetable-status]").TextContent.Trim()));
        var panel = cut.Find("[data-testid=agreement-panel]").TextContent;
        Assert.Contains("The year stays published as it now stands, marked as changed since agreement.", panel);
        Assert.DoesNotContain("back in draft", panel);
        Assert.DoesNotContain("Agreed and published", panel);
        // The agreement that published the year is named as the last one; the round sent back lists nobody as agreeing.
        Assert.StartsWith("Last agreed by every organisation asked on", cut.Find("[data-testid=agreed-on]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=agreements]"));
    }

    [Fact]
    public async Task Agree_Cancelled_SaysWhatAgreeingMeansAndRecordsNothing()
    {
        await _timetables.Agreements.ProposeAsync(EditorOf(_link, "Lena Khan"), Year, [_south.Id, _council.Id], null);
        SignedIn(EditorOf(_south, "Colin Marsh"), "/timetable?year=2026");
        var providers = Context.Render<MudBlazor.MudDialogProvider>();
        var cut = Context.Render<TimetablePage>();
        cut.WaitForAssertion(() => Assert.Contains("Agree", Buttons(cut)));

        var agree = cut.FindAll("[data-testid=agreement-panel] button").Single(b => b.TextContent.Trim() == "Agree").ClickAsync(new());

        providers.WaitForAssertion(() => Assert.Contains("Agree the 2026/27 timetable for NHS South Birmingham?", providers.Markup));
        Assert.Contains("the partners plan their engagement around these dates", providers.Markup);
        await ConfirmAsync(providers, "Cancel");
        await agree;
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll(".mud-dialog")));
        Assert.Equal(TimetableStatus.Proposed, (await _timetables.Queries.YearAsync(Year)).Status);
        Assert.DoesNotContain(_south.Id, (await _timetables.Queries.YearAsync(Year)).Timetable!.CurrentAgreements.Select(a => a.OrganisationId));
    }

    [Fact]
    public async Task Propose_EmptyYear_AsksFirstAndCancelProposesNothing()
    {
        SignedIn(EditorOf(_link, "Lena Khan"), "/timetable?year=2027");
        var providers = Context.Render<MudBlazor.MudDialogProvider>();
        var cut = Context.Render<TimetablePage>();

        cut.WaitForAssertion(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Propose for agreement").Click());

        providers.WaitForAssertion(() => Assert.Contains("The 2027/28 timetable has no events.", providers.Markup));
        await ConfirmAsync(providers, "Cancel");
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll(".mud-dialog")));
        Assert.Equal(TimetableStatus.Draft, (await _timetables.Queries.YearAsync(new FinancialYear(2027))).Status);
    }

    private static async Task ConfirmAsync(IRenderedComponent<MudBlazor.MudDialogProvider> providers, string button)
    {
        AngleSharp.Dom.IElement? target = null;
        providers.WaitForAssertion(() => target = providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == button));
        await target!.ClickAsync(new());
    }

    private static AngleSharp.Dom.IElement Checkbox(IRenderedComponent<MudBlazor.MudDialogProvider> providers, string label) =>
        providers.FindAll("label").Single(l => l.TextContent.Trim() == label).QuerySelector("input[type=checkbox]")!;

    [Fact]
    public async Task Render_DraftToAnEditor_OffersToPropose()
    {
        SignedIn(EditorOf(_link, "Lena Khan"), "/timetable?year=2027");

        var cut = Context.Render<TimetablePage>();

        cut.WaitForAssertion(() => Assert.Contains("Propose for agreement", Buttons(cut)));
        Assert.Contains("Draft", cut.Find("[data-testid=timetable-status]").TextContent);
        Assert.Contains("No events in 2027/28 yet.", cut.Find("[data-testid=year-empty]").TextContent);
    }

    [Fact]
    public async Task Render_DecisionsAhead_SayWhetherInputLandsBeforeThem()
    {
        var exercise = await _exercises.CreateAsync(EditorOf(_south, "Colin Marsh"), new ExerciseInput
        {
            Title = "Maternity choices",
            Purpose = "Ask families about place of birth.",
            LeadCommissionerId = _south.Id,
            DecisionInformed = "Maternity strategy",
            StartDate = new DateOnly(2026, 9, 1),
            EndDate = new DateOnly(2026, 10, 9),
        });
        Assert.True(exercise.Succeeded);
        await AddAsync(_south, TimetableEventKind.DecisionPoint, "Maternity strategy decision", new DateOnly(2026, 10, 30), null, exercise.Value);
        await AddAsync(_council, TimetableEventKind.DecisionPoint, "Day services decision", new DateOnly(2026, 11, 5));
        await AddAsync(_council, TimetableEventKind.DecisionPoint, "Budget decision", new DateOnly(2027, 2, 20));
        SignedIn(ViewerOf(_cqc), "/timetable?year=2026");

        var cut = Context.Render<TimetablePage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=ahead-item]").Count));
        var items = cut.FindAll("[data-testid=ahead-item]");
        Assert.Contains("Maternity strategy decision", items[0].TextContent);
        Assert.Equal("Input lands 3 weeks before", items[0].QuerySelector("[data-testid=ahead-summary]")!.TextContent.Trim());
        Assert.Equal($"/exercises/{exercise.Value}", items[0].QuerySelector("a[href^='/exercises/']")!.GetAttribute("href"));
        Assert.Equal("No engagement planned", items[1].QuerySelector("[data-testid=ahead-summary]")!.TextContent.Trim());
        // An icon as well as words; the February decision is beyond the default 12 weeks.
        Assert.NotNull(items[1].QuerySelector("[data-testid=ahead-summary] svg"));
        Assert.DoesNotContain("Budget decision", cut.Find("[data-testid=ahead-panel]").TextContent);
    }

    [Fact]
    public async Task YearAndWeeksSelects_Render_NativeSelectsShowingTheChoice()
    {
        await AddAsync(_council, TimetableEventKind.DecisionPoint, "Budget decision", new DateOnly(2027, 2, 20));
        SignedIn(ViewerOf(_cqc), "/timetable?year=2026");

        var cut = Context.Render<TimetablePage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=lane]")));
        // A native select is one component in every open circuit, where a MudSelect was about twelve (ADR 0028).
        Assert.Empty(cut.FindComponents<MudBlazor.MudSelect<int>>());
        Assert.Equal("2026/27", Chosen(Select(cut, "Financial year")));
        Assert.Equal("12 weeks", Chosen(Select(cut, "Decisions in the next")));
    }

    [Fact]
    public void YearSelect_Changed_GoesToThatYear()
    {
        SignedIn(ViewerOf(_cqc), "/timetable?year=2026&view=list");
        var cut = Context.Render<TimetablePage>();
        var year = Select(cut, "Financial year");
        var options = year.QuerySelectorAll("option").Select(o => o.TextContent).ToList();
        Assert.Contains("2027/28", options);

        year.Change(options.IndexOf("2027/28").ToString(System.Globalization.CultureInfo.InvariantCulture));

        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith("/timetable?year=2027&view=list", navigation.Uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WeeksSelect_Changed_ListsTheChoicesAndWidensTheOutlook()
    {
        await AddAsync(_council, TimetableEventKind.DecisionPoint, "Budget decision", new DateOnly(2027, 2, 20));
        SignedIn(ViewerOf(_cqc), "/timetable?year=2026");
        var cut = Context.Render<TimetablePage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=ahead-empty]")));
        var weeks = Select(cut, "Decisions in the next");
        Assert.Equal(["4 weeks", "8 weeks", "12 weeks", "26 weeks"], weeks.QuerySelectorAll("option").Select(o => o.TextContent).ToList());

        weeks.Change("3");

        cut.WaitForAssertion(() => Assert.Contains("Budget decision", cut.Find("[data-testid=ahead-list]").TextContent));
        Assert.Equal("26 weeks", Chosen(Select(cut, "Decisions in the next")));
    }

    /// <summary>The select a visible label names, as a person (and a screen reader) finds it.</summary>
    private static AngleSharp.Dom.IElement Select(IRenderedComponent<TimetablePage> cut, string label) =>
        cut.Find($"select#{cut.FindAll("label").Single(l => l.TextContent == label).GetAttribute("for")}");

    private static string Chosen(AngleSharp.Dom.IElement select) => select.QuerySelectorAll("option").Single(o => o.HasAttribute("selected")).TextContent;

    /// <summary>The checkbox labelled <paramref name="option"/> in the checklist whose group is named <paramref name="group"/>.</summary>
    private static AngleSharp.Dom.IElement Checkbox(IRenderedComponent<TimetablePage> cut, string group, string option)
    {
        var fieldset = cut.FindAll("fieldset").Single(f => f.QuerySelector("legend")?.TextContent == group);
        var label = fieldset.QuerySelectorAll("label").Single(l => l.TextContent == option);
        return fieldset.QuerySelector($"#{label.GetAttribute("for")}")!;
    }

    [Fact]
    public async Task Tabs_Render_NamedByTheirWordsWithoutTooltipsAndChoosingOneShowsItsView()
    {
        await AddAsync(_south, TimetableEventKind.BoardMeeting, "Board meeting", new DateOnly(2026, 11, 19));
        SignedIn(ViewerOf(_cqc), "/timetable?year=2026");

        var cut = Context.Render<TimetablePage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=lane]")));
        // MudTabs wraps a tab in a MudTooltip and draws a MudIcon unless the tab brings its own heading: components every
        // circuit would keep (ADR 0028). The heading is the same icon, hidden from screen readers, and the same words.
        var tabBar = cut.FindComponent<MudBlazor.MudTabs>();
        Assert.Empty(tabBar.FindComponents<MudBlazor.MudTooltip>());
        Assert.Empty(tabBar.FindComponents<MudBlazor.MudIcon>());
        var tabs = cut.FindAll(".tt-tabs .mud-tab");
        Assert.Equal(["Year", "Month", "List"], tabs.Select(t => t.TextContent.Trim()).ToList());
        Assert.All(tabs, t => Assert.NotNull(t.QuerySelector("svg.mud-tab-icon-text[aria-hidden=true]")));

        cut.FindAll(".tt-tabs .mud-tab").Single(t => t.TextContent.Trim() == "List").Click();

        Assert.Contains("view=list", Context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Print_Clicked_AsksTheBrowserToPrint()
    {
        await AddAsync(_south, TimetableEventKind.BoardMeeting, "Board meeting", new DateOnly(2026, 9, 17));
        SignedIn(ViewerOf(_cqc));
        var cut = Context.Render<TimetablePage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=lane]")));

        // A plain button in MudButton's classes (ADR 0028), with the same name and handler.
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Print").Click();

        Context.JSInterop.VerifyInvoke("print");
    }

    [Fact]
    public async Task Render_ListViewEventFromTheYearBefore_DateThenASpaceThenWhereItContinuesFrom()
    {
        await AddAsync(_south, TimetableEventKind.ConsultationWindow, "Stroke services consultation", new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 31));
        SignedIn(ViewerOf(_cqc), "/timetable?year=2026&view=list");

        var cut = Context.Render<TimetablePage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=continuing]")));
        var date = OneLine(cut.Find("[data-testid=continuing]").ParentElement!.TextContent);
        Assert.Matches(@"\S \(continu", date);
    }

    [Fact]
    public async Task Render_Warnings_GroupedByKindWithCountsAndLinks()
    {
        var decision = await AddAsync(_south, TimetableEventKind.DecisionPoint, "Maternity strategy decision", new DateOnly(2026, 10, 30));
        await AddAsync(_council, TimetableEventKind.DecisionPoint, "Day services decision", new DateOnly(2026, 11, 5));
        SignedIn(ViewerOf(_cqc), "/timetable?year=2026");

        var cut = Context.Render<TimetablePage>();

        cut.WaitForAssertion(() => Assert.Contains("Decisions with no engagement planned (2)", cut.Find("[data-testid=warnings-DecisionWithoutEngagement] h3").TextContent));
        Assert.Equal($"/timetable/events/{decision}",
            cut.Find("[data-testid=warnings-DecisionWithoutEngagement] li a").GetAttribute("href"));
        // The warning and its link read as two words, not run together.
        Assert.Matches(@"\S Open the decision point$", OneLine(cut.Find("[data-testid=warnings-DecisionWithoutEngagement] li").TextContent));
        await using var db = _database.CreateContext();
        var communities = await db.Communities.CountAsync();
        Assert.Contains($"Communities nobody engages ({communities})", cut.Find("[data-testid=warnings-CommunityGap] h3").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=warnings-LateInput]"));
    }

    private static TimetableEvent Event(int organisationId, TimetableEventKind kind, string title, DateOnly start, DateOnly? end = null) =>
        new(new TimetableEventInput { OrganisationId = organisationId, Kind = kind, Title = title, StartDate = start, EndDate = end }, DateTimeOffset.UnixEpoch);
}
