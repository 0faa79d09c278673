using EngagementHub.Tests.TestSupport;
using AngleSharp.Dom;
using Bunit;
using EngagementHub.Web.Components.Pages.Exercises;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Components.Exercises;

public sealed class OptionPickerTests : BunitTestContextBase
{
    // Kept private: a shared bUnit setup is being added separately.
    private static IElement RadioLabelled(IRenderedComponent<OptionPicker> cut, string label) =>
        cut.FindAll("input[type=radio]").Single(input => input.Closest("label")!.TextContent.Trim() == label);

    [Fact]
    public async Task Member_ChoosesOptionTwo_SeesItsStrengthsAndDrawbacksAndValueIsRaised()
    {
        Context.RenderPopovers();
        int? raised = null;
        var cut = Context.Render<OptionPicker>(p => p.Add(x => x.ValueChanged, (int? v) => raised = v));

        Assert.Empty(cut.FindAll("section"));
        RadioLabelled(cut, "Option 2: Contribute elements").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(2, raised);
            var card = cut.Find("section");
            Assert.Contains("Option 2 — Contribute elements", card.QuerySelector("h3")!.TextContent);
            Assert.Contains("Draws on respective strengths", ListUnder(card, "Potential strengths"));
            Assert.Contains("Perceived or assumed compromise of the LINk's independence", ListUnder(card, "Potential drawbacks"));
        });
    }

    [Fact]
    public async Task Member_ChoosesAnotherOption_CardIsReplaced()
    {
        Context.RenderPopovers();
        var cut = Context.Render<OptionPicker>(p => p.Add(x => x.Value, 2));
        Assert.Contains("Option 2 — Contribute elements", cut.Find("section h3").TextContent);

        RadioLabelled(cut, "Option 5: Comment").Click();

        cut.WaitForAssertion(() =>
        {
            var card = Assert.Single(cut.FindAll("section"));
            Assert.Contains("Option 5 — Comment", card.QuerySelector("h3")!.TextContent);
            Assert.Contains("Minimal influence", ListUnder(card, "Potential drawbacks"));
            Assert.DoesNotContain("Draws on respective strengths", card.TextContent);
        });
    }

    [Fact]
    public async Task Member_ServerValidationFails_SeesTheErrorLinkedToTheGroup()
    {
        Context.RenderPopovers();
        var cut = Context.Render<OptionPicker>(p => p.Add(x => x.Error, "Choose how the LINk and the commissioner will work together."));

        var group = cut.Find("[role=radiogroup]");
        var error = cut.Find($"#{group.GetAttribute("aria-describedby")}");
        Assert.Equal("Choose how the LINk and the commissioner will work together.", error.TextContent.Trim());
        Assert.Equal("true", group.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Member_OpensPicker_SeesSixLabelledRadiosInAGroupNamedByTheVisibleLabel()
    {
        Context.RenderPopovers();
        var cut = Context.Render<OptionPicker>(p => p.Add(x => x.Label, "How will you work together?"));

        var group = cut.Find("[role=radiogroup]");
        Assert.Equal("How will you work together?", cut.Find($"#{group.GetAttribute("aria-labelledby")}").TextContent.Trim());
        var labels = group.QuerySelectorAll("input[type=radio]").Select(input => input.Closest("label")!.TextContent.Trim()).ToList();
        Assert.Equal(
            ["Option 1: Sole responsibility", "Option 2: Contribute elements", "Option 3: Coordinate elements",
             "Option 4: Quality assure", "Option 5: Comment", "Option 6: Parallel exercise"],
            labels);
        // One name for the group, so arrow keys move between the six and Tab leaves them.
        Assert.Single(group.QuerySelectorAll("input[type=radio]").Select(input => input.GetAttribute("name")).Distinct());
    }

    [Fact]
    public async Task Member_UsesPickerInsideAnEditForm_ChoosingWorksAndTheFormModelIsUpdated()
    {
        Context.RenderPopovers();
        var model = new Choice();
        var cut = Context.Render<EditForm>(p => p
            .Add(x => x.Model, model)
            .Add(x => x.ChildContent, (EditContext _) => builder =>
            {
                builder.OpenComponent<OptionPicker>(0);
                builder.AddComponentParameter(1, nameof(OptionPicker.Value), model.Option);
                builder.AddComponentParameter(2, nameof(OptionPicker.ValueChanged),
                    EventCallback.Factory.Create<int?>(model, (int? v) => model.Option = v));
                builder.CloseComponent();
            }));

        cut.FindAll("input[type=radio]")[3].Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(4, model.Option);
            Assert.Contains("Option 4 — Quality assure", cut.Find("section h3").TextContent);
        });
    }

    private static string ListUnder(IElement card, string heading)
    {
        var h = card.QuerySelectorAll("h4").Single(e => e.TextContent.Trim() == heading);
        return card.QuerySelector($"ul[aria-labelledby='{h.Id}']")!.TextContent;
    }

    private sealed class Choice
    {
        public int? Option { get; set; }
    }
}
