using EngagementHub.Tests.TestSupport;
using Bunit;
using EngagementHub.Core.Exercises;
using EngagementHub.Web.Components.Pages.Exercises;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Components.Exercises;

public sealed class OptionCardTests : BunitTestContextBase
{
    [Fact]
    public async Task Member_ReadsOptionSix_SeesStrengthsAndDrawbacksListedUnderTheirHeadings()
    {
        Context.RenderPopovers();
        var cut = Context.Render<OptionCard>(p => p.Add(x => x.Option, JointWorkingOptions.ParallelExercise));

        var section = cut.Find("section");
        var title = cut.Find($"#{section.GetAttribute("aria-labelledby")}");
        Assert.Equal("Option 6 — Parallel exercise", title.TextContent.Trim());
        Assert.Contains("Runs a parallel exercise to the commissioner's", section.TextContent);
        Assert.Contains("Outside the commissioner's exercise", section.TextContent);

        var strengths = ItemsUnder(cut, "Potential strengths");
        var drawbacks = ItemsUnder(cut, "Potential drawbacks");
        Assert.Equal(JointWorkingOptions.ParallelExercise.Strengths, strengths);
        Assert.Equal(["Duplication", "The LINk and the commissioner may antagonise each other"], drawbacks);
    }

    [Fact]
    public async Task Member_ReadsCompactOptionOne_SeesItIsInsideTheExerciseWithoutTheHowDetail()
    {
        Context.RenderPopovers();
        var cut = Context.Render<OptionCard>(p => p.Add(x => x.Option, JointWorkingOptions.SoleResponsibility).Add(x => x.Compact, true));

        Assert.Contains("Inside the commissioner's exercise", cut.Find("section").TextContent);
        Assert.DoesNotContain(JointWorkingOptions.SoleResponsibility.How, cut.Markup);
        Assert.Contains("Coherence", ItemsUnder(cut, "Potential strengths"));
    }

    private static List<string> ItemsUnder(IRenderedComponent<OptionCard> cut, string heading)
    {
        var h = cut.FindAll("h4").Single(e => e.TextContent.Trim() == heading);
        return cut.Find($"ul[aria-labelledby='{h.Id}']").QuerySelectorAll("li").Select(li => li.TextContent.Trim()).ToList();
    }
}
