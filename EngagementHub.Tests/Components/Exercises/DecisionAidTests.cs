using EngagementHub.Tests.TestSupport;
using AngleSharp.Dom;
using Bunit;
using EngagementHub.Web.Components.Pages.Exercises;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Components.Exercises;

public sealed class DecisionAidTests : BunitTestContextBase
{
    // The radio labelled `answer` in the group whose accessible name is the question.
    private static IElement Choice(IRenderedComponent<DecisionAid> cut, string question, string answer)
    {
        var group = cut.FindAll("[role=radiogroup]")
            .Single(g => cut.Find($"#{g.GetAttribute("aria-labelledby")}").TextContent.Trim() == question);
        return group.QuerySelectorAll("input[type=radio]").Single(input => input.Closest("label")!.TextContent.Trim() == answer);
    }

    private static List<IElement> RankedOptions(IRenderedComponent<DecisionAid> cut) => cut.FindAll("ol.decision-aid__ranking > li").ToList();

    [Fact]
    public async Task Member_OpensTheAid_SeesSevenQuestionsAndTheOptionsInSpectrumOrder()
    {
        Context.RenderPopovers();
        var cut = Context.Render<DecisionAid>();

        Assert.Equal(7, cut.FindAll("[role=radiogroup]").Count);
        Assert.NotNull(Choice(cut, "How much capacity does the LINk have for this exercise?", "Low"));
        Assert.NotNull(Choice(cut, "Is there a risk of duplicating other engagement (consultation fatigue)?", "Not sure"));
        Assert.Contains("This advises; the two sides decide.", cut.Markup);
        var ranked = RankedOptions(cut);
        Assert.Equal(6, ranked.Count);
        for (var number = 1; number <= 6; number++)
        {
            Assert.Contains($"Option {number} —", ranked[number - 1].QuerySelector("h4")!.TextContent);
        }
    }

    // Three options tie at the top: none is named the best fit, and all three are numbered 1.
    [Fact]
    public void Member_IndependentScrutinyMattersALot_TheTiedOptionsShareFirstPlaceAndNoneIsCalledTheBestFit()
    {
        Context.RenderPopovers();
        var cut = Context.Render<DecisionAid>();

        Choice(cut, "How important is independent scrutiny of this exercise?", "High").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(["1.", "1.", "1.", "4."], RankedOptions(cut).Take(4).Select(li => li.QuerySelector(".decision-aid__rank-number")!.TextContent.Trim()));
            var status = cut.Find("[role=status]").TextContent;
            Assert.StartsWith("Equally good fits so far: Option 4", status);
            Assert.DoesNotContain("Best fit", status);
        });
    }

    [Fact]
    public async Task Member_NeedsHardToReachCommunitiesAndCommissionerContact_OptionTwoRanksFirstWithItsReason()
    {
        Context.RenderPopovers();
        var cut = Context.Render<DecisionAid>();

        Choice(cut, "Does the exercise need communities the commissioner finds hard to reach?", "Yes").Click();
        Choice(cut, "Must the commissioner keep direct contact with the public?", "Yes").Click();

        cut.WaitForAssertion(() =>
        {
            var first = RankedOptions(cut)[0];
            Assert.Contains("Option 2 — Contribute elements", first.QuerySelector("h4")!.TextContent);
            Assert.StartsWith("1.", first.QuerySelector("h4")!.TextContent.Trim());
            var reasons = first.QuerySelectorAll("ul li").Select(li => li.TextContent.Trim()).ToList();
            Assert.Contains(reasons, r => r.StartsWith("For:", StringComparison.Ordinal) && r.Contains("hard to reach", StringComparison.Ordinal));
            Assert.Contains("Best fit so far: Option 2", cut.Find("[role=status]").TextContent);

            // Option 1 loses the commissioner's direct contact: said in words, not only in colour.
            var optionOne = RankedOptions(cut).Single(li => li.QuerySelector("h4")!.TextContent.Contains("Option 1 —", StringComparison.Ordinal));
            Assert.Contains(optionOne.QuerySelectorAll("ul li"),
                li => li.TextContent.Trim() == "Against: Loss of the commissioner's direct contact with the public");
        });
    }

    [Fact]
    public async Task Member_PressesUseOptionTwo_OnUseOptionIsRaisedWithTwo()
    {
        Context.RenderPopovers();
        var used = new List<int>();
        var cut = Context.Render<DecisionAid>(p => p.Add(x => x.OnUseOption, (int n) => used.Add(n)));

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Use option 2").Click();

        cut.WaitForAssertion(() => Assert.Equal([2], used));
    }
}
