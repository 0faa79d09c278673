using EngagementHub.Tests.TestSupport;
using Bunit;
using EngagementHub.Web.Components.Pages.Exercises;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Components.Exercises;

public sealed class JointWorkingGuideTests : BunitTestContextBase
{
    [Fact]
    public async Task Member_OpensTheGuide_SeesTheHeadingTheSpectrumAndAllSixOptions()
    {
        Context.RenderPopovers();
        var cut = Context.Render<JointWorkingGuide>();

        Assert.Equal("Joint-working options", cut.Find("h1").TextContent.Trim());

        var steps = cut.FindAll(".jw-spectrum ol > li");
        Assert.Equal(6, steps.Count);
        Assert.Contains("LINk acts as the commissioner's agent", steps[0].TextContent);
        Assert.Contains("Separate, parallel working", steps[5].TextContent);
        Assert.Contains("Inside the commissioner's exercise (options 1–3)", steps[0].TextContent);
        Assert.Contains("Outside it (options 4–6)", steps[3].TextContent);

        var cardTitles = cut.FindAll(".jw-cards section h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(
            ["Option 1 — Sole responsibility", "Option 2 — Contribute elements", "Option 3 — Coordinate elements",
             "Option 4 — Quality assure", "Option 5 — Comment", "Option 6 — Parallel exercise"],
            cardTitles);
        Assert.Contains(cut.FindAll("h2"), h => h.TextContent.Trim() == "Which option fits?");
        Assert.Contains("agreed by both sides", cut.Markup);
    }

    [Fact]
    public async Task Member_UsesOptionFourFromTheDecisionAid_ItsCardIsHighlighted()
    {
        Context.RenderPopovers();
        var cut = Context.Render<JointWorkingGuide>();

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Use option 4").Click();

        cut.WaitForAssertion(() =>
        {
            var card = cut.Find("#option-4");
            Assert.Contains("Chosen in the decision aid below", card.TextContent);
            Assert.Single(cut.FindAll(".jw-card--highlighted"));
        });
    }
}
