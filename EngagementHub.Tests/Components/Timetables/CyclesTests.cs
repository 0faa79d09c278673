using Bunit;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Timetables;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Components.Timetables;

public sealed class CyclesTests : BunitTestContextBase
{
    private static async Task<Organisation> SeedAsync(TestDatabase database)
    {
        await using (var db = database.CreateContext())
        {
            db.CycleTemplates.AddRange(StandardCycles.All());
            await db.SaveChangesAsync();
        }

        return await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
    }

    private static AngleSharp.Dom.IElement GenerateButton(IRenderedComponent<Cycles> cut, string template) =>
        cut.FindAll("[data-testid=cycle]").Single(c => c.QuerySelector("h2")!.TextContent.Trim() == template).QuerySelector("button")!;

    [Fact]
    public async Task Generate_Editor_SaysHowManyEventsWereAddedAndLinksToTheYear()
    {
        var database = await CreateDatabaseAsync();
        var south = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(new Actor("user-colin", "Colin Price", south.Id, south.Name, UserRole.Editor));
        Context.RenderPopovers();
        var cut = Context.Render<Cycles>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=cycle]").Count));

        GenerateButton(cut, StandardCycles.WorldClassCommissioning).Click();

        cut.WaitForAssertion(() => Assert.Contains("Added 5 events to the 2026/27 timetable of NHS South Birmingham",
            cut.Find("[data-testid=generate-result]").TextContent));
        Assert.Equal($"/timetable?year=2026&org={south.Id}", cut.Find("[data-testid=generate-result] a").GetAttribute("href"));
        await using var db = database.CreateContext();
        Assert.Equal(5, await db.TimetableEvents.CountAsync(e => e.OrganisationId == south.Id && e.Year == 2026));

        GenerateButton(cut, StandardCycles.WorldClassCommissioning).Click();

        cut.WaitForAssertion(() => Assert.Contains("already has every stage of", cut.Find("[data-testid=generate-result]").TextContent));
        Assert.Equal(5, await db.TimetableEvents.CountAsync());
    }

    [Fact]
    public async Task Render_Viewer_ListsTheStagesButOffersNoGenerate()
    {
        var database = await CreateDatabaseAsync();
        var south = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(People.Viewer(south.Id));
        Context.RenderPopovers();

        var cut = Context.Render<Cycles>();

        cut.WaitForAssertion(() => Assert.Contains("Procurement and contracting", cut.Markup));
        Assert.Contains("January", cut.Markup);
        // How long each stage lasts, in months: the whole year is twelve of them, April to March.
        string[] Row(string stage) => [.. cut.FindAll("tr").Single(r => r.QuerySelector("td")?.TextContent == stage).QuerySelectorAll("td").Take(3).Select(c => c.TextContent)];
        Assert.Equal(["Monitoring and performance management", "April", "12 months"], Row("Monitoring and performance management"));
        Assert.Equal(["Procurement and contracting", "January", "3 months"], Row("Procurement and contracting"));
        Assert.Equal(["Decision: commissioning intentions agreed", "December", "1 month"], Row("Decision: commissioning intentions agreed"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Generate", StringComparison.Ordinal));
    }
}
