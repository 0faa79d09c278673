using AngleSharp.Dom;
using Bunit;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Deadlines;
using EngagementHub.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EngagementHub.Tests.Components.Deadlines;

public sealed class ProposeExtensionDialogTests : BunitTestContextBase
{
    // Today is Thu 1 Oct 2026 (the test clock). A request received Tue 1 Sep 2026 was due Mon 28 Sept 2026, so 30 September
    // is later than the due date but already gone: agreed, it would leave the deadline overdue at once.
    [Fact]
    public async Task Propose_DateAlreadyPassed_StaysOpenWithTheMessageAtTheFieldAndInTheSummaryAndTheReasonKept()
    {
        var database = await CreateDatabaseAsync();
        var (commissioner, deadlineId) = await SeedAsync(database);
        var dialogs = await OpenAsync(database, commissioner, deadlineId);
        await Input(dialogs, "New due date").ChangeAsync(new() { Value = "30/9/2026" });
        await Input(dialogs, "Reason").ChangeAsync(new() { Value = "The board meets on 10 November." });

        await dialogs.Find("form").SubmitAsync();

        const string message = "Wed 30 Sept 2026 has already passed. A new due date must be a working day after today: the earliest you can propose is Fri 2 Oct 2026.";
        dialogs.WaitForAssertion(() => Assert.Contains(message, dialogs.Find("[data-testid=error-summary]").TextContent));
        Assert.Contains(message, Field(dialogs, "New due date").TextContent);
        Assert.Single(dialogs.FindAll(".mud-dialog"));
        Assert.Equal("The board meets on 10 November.", Input(dialogs, "Reason").GetAttribute("value") ?? Input(dialogs, "Reason").TextContent);
        await using var db = database.CreateContext();
        Assert.Null((await db.Deadlines.SingleAsync(d => d.Id == deadlineId)).ProposedDueDate);
    }

    // A proposal is waiting (the trust's own, or the LINk's): a new one replaces it, and the dialog says so before sending.
    [Fact]
    public async Task Open_WithAProposalWaiting_SaysTheNewOneReplacesIt()
    {
        var database = await CreateDatabaseAsync();
        var (commissioner, deadlineId) = await SeedAsync(database);

        var dialogs = await OpenAsync(database, commissioner, deadlineId, waiting: new DateOnly(2026, 11, 13));

        Assert.Equal("This replaces the proposal of Fri 13 Nov 2026 waiting to be agreed: only the new date and reason will await agreement.",
            OneLine(dialogs.Find("[data-testid=replaces-proposal]").TextContent));
    }

    private static async Task<(Organisation Commissioner, int DeadlineId)> SeedAsync(TestDatabase database)
    {
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var commissioner = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        await using var db = database.CreateContext();
        await DeadlineService.EnsureRulesAsync(db);
        var rule = await db.DeadlineRules.SingleAsync(r => r.Kind == DeadlineKind.InformationRequest);
        var calendar = await BankHolidayCalendar.ReadAsync(db);
        var deadline = new ResponseDeadline(rule, "Winter pressures plan", null, link.Id, commissioner.Id, null, "user-lena", "Lena Khan", null,
            calendar.DueDate(new DateOnly(2026, 9, 1), rule.WorkingDays), database.Clock.GetUtcNow());
        Assert.Equal(new DateOnly(2026, 9, 28), deadline.DueDate);
        db.Deadlines.Add(deadline);
        await db.SaveChangesAsync();
        return (commissioner, deadline.Id);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(TestDatabase database, Organisation commissioner, int deadlineId, DateOnly? waiting = null)
    {
        Context.UseEngagementHub(database);
        Context.SignIn(People.Editor(commissioner.Id, commissioner.Name));
        Context.RenderPopovers();
        var dialogs = Context.Render<MudDialogProvider>();
        var service = Context.Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<ProposeExtensionDialog> { { d => d.DeadlineId, deadlineId }, { d => d.DueDate, new DateOnly(2026, 9, 28) }, { d => d.WaitingSeen, waiting } };
        await dialogs.InvokeAsync(() => service.ShowAsync<ProposeExtensionDialog>("Propose an extension", parameters, DialogDefaults.Form));
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll(".mud-dialog")));
        return dialogs;
    }

    private static IElement Field(IRenderedComponent<MudDialogProvider> dialogs, string label) =>
        dialogs.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    private static IElement Input(IRenderedComponent<MudDialogProvider> dialogs, string label) =>
        Field(dialogs, label).QuerySelector("input, textarea")!;
}
