using AngleSharp.Dom;
using Bunit;
using EngagementHub.Core.Timetables;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Admin;
using EngagementHub.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Components.Admin;

public sealed class CycleTemplatesTests : BunitTestContextBase
{
    private static async Task SeedAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        db.CycleTemplates.AddRange(StandardCycles.All());
        await db.SaveChangesAsync();
    }

    private static IElement Input(IRenderedComponent<CycleTemplates> cut, string label) =>
        cut.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim().TrimEnd('*').Trim() == label).QuerySelector("input")!;

    private IRenderedComponent<CycleTemplates> Open(string template)
    {
        var cut = Context.Render<CycleTemplates>();
        cut.WaitForAssertion(() => cut.FindAll("nav button").Single(b => b.TextContent.Trim() == template).Click());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=stage]")));
        return cut;
    }

    [Fact]
    public async Task Save_StageWithoutNameAndNoCycleName_ShowsEachMessageNextToItsField()
    {
        var database = await CreateDatabaseAsync();
        await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(People.Admin(1), Policies.Admin);
        Context.RenderPopovers();
        var cut = Open(StandardCycles.FourStage);

        Input(cut, "Name").Change("");
        Input(cut, "Stage 2 name").Change("  ");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Stage 2 needs a name.", cut.FindAll("[data-testid=stage]")[1].TextContent));
        Assert.Contains("Give the cycle a name.", Input(cut, "Name").Closest(".mud-input-control")!.TextContent);
        Assert.DoesNotContain("needs a name", cut.FindAll("[data-testid=stage]")[0].TextContent);
        await using var db = database.CreateContext();
        Assert.Equal(StandardCycles.FourStage, (await db.CycleTemplates.SingleAsync(t => t.Name == StandardCycles.FourStage)).Name);
    }

    [Fact]
    public async Task Save_StageRemovedAndRenamed_StoresTheNewStagesAndKeepsOtherCycles()
    {
        var database = await CreateDatabaseAsync();
        await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(People.Admin(1), Policies.Admin);
        Context.RenderPopovers();
        var cut = Open(StandardCycles.FourStage);

        cut.Find("button[aria-label='Remove stage 5']").Click();
        cut.Find("button[aria-label='Move stage 2 up']").Click();
        Input(cut, "Stage 1 name").Change("Revising first");
        cut.Find("form").Submit();

        await using var db = database.CreateContext();
        cut.WaitForAssertion(() =>
        {
            var saved = db.CycleTemplates.AsNoTracking().Single(t => t.Name == StandardCycles.FourStage);
            Assert.Equal(4, saved.Stages.Count);
            Assert.Equal("Revising first", saved.Stages[0].Name);
            Assert.Equal(7, saved.Stages[0].StartMonth);
            Assert.Equal("Monitoring: first-quarter performance review", saved.Stages[1].Name);
        });
        Assert.Equal(5, (await db.CycleTemplates.SingleAsync(t => t.Name == StandardCycles.WorldClassCommissioning)).Stages.Count);
        Assert.Contains("A change affects only cycles generated afterwards", cut.Find("[data-testid=new-only]").TextContent);
    }

    [Fact]
    public async Task Save_StageMonthsChanged_StoresTheMonthsAsTyped()
    {
        var database = await CreateDatabaseAsync();
        await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(People.Admin(1), Policies.Admin);
        Context.RenderPopovers();
        var cut = Open(StandardCycles.WorldClassCommissioning);

        // Each stage's length is in months: the whole-year monitoring stage is twelve.
        var months = cut.FindAll("[data-testid=stage]").Select(s => s.QuerySelectorAll(".mud-input-control")
            .Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Months").QuerySelector("input")!).ToList();
        Assert.Equal(["3", "3", "3", "3", "12"], months.Select(m => m.GetAttribute("value")));
        months[3].Change("2");
        cut.Find("form").Submit();

        await using var db = database.CreateContext();
        cut.WaitForAssertion(() => Assert.Equal([3, 3, 3, 2, 12],
            db.CycleTemplates.AsNoTracking().Single(t => t.Name == StandardCycles.WorldClassCommissioning).Stages.Select(s => s.DurationMonths)));
    }
}
