using Bunit;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Deadlines;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace EngagementHub.Tests.Components.Deadlines;

/// <summary>"You said, we did" on the deadline page (the implementation dialogs) and the register page.</summary>
public sealed class RecommendationImplementationUiTests : BunitTestContextBase
{
    private TestDatabase _database = default!;
    private DeadlineService _service = default!;
    private Organisation _link = default!;
    private Organisation _commissioner = default!;
    private Organisation _other = default!;
    private int _reportId;
    private int _accepted;

    public override async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
        await using (var db = _database.CreateContext())
        {
            await DeadlineService.EnsureRulesAsync(db);
        }

        _link = await _database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        _commissioner = await _database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        _other = await _database.SeedOrganisationAsync("NHS Birmingham East and North", OrganisationKind.Commissioner);
        var access = new OrganisationAccess(NullLogger<OrganisationAccess>.Instance);
        _service = new DeadlineService(_database.Factory, new BankHolidayCalendar(_database.Factory, access, _database.Clock), access,
            _database.Clock);
        await using var check = _database.CreateContext();
        var rule = await check.DeadlineRules.Where(r => r.Kind == DeadlineKind.ReportResponse).Select(r => r.Id).SingleAsync();
        _reportId = (await _service.LogAsync(LinkEditor, new DeadlineInput
        {
            RuleId = rule, Subject = "Maternity choices", ToOrganisationId = _commissioner.Id, Received = new DateOnly(2026, 10, 1),
            Recommendations = ["Offer interpreters at every appointment.", "Open a new unit."],
        })).Value;
        var recommendations = (await _service.GetAsync(_reportId))!.Deadline.Recommendations.OrderBy(r => r.Number).ToList();
        _accepted = recommendations[0].Id;
        await _service.RespondAsync(CommissionerEditor, _reportId, _accepted, RecommendationResponse.Accepted, null);
        await _service.RespondAsync(CommissionerEditor, _reportId, recommendations[1].Id, RecommendationResponse.NotAccepted, "Too few births.");
    }

    private Actor LinkEditor => new("user-lena", "Lena Khan", _link.Id, _link.Name, UserRole.Editor);

    private Actor CommissionerEditor => new("user-colin", "Colin Marsh", _commissioner.Id, _commissioner.Name, UserRole.Editor);

    private static List<string> Buttons<T>(IRenderedComponent<T> cut) where T : IComponent => [.. cut.FindAll("button").Select(b => b.TextContent.Trim())];

    private async Task RecordAsync(ImplementationStatus status, DateOnly? planned, string? change = null)
    {
        var version = (await _service.GetAsync(_reportId))!.Deadline.Recommendations.Single(r => r.Id == _accepted).Version;
        var outcome = await _service.RecordImplementationAsync(CommissionerEditor, _reportId, _accepted,
            new ImplementationInput { Status = status, PlannedDate = planned, ChangeMade = change, Version = version });
        Assert.True(outcome.Succeeded, outcome.Problem);
    }

    [Fact]
    public async Task Render_Commissioner_OffersRecordProgressOnTheAcceptedRecommendationOnly()
    {
        Context.UseEngagementHub(_database);
        Context.SignIn(CommissionerEditor);
        Context.RenderPopovers();

        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, _reportId));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("button[aria-label^='Record progress on recommendation']")));
        Assert.Equal("Record progress on recommendation 1", cut.Find("button[aria-label^='Record progress']").GetAttribute("aria-label"));
        Assert.Equal("Not yet recorded", cut.Find("[data-testid=implementation-1] [data-testid=implementation-status]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=implementation-2]"));
        Assert.Empty(cut.FindAll("button[aria-label^='Say whether']"));
    }

    [Fact]
    public async Task Respond_SomeoneChangedTheResponseWhileTheFormWasOpen_SaysWhoAndShowsTheirs()
    {
        Context.UseEngagementHub(_database);
        Context.SignIn(CommissionerEditor);
        var dialogs = Context.Render<MudDialogProvider>();
        Context.RenderPopovers();
        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, _reportId));
        cut.WaitForAssertion(() => cut.Find("button[aria-label='Respond to recommendation 1']").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("textarea").Change("In every clinic from April."));

        var colleague = new Actor("user-sam", "Sam South", _commissioner.Id, _commissioner.Name, UserRole.Editor);
        Assert.True((await _service.RespondAsync(colleague, _reportId, _accepted, RecommendationResponse.NotAccepted, "The budget was cut.")).Succeeded);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Save the response").Click();

        // The form stays open with the words typed and says who saved first; closing it shows theirs.
        dialogs.WaitForAssertion(() => Assert.Contains("Sam South", dialogs.Find("[data-testid=error-summary]").TextContent));
        Assert.Equal("In every clinic from April.", dialogs.Find("textarea").TextContent.Trim() is { Length: > 0 } shown ? shown : dialogs.Find("textarea").GetAttribute("value"));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        var snackbars = Context.Services.GetRequiredService<ISnackbar>();
        cut.WaitForAssertion(() => Assert.Contains("The budget was cut.", cut.Find("[data-testid=recommendations]").TextContent));
        var told = Assert.Single(snackbars.ShownSnackbars).Message;
        Assert.Contains("Sam South", told);
        Assert.Contains("saved this recommendation", told);
        var kept = (await _service.GetAsync(_reportId))!.Deadline.Recommendations.Single(r => r.Id == _accepted);
        Assert.Equal((RecommendationResponse.NotAccepted, "The budget was cut."), (kept.Response, kept.ResponseText));
    }

    [Fact]
    public async Task RecordProgress_PlannedWithoutADate_SaysSoNextToTheDateAndKeepsTheDialogOpen()
    {
        Context.UseEngagementHub(_database);
        Context.SignIn(CommissionerEditor);
        var dialogs = Context.Render<MudDialogProvider>();
        Context.RenderPopovers();
        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, _reportId));

        cut.WaitForAssertion(() => cut.Find("button[aria-label='Record progress on recommendation 1']").Click());
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Save the progress").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("Give the date it is planned to be done by.", dialogs.Markup));
        Assert.Single(dialogs.FindAll(".mud-dialog"));
        Assert.Null((await _service.GetAsync(_reportId))!.Deadline.Recommendations.Single(r => r.Id == _accepted).Implementation);
    }

    [Fact]
    public async Task RecordProgress_PlannedDateTyped_ShowsItOnThePage()
    {
        Context.UseEngagementHub(_database);
        Context.SignIn(CommissionerEditor);
        var dialogs = Context.Render<MudDialogProvider>();
        Context.RenderPopovers();
        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, _reportId));

        cut.WaitForAssertion(() => cut.Find("button[aria-label='Record progress on recommendation 1']").Click());
        dialogs.WaitForAssertion(() => dialogs.Find(".uk-date-field input").Change("1/12/2026"));
        dialogs.WaitForAssertion(() => Assert.Contains("Tuesday 1 December 2026", dialogs.Find("[data-testid=understood-date]").TextContent));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Save the progress").Click();

        cut.WaitForAssertion(() => Assert.Contains("Planned, planned by Tue 1 Dec 2026", cut.Find("[data-testid=implementation-1]").TextContent));
        Assert.Contains("Add what happened", Buttons(cut));
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task AddWhatHappened_Tomorrow_SaysSoNextToTheDateThenTodayIsListed()
    {
        await RecordAsync(ImplementationStatus.InProgress, new DateOnly(2026, 12, 1));
        Context.UseEngagementHub(_database);
        Context.SignIn(CommissionerEditor);
        var dialogs = Context.Render<MudDialogProvider>();
        Context.RenderPopovers();
        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, _reportId));

        cut.WaitForAssertion(() => cut.Find("button[aria-label='Add what happened on recommendation 1']").Click());
        dialogs.WaitForAssertion(() => dialogs.Find(".uk-date-field input").Change("3/11/2026"));
        dialogs.Find("textarea").Change("Contract signed with the interpreting service.");
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Add it").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("its date cannot be in the future", dialogs.Markup));
        dialogs.Find(".uk-date-field input").Change("2/11/2026");
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Add it").Click();

        cut.WaitForAssertion(() => Assert.Contains("Mon 2 Nov 2026: Contract signed with the interpreting service.", cut.Find("[data-testid=milestones]").TextContent));
        Assert.Contains("Colin Marsh", cut.Find("[data-testid=milestones]").TextContent);
    }

    [Fact]
    public async Task SayWhetherItIsMet_LinkAgrees_ShowsTheLinksView()
    {
        await RecordAsync(ImplementationStatus.Done, null, "Interpreters are booked with every appointment.");
        Context.UseEngagementHub(_database);
        Context.SignIn(LinkEditor);
        var dialogs = Context.Render<MudDialogProvider>();
        Context.RenderPopovers();
        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, _reportId));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("button[aria-label^='Record progress']")));
        Assert.Contains("Interpreters are booked with every appointment.", cut.Find("[data-testid=change-made]").TextContent);
        cut.Find("button[aria-label='Say whether it is met: recommendation 1']").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Save the LINk's view").Click());

        cut.WaitForAssertion(() => Assert.Contains("The LINk agrees it has been met", cut.Find("[data-testid=link-verdict]").TextContent));
        Assert.Contains("Lena Khan", cut.Find("[data-testid=link-verdict]").TextContent);
    }

    [Fact]
    public async Task Render_ViewerOfAnotherOrganisation_SeesProgressButNoActions()
    {
        await RecordAsync(ImplementationStatus.InProgress, new DateOnly(2026, 12, 1));
        Context.UseEngagementHub(_database);
        Context.SignIn(People.Viewer(_other.Id));
        Context.RenderPopovers();

        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, _reportId));

        cut.WaitForAssertion(() => Assert.Contains("In progress", cut.Find("[data-testid=implementation-1]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=implementation-1] button"));
    }

    [Fact]
    public async Task Register_StatusInTheAddress_ListsOnlyThoseWithLinksToTheReport()
    {
        await RecordAsync(ImplementationStatus.InProgress, new DateOnly(2026, 12, 1));
        Context.UseEngagementHub(_database);
        Context.SignIn(People.Viewer(_other.Id));
        Context.RenderPopovers();
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/you-said-we-did?status=InProgress");

        var cut = Context.Render<YouSaidWeDidPage>();

        cut.WaitForAssertion(() => Assert.Equal("1 recommendation", cut.Find("[data-testid=register-count]").TextContent.Trim()));
        Assert.Equal("In progress", cut.Find("[data-testid=stage]").TextContent.Trim());
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == $"/deadlines/{_reportId}");
    }

    /// <summary>A year written as the app writes it ("2026/27") is read; values that cannot be read are left out.</summary>
    [Theory]
    [InlineData("year=2026%2F27", "2 recommendations")]
    [InlineData("year=2025%2F26", "0 recommendations")]
    [InlineData("year=soon&commissioner=3x&exercise=one", "2 recommendations")]
    public void Register_YearWithASlashOrValuesItCannotRead_ListsAsReadOrLeftOut(string query, string count)
    {
        Context.UseEngagementHub(_database);
        Context.SignIn(People.Viewer(_other.Id));
        Context.RenderPopovers();
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/you-said-we-did?{query}");

        var cut = Context.Render<YouSaidWeDidPage>();

        cut.WaitForAssertion(() => Assert.Equal(count, cut.Find("[data-testid=register-count]").TextContent.Trim()));
    }

    [Fact]
    public async Task Register_NoFilters_ListsEveryRecommendationWithItsResponse()
    {
        Context.UseEngagementHub(_database);
        Context.SignIn(People.Viewer(_other.Id));
        Context.RenderPopovers();
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/you-said-we-did");

        var cut = Context.Render<YouSaidWeDidPage>();

        cut.WaitForAssertion(() => Assert.Equal("2 recommendations", cut.Find("[data-testid=register-count]").TextContent.Trim()));
        Assert.Contains("Too few births.", cut.Find("[data-testid=register]").TextContent);
        Assert.Equal(["Accepted in whole or part, not yet planned", "Not accepted"], cut.FindAll("[data-testid=stage]").Select(s => s.TextContent.Trim()).ToList());
    }

    [Fact]
    public async Task ChangedResponse_DeadlinePageAndRegister_ShowTheEarlierOneInTheSameWords()
    {
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 14, 30, 0, TimeSpan.Zero));
        Assert.True((await _service.RespondAsync(CommissionerEditor, _reportId, _accepted, RecommendationResponse.NotAccepted, "The budget was cut.")).Succeeded);
        Context.UseEngagementHub(_database);
        Context.SignIn(CommissionerEditor);
        Context.RenderPopovers();

        var detail = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, _reportId));
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/you-said-we-did");
        var register = Context.Render<YouSaidWeDidPage>();

        // Accepted on 2 November at 10:00 (the set-up's clock), by Colin Marsh; the page adds the time, the register the day.
        detail.WaitForAssertion(() => Assert.Equal("Earlier response, since changed: Accepted on 2 Nov 2026 at 10:00 by Colin Marsh",
            detail.Find("[data-testid=earlier-response-1]").TextContent.Trim()));
        register.WaitForAssertion(() => Assert.Equal("Earlier response, since changed: Accepted on Mon 2 Nov 2026",
            Assert.Single(register.FindAll("[data-testid=earlier-response]")).TextContent.Trim()));
    }
}
