using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using EngagementHub.Core.Common;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Timetables;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor;

namespace EngagementHub.Tests.Components.Timetables;

public sealed class EventFormTests : BunitTestContextBase
{
    private sealed record Setting(Organisation South, Organisation Link, int EventId);

    private static Actor EditorOf(Organisation organisation, string name) =>
        new($"user-{name}", name, organisation.Id, organisation.Name, UserRole.Editor);

    private static TimetableServices Service(TestDatabase database) => TimetableServices.For(database);

    /// <summary>NHS South Birmingham's board meeting on Thursday 17 September 2026, and the LINk beside it.</summary>
    private static async Task<Setting> SeedAsync(TestDatabase database)
    {
        var south = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var created = await Service(database).Events.CreateEventAsync(EditorOf(south, "Colin Price"), new TimetableEventInput
        {
            OrganisationId = south.Id,
            Kind = TimetableEventKind.BoardMeeting,
            Title = "Board meeting in public",
            StartDate = new DateOnly(2026, 9, 17),
            StartTime = new TimeOnly(14, 0),
            EndTime = new TimeOnly(16, 0),
        });
        Assert.True(created.Succeeded, created.Problem);
        return new Setting(south, link, created.Value);
    }

    private static IElement Field(IRenderedComponent<EventForm> cut, string label) =>
        cut.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim().TrimEnd('*').Trim() == label);

    /// <summary>The new-event form for 2026/27, opened by the LINk's editor, on a database of the class's organisations.</summary>
    private async Task<(TestDatabase Database, IRenderedComponent<EventForm> Cut)> OpenNewEventAsTheLinkAsync()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Link, "Lena Khan"));
        Context.RenderPopovers();
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/timetable/events/new?year=2026");
        var cut = Context.Render<EventForm>();
        cut.WaitForAssertion(() => Field(cut, "Title"));
        return (database, cut);
    }

    private static List<string> Buttons(IRenderedComponent<EventDetail> cut) => cut.FindAll("button, a.mud-button-root").Select(b => b.TextContent.Trim()).ToList();

    [Fact]
    public async Task Save_LastDayBeforeFirstDay_ShowsTheMessageNextToTheLastDayAndKeepsTheInput()
    {
        var (database, cut) = await OpenNewEventAsTheLinkAsync();

        Field(cut, "Title").QuerySelector("input")!.Change("LINk annual conference");
        Field(cut, "First day").QuerySelector("input")!.Change("12/11/2026");
        Field(cut, "Last day (optional)").QuerySelector("input")!.Change("10/11/2026");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("The last day is before the first day.", Field(cut, "Last day (optional)").TextContent));
        Assert.Equal("LINk annual conference", Field(cut, "Title").QuerySelector("input")!.GetAttribute("value"));
        Assert.Equal("12/11/2026", Field(cut, "First day").QuerySelector("input")!.GetAttribute("value"));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.TimetableEvents.CountAsync());
    }

    // A time the field cannot read was once dropped on save, the event saved without it. Now the field says why, the
    // form saves nothing while it stands, and a time typed another way ("2pm") is said back and saved.
    [Fact]
    public async Task Save_StartTimeThatIsNotATime_SaysWhyAndSavesNothingUntilMended()
    {
        var (database, cut) = await OpenNewEventAsTheLinkAsync();

        Field(cut, "Title").QuerySelector("input")!.Change("LINk assembly");
        Field(cut, "First day").QuerySelector("input")!.Change("19/11/2026");
        Field(cut, "Start time (optional)").QuerySelector("input")!.Change("25:99");
        cut.Find("form").Submit();

        const string why = "25:99 is not a time: the hours go up to 23 and the minutes up to 59.";
        cut.WaitForAssertion(() => Assert.Contains(why, Field(cut, "Start time (optional)").TextContent));
        Assert.Contains(why, cut.Find("[role=alert]").TextContent);
        Assert.Equal("25:99", Field(cut, "Start time (optional)").QuerySelector("input")!.GetAttribute("value"));
        await using (var db = database.CreateContext())
        {
            Assert.False(await db.TimetableEvents.AnyAsync(e => e.Title == "LINk assembly"));
        }

        Field(cut, "Start time (optional)").QuerySelector("input")!.Change("6.30pm");
        cut.WaitForAssertion(() => Assert.Equal("18:30", cut.Find("[data-testid=understood-time]").TextContent.Trim()));
        cut.Find("form").Submit();

        await using var check = database.CreateContext();
        cut.WaitForAssertion(() => Assert.Equal(new TimeOnly(18, 30), check.TimetableEvents.AsNoTracking().Single(e => e.Title == "LINk assembly").StartTime));
    }

    [Fact]
    public async Task Save_NoTitle_ShowsTheMessageNextToTheTitle()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Link, "Lena Khan"));
        Context.RenderPopovers();
        var cut = Context.Render<EventForm>();
        cut.WaitForAssertion(() => Field(cut, "Title"));

        Field(cut, "First day").QuerySelector("input")!.Change("12/11/2026");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Give the event a title.", Field(cut, "Title").TextContent));
    }

    [Fact]
    public async Task Save_ValidSpan_CreatesTheEventForTheEditorsOrganisationAndOpensIt()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Link, "Lena Khan"));
        Context.RenderPopovers();
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/timetable/events/new?year=2026");
        var cut = Context.Render<EventForm>();
        cut.WaitForAssertion(() => Assert.Contains("Birmingham LINk", cut.Find("[data-testid=organisation]").TextContent));

        Field(cut, "Title").QuerySelector("input")!.Change("Enter and view visits");
        Field(cut, "First day").QuerySelector("input")!.Change("02/11/2026");
        Field(cut, "Last day (optional)").QuerySelector("input")!.Change("27/11/2026");
        cut.Find("form").Submit();

        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        await using var db = database.CreateContext();
        TimetableEvent? added = null;
        cut.WaitForAssertion(() =>
        {
            added = db.TimetableEvents.AsNoTracking().SingleOrDefault(e => e.Title == "Enter and view visits");
            Assert.NotNull(added);
        });
        Assert.Equal(setting.Link.Id, added!.OrganisationId);
        Assert.Equal(new DateOnly(2026, 11, 2), added.StartDate);
        Assert.Equal(new DateOnly(2026, 11, 27), added.EndDate);
        Assert.Equal(2026, added.Year);
        cut.WaitForAssertion(() => Assert.EndsWith($"/timetable/events/{added.Id}", navigation.Uri));
    }

    [Fact]
    public async Task Render_AnotherOrganisationsEvent_IsReadOnly()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Link, "Lena Khan"));
        Context.RenderPopovers();

        var detail = Context.Render<EventDetail>(p => p.Add(x => x.Id, setting.EventId));
        var form = Context.Render<EventForm>(p => p.Add(x => x.Id, setting.EventId));

        detail.WaitForAssertion(() => Assert.Contains("Only editors of NHS South Birmingham can change this event.", detail.Find("[data-testid=read-only]").TextContent));
        Assert.DoesNotContain("Edit", Buttons(detail));
        Assert.DoesNotContain("Remove", Buttons(detail));
        form.WaitForAssertion(() => Assert.Contains("Only editors of NHS South Birmingham can change this event.", form.Find("[data-testid=refusal]").TextContent));
        Assert.Empty(form.FindAll("form"));
    }

    [Fact]
    public async Task Render_Viewer_IsToldOnlyEditorsAddEvents()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(People.Viewer(setting.South.Id));

        var cut = Context.Render<EventForm>();

        cut.WaitForAssertion(() => Assert.Contains("Only editors can add events", cut.Find("[data-testid=refusal]").TextContent));
        Assert.Empty(cut.FindAll("form"));
    }

    [Fact]
    public async Task Save_EditorMadeViewerWhileEditing_IsRefusedWithAMessageAndTheDenialIsLogged()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        var logs = new CapturingLoggerProvider();
        Context.UseEngagementHub(database);
        Context.Services.AddSingleton<ILoggerProvider>(logs);
        var colin = EditorOf(setting.South, "Colin Price");
        var auth = Context.SignIn(colin);
        Context.RenderPopovers();
        var cut = Context.Render<EventForm>(p => p.Add(x => x.Id, setting.EventId));
        cut.WaitForAssertion(() => Field(cut, "Title"));

        // An administrator makes Colin a viewer while the form is open: the server-side check, not the page, refuses.
        auth.SetRoles(nameof(UserRole.Viewer));
        auth.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, colin.UserId!),
            new Claim(EngagementHubClaims.OrganisationId, setting.South.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(EngagementHubClaims.OrganisationName, setting.South.Name),
            new Claim(EngagementHubClaims.DisplayName, colin.DisplayName));
        Field(cut, "Title").QuerySelector("input")!.Change("Board meeting (moved)");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Your change was not saved", cut.Find("[data-testid=problem]").TextContent));
        Assert.Contains(logs.Warnings, l => l.Message.Contains("Access denied", StringComparison.Ordinal) && l.Message.Contains("edit a timetable event", StringComparison.Ordinal));
        Assert.Equal("Board meeting in public", (await Service(database).Queries.GetEventAsync(setting.EventId))!.Event.Title);
    }

    [Fact]
    public async Task Save_SomeoneElseSavedFirst_SaysWhoAndKeepsTheirChange()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.South, "Colin Price"));
        Context.RenderPopovers();
        var cut = Context.Render<EventForm>(p => p.Add(x => x.Id, setting.EventId));
        cut.WaitForAssertion(() => Field(cut, "Title"));

        var service = Service(database);
        var theirs = TimetableEventInput.From((await service.Queries.GetEventAsync(setting.EventId))!.Event);
        theirs.Location = "Council House, Committee Room 1";
        Assert.True((await service.Events.UpdateEventAsync(EditorOf(setting.South, "Sandra Hughes"), setting.EventId, theirs)).Succeeded);
        Field(cut, "Title").QuerySelector("input")!.Change("Board meeting (extraordinary)");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Sandra Hughes saved this event", cut.Find("[data-testid=problem]").TextContent));
        var stored = (await service.Queries.GetEventAsync(setting.EventId))!.Event;
        Assert.Equal("Board meeting in public", stored.Title);
        Assert.Equal("Council House, Committee Room 1", stored.Location);
    }

    [Fact]
    public async Task Render_OwnerOfAnEventInAnAgreedYear_WarnsBeforeEditing()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        var service = Service(database);
        Assert.True((await service.Agreements.ProposeAsync(EditorOf(setting.Link, "Lena Khan"), new FinancialYear(2026), [setting.South.Id], null)).Succeeded);
        var proposed = (await service.Queries.TimetableAsync(new FinancialYear(2026)))!;
        Assert.True((await service.Agreements.AgreeAsync(EditorOf(setting.South, "Colin Price"), new FinancialYear(2026), proposed.Version)).Succeeded);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.South, "Colin Price"));
        Context.RenderPopovers();

        var detail = Context.Render<EventDetail>(p => p.Add(x => x.Id, setting.EventId));

        detail.WaitForAssertion(() => Assert.Contains("this year's timetable is agreed — your change will be flagged and logged for partners",
            detail.Find("[data-testid=year-notice]").TextContent, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Agreed and published", detail.Find("[data-testid=year-status]").TextContent);
        Assert.Contains("Edit", Buttons(detail));
        Assert.Contains("Remove", Buttons(detail));
        Assert.Contains("Thu 17 Sept 2026, 14:00–16:00", detail.Find("[data-testid=when]").TextContent);
    }

    /// <summary>The 2027/28 timetable proposed by the LINk and agreed by NHS South Birmingham.</summary>
    private static async Task AgreeNextYearAsync(TimetableServices service, Setting setting)
    {
        var next = new FinancialYear(2027);
        Assert.True((await service.Agreements.ProposeAsync(EditorOf(setting.Link, "Lena Khan"), next, [setting.South.Id], null)).Succeeded);
        var proposed = (await service.Queries.TimetableAsync(next))!;
        Assert.True((await service.Agreements.AgreeAsync(EditorOf(setting.South, "Colin Price"), next, proposed.Version)).Succeeded);
    }

    // The change is logged in every year it touches (ADR 7), so the form warns about each: here a board meeting in a
    // 2026/27 nobody has proposed, moved into an agreed 2027/28.
    [Fact]
    public async Task Edit_DateMovedIntoAnAgreedNextYear_WarnsAboutThatYear()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        await AgreeNextYearAsync(Service(database), setting);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.South, "Colin Price"));
        Context.RenderPopovers();
        var cut = Context.Render<EventForm>(p => p.Add(x => x.Id, setting.EventId));
        cut.WaitForAssertion(() => Field(cut, "First day"));
        Assert.Empty(cut.FindAll("[data-testid=year-notice]"));

        Field(cut, "First day").QuerySelector("input")!.Change("15/04/2027");

        cut.WaitForAssertion(() => Assert.Equal("The 2027/28 timetable is agreed — your change will be flagged and logged for partners.",
            cut.Find("[data-testid=year-notice]").TextContent.Trim()));
    }

    // A consultation from March into May shows in both years, and removing it is logged in both: its page warns about the
    // agreed year it runs into, not only the year it starts in, and so does the confirmation before removing it.
    [Fact]
    public async Task Render_EventRunningIntoAnAgreedNextYear_WarnsAboutThatYearBeforeEditingAndRemoving()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        var service = Service(database);
        var created = await service.Events.CreateEventAsync(EditorOf(setting.South, "Colin Price"), new TimetableEventInput
        {
            OrganisationId = setting.South.Id,
            Kind = TimetableEventKind.ConsultationWindow,
            Title = "Stroke services consultation",
            StartDate = new DateOnly(2027, 3, 1),
            EndDate = new DateOnly(2027, 5, 28),
        });
        Assert.True(created.Succeeded, created.Problem);
        await AgreeNextYearAsync(service, setting);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.South, "Colin Price"));
        Context.RenderPopovers();
        var dialogs = Context.Render<MudDialogProvider>();

        var detail = Context.Render<EventDetail>(p => p.Add(x => x.Id, created.Value));

        const string Notice = "The 2027/28 timetable is agreed — your change will be flagged and logged for partners.";
        detail.WaitForAssertion(() => Assert.Equal(Notice, detail.Find("[data-testid=year-notice]").TextContent.Trim()));
        detail.FindAll("button").Single(b => b.TextContent.Trim() == "Remove").Click();
        dialogs.WaitForAssertion(() => Assert.Contains(Notice, dialogs.Markup));
    }

    [Fact]
    public async Task Render_RemovedEvent_SaysItWasNotFound()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(People.Viewer(setting.South.Id));
        Context.RenderPopovers();

        var cut = Context.Render<EventDetail>(p => p.Add(x => x.Id, setting.EventId + 100));

        cut.WaitForAssertion(() => Assert.Equal("Event not found", cut.Find("h1").TextContent.Trim()));
        Assert.Contains("Back to the timetable", cut.Markup);
    }

    [Fact]
    public async Task Remove_OwnerConfirms_RemovesTheEventAndReturnsToTheTimetable()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.South, "Colin Price"));
        Context.RenderPopovers();
        var dialogs = Context.Render<MudDialogProvider>();
        var cut = Context.Render<EventDetail>(p => p.Add(x => x.Id, setting.EventId));

        cut.WaitForAssertion(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Remove").Click());
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Remove").Click());

        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith("/timetable?year=2026", navigation.Uri));
        Assert.Null(await Service(database).Queries.GetEventAsync(setting.EventId));
    }
}
