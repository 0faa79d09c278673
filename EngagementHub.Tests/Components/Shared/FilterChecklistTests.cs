using Bunit;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Shared;

namespace EngagementHub.Tests.Components.Shared;

public sealed class FilterChecklistTests : BunitTestContextBase
{
    private static readonly string[] Kinds = ["Board meeting", "Decision point", "Consultation window"];

    [Fact]
    public void Render_NoneChosen_SummarySaysAllAndEachChoiceIsALabelledCheckboxInTheGroup()
    {
        var cut = Context.Render<FilterChecklist<string>>(p => p
            .Add(x => x.Label, "Kinds of event")
            .Add(x => x.Options, Kinds)
            .Add(x => x.HelperText, "All when none is chosen"));

        var summary = cut.Find("summary");
        Assert.Equal("Kinds of eventAll", summary.TextContent.Trim());
        Assert.Equal("Kinds of event", cut.Find("fieldset > legend").TextContent);
        var boxes = cut.FindAll("fieldset input[type=checkbox]");
        Assert.Equal(Kinds, boxes.Select(b => cut.Find($"label[for='{b.Id}']").TextContent).ToArray());
        Assert.All(boxes, b => Assert.False(b.HasAttribute("checked")));
        Assert.Equal("All when none is chosen", cut.Find($"#{summary.GetAttribute("aria-describedby")}").TextContent);
    }

    [Fact]
    public void Render_SomeChosen_SummaryNamesThemInTheListsOrderAndTheirBoxesAreTicked()
    {
        var cut = Context.Render<FilterChecklist<string>>(p => p
            .Add(x => x.Label, "Kinds of event")
            .Add(x => x.Options, Kinds)
            .Add(x => x.Values, new[] { "Consultation window", "Board meeting" }));

        Assert.Equal("Board meeting, Consultation window", cut.Find(".app-checklist__chosen").TextContent);
        Assert.Equal([true, false, true], cut.FindAll("fieldset input[type=checkbox]").Select(b => b.HasAttribute("checked")).ToArray());
    }

    [Fact]
    public void Change_TickAndClear_RaisesTheChosenValuesInTheListsOrder()
    {
        var raised = new List<IReadOnlyList<string>>();
        var cut = Context.Render<FilterChecklist<string>>(p => p
            .Add(x => x.Label, "Kinds of event")
            .Add(x => x.Options, Kinds)
            .Add(x => x.Values, new[] { "Consultation window" })
            .Add(x => x.ValuesChanged, values => raised.Add(values)));

        cut.FindAll("fieldset input[type=checkbox]")[0].Change(true);
        cut.FindAll("fieldset input[type=checkbox]")[2].Change(false);

        Assert.Equal(["Board meeting", "Consultation window"], raised[0]);
        Assert.Equal(["Board meeting"], raised[1]);
    }

    [Fact]
    public void Render_Disabled_DisablesEveryCheckbox()
    {
        var cut = Context.Render<FilterChecklist<string>>(p => p
            .Add(x => x.Label, "Kinds of event")
            .Add(x => x.Options, Kinds)
            .Add(x => x.Disabled, true));

        Assert.All(cut.FindAll("fieldset input[type=checkbox]"), b => Assert.True(b.HasAttribute("disabled")));
    }
}
