using AngleSharp.Dom;
using Bunit;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Admin;
using EngagementHub.Web.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EngagementHub.Tests.Components.Admin;

public sealed class DeadlineKindsTests : BunitTestContextBase
{
    private const string Request = "Request for information";

    [Fact]
    public async Task Save_AnotherAdministratorChangedTheKindWhileTheFormWasOpen_SaysWhoAndShowsTheirs()
    {
        var database = await SeedAsync();
        Context.UseEngagementHub(database);
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        Context.SignIn(People.Admin(link.Id), Policies.Admin);
        Context.RenderPopovers();
        var dialogs = Context.Render<MudDialogProvider>();
        var snackbars = Context.Render<MudSnackbarProvider>();
        var cut = Context.Render<DeadlineKinds>();
        cut.WaitForAssertion(() => cut.Find($"button[aria-label='Edit {Request}']").Click());
        dialogs.WaitForAssertion(() => Field(dialogs, "Working days").Change("25"));

        // Another administrator saves the same kind with 15 working days while this form is open.
        var service = Context.Services.GetRequiredService<DeadlineService>();
        var theirs = DeadlineRuleInput.From((await service.RulesAsync()).Single(r => r.Name == Request));
        theirs.WorkingDays = 15;
        var colleague = new Actor("user-ben", "Ben Admin", link.Id, link.Name, UserRole.Admin);
        Assert.True((await service.SaveRuleAsync(colleague, (await service.RulesAsync()).Single(r => r.Name == Request).Id, theirs)).Succeeded);
        await dialogs.Find("form").SubmitAsync();

        // The form stays open with what was typed and says who saved first; closing it shows theirs.
        dialogs.WaitForAssertion(() => Assert.Contains("Ben Admin saved this kind of deadline on ", dialogs.Find("[data-testid=error-summary]").TextContent));
        Assert.Contains("(changed: Working days)", dialogs.Find("[data-testid=error-summary]").TextContent);
        Assert.Equal("25", Field(dialogs, "Working days").GetAttribute("value"));
        Assert.Equal(15, (await service.RulesAsync()).Single(r => r.Name == Request).WorkingDays);
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        cut.WaitForAssertion(() => Assert.Equal("15", Row(cut, Request).QuerySelector("td[data-label='Working days']")!.TextContent.Trim()));
        Assert.Contains(snackbars.FindAll(".mud-snackbar-content-message").Select(m => m.TextContent),
            m => m.StartsWith("Ben Admin saved this kind of deadline on ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_KindWithNoEscalation_SaysNoNoticeGoesRatherThanAtOnce()
    {
        var database = await SeedAsync();
        Context.UseEngagementHub(database);
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var admin = People.Admin(link.Id);
        Context.SignIn(admin, Policies.Admin);
        var service = Context.Services.GetRequiredService<DeadlineService>();
        Assert.True((await service.SaveRuleAsync(admin, null,
            new DeadlineRuleInput { Name = "Quality account comment", RemindDaysBefore = "1", EscalateAfterWorkingDays = 0 })).Succeeded);

        var cut = Context.Render<DeadlineKinds>();

        cut.WaitForAssertion(() => Assert.Equal("No escalation notice",
            Row(cut, "Quality account comment (custom)").QuerySelector("td[data-label='Suggest escalation']")!.TextContent.Trim()));
        Assert.Equal("1 working day before, and on the due date",
            Row(cut, "Quality account comment (custom)").QuerySelector("td[data-label='Reminders']")!.TextContent.Trim());
    }

    private async Task<TestDatabase> SeedAsync()
    {
        var database = await CreateDatabaseAsync();
        await using var db = database.CreateContext();
        await DeadlineService.EnsureRulesAsync(db);
        return database;
    }

    private static IElement Field(IRenderedComponent<MudDialogProvider> dialogs, string label) =>
        dialogs.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim().TrimEnd('*').Trim() == label).QuerySelector("input")!;

    private static IElement Row(IRenderedComponent<DeadlineKinds> cut, string kind) =>
        cut.FindAll("tbody tr").Single(r => r.QuerySelector("td[data-label=Kind]")?.TextContent.Trim() == kind);
}
