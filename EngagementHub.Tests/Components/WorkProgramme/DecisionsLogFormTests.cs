using AngleSharp.Dom;
using Bunit;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.WorkProgramme;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.WorkProgramme;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace EngagementHub.Tests.Components.WorkProgramme;

/// <summary>The form on the decisions log that records a LINk decision not taken on an issue.</summary>
public sealed class DecisionsLogFormTests : BunitTestContextBase
{
    private static IElement Field(IRenderedComponent<DecisionsLog> cut, string label) =>
        cut.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim().TrimEnd('*').Trim() == label);

    // The log is published as an entry is recorded, so its kind is the editor's choice: none is chosen for them.
    [Fact]
    public async Task Record_NoKindChosen_AsksForItAndRecordsNothingThenRecordsTheChosenKindOnce()
    {
        var database = await CreateDatabaseAsync();
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        Context.UseEngagementHub(database);
        Context.SignIn(People.Editor(link.Id, link.Name));
        var popovers = Context.RenderPopovers();
        var cut = Context.Render<DecisionsLog>();
        cut.WaitForAssertion(() => Field(cut, "What was decided"));
        Assert.Equal("", Field(cut, "Kind").QuerySelector("input")!.GetAttribute("value") ?? "");

        Field(cut, "What was decided").QuerySelector("input")!.Change("Enter and view at Oak House care home");
        Field(cut, "Decided by (the body, not a person)").QuerySelector("input")!.Change("The LINk's board");
        Field(cut, "Reasons").QuerySelector("textarea")!.Change("Residents' families raised concerns about meals.");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Choose the kind of decision.", Field(cut, "Kind").TextContent));
        await using (var db = database.CreateContext())
        {
            Assert.Equal(0, await db.RelevantDecisions.CountAsync());
        }

        cut.FindComponents<MudSelect<RelevantDecisionKind?>>().Single().Find("div.mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == RelevantDecisionKind.EnterAndView.Label()).Click());
        await cut.Find("form").SubmitAsync();
        // The second click of a double-click, reaching the page after the first recorded the decision.
        await cut.Find("form").SubmitAsync();

        await using var check = database.CreateContext();
        var recorded = Assert.Single(await check.RelevantDecisions.ToListAsync());
        Assert.Equal((RelevantDecisionKind.EnterAndView, "Enter and view at Oak House care home"), (recorded.Kind, recorded.Subject));
        Assert.Empty(cut.FindAll("[data-testid=error-summary]"));
    }
}
