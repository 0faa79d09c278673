using AngleSharp.Dom;
using Bunit;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Shared;

namespace EngagementHub.Tests.Components.Shared;

public sealed class FilterSelectTests : BunitTestContextBase
{
    private static readonly int[] Weeks = [4, 8, 12, 26];

    [Fact]
    public void Render_WithChoices_LabelNamesTheNativeSelectAndShowsTheChoicesInOrder()
    {
        var cut = Context.Render<FilterSelect<int>>(p => p
            .Add(x => x.Label, "Decisions in the next")
            .Add(x => x.Options, Weeks)
            .Add(x => x.Value, 12)
            .Add(x => x.ToStringFunc, weeks => $"{weeks} weeks")
            .Add(x => x.HelperText, "From today"));

        var label = cut.Find("label");
        var select = cut.Find("select");
        // A visible <label for>: the select's accessible name is the label's text.
        Assert.Equal("Decisions in the next", label.TextContent);
        Assert.Equal(select.Id, label.GetAttribute("for"));
        Assert.Equal(["4 weeks", "8 weeks", "12 weeks", "26 weeks"], select.QuerySelectorAll("option").Select(o => o.TextContent).ToList());
        Assert.Equal("12 weeks", Chosen(select));
        Assert.Equal("From today", cut.Find($"#{select.GetAttribute("aria-describedby")}").TextContent);
        Assert.False(select.HasAttribute("disabled"));
    }

    [Fact]
    public void Change_AnotherChoice_RaisesTheValueChosen()
    {
        var chosen = new List<int>();
        var cut = Context.Render<FilterSelect<int>>(p => p
            .Add(x => x.Label, "Decisions in the next")
            .Add(x => x.Options, Weeks)
            .Add(x => x.Value, 12)
            .Add(x => x.ValueChanged, weeks => chosen.Add(weeks)));

        cut.Find("select").Change("3");

        Assert.Equal([26], chosen);
        Assert.Equal("26", Chosen(cut.Find("select")));
    }

    [Fact]
    public void Change_ToANullChoice_RaisesNull()
    {
        int?[] exercises = [null, 7, 9];
        var chosen = new List<int?>();
        var cut = Context.Render<FilterSelect<int?>>(p => p
            .Add(x => x.Label, "Engagement exercise")
            .Add(x => x.Options, exercises)
            .Add(x => x.Value, 9)
            .Add(x => x.ToStringFunc, id => id is { } x ? $"Exercise {x}" : "Any exercise")
            .Add(x => x.ValueChanged, id => chosen.Add(id)));

        Assert.Equal("Exercise 9", Chosen(cut.Find("select")));

        cut.Find("select").Change("0");

        Assert.Equal([(int?)null], chosen);
        Assert.Equal("Any exercise", Chosen(cut.Find("select")));
    }

    [Fact]
    public void Render_ValueNotAmongTheChoices_ShowsTheFirst()
    {
        var cut = Context.Render<FilterSelect<int>>(p => p
            .Add(x => x.Label, "Decisions in the next")
            .Add(x => x.Options, Weeks)
            .Add(x => x.Value, 52));

        Assert.Equal("4", Chosen(cut.Find("select")));
    }

    [Fact]
    public void Render_Disabled_DisablesTheSelectAndGreysItsLabel()
    {
        var cut = Context.Render<FilterSelect<int>>(p => p
            .Add(x => x.Label, "Decisions in the next")
            .Add(x => x.Options, Weeks)
            .Add(x => x.Disabled, true));

        Assert.True(cut.Find("select").HasAttribute("disabled"));
        Assert.Contains("app-select__label--disabled", cut.Find("label").ClassName);
        Assert.Null(cut.Find("select").GetAttribute("aria-describedby"));
    }

    private static string Chosen(IElement select) => select.QuerySelectorAll("option").Single(o => o.HasAttribute("selected")).TextContent;
}
