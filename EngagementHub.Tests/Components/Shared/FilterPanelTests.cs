using Bunit;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Shared;

namespace EngagementHub.Tests.Components.Shared;

public sealed class FilterPanelTests : BunitTestContextBase
{
    [Fact]
    public async Task Toggle_OnAPhone_SaysHowManyFiltersAreInUseAndOpensThePanelItControls()
    {
        var cut = Context.Render<FilterPanel>(p => p
            .Add(x => x.InUse, 2)
            .AddChildContent("<label id='inside'>Lead commissioner</label>"));

        var button = cut.Find("button.filters__toggle");
        var panel = cut.Find($"#{button.GetAttribute("aria-controls")}");
        // The filters are always in the page (wide screens show them; CSS folds the closed panel below 600 px).
        Assert.Equal("Lead commissioner", cut.Find("#inside").TextContent);
        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        Assert.Equal("Show filters (2 in use)", button.TextContent.Trim());
        Assert.DoesNotContain("filters__panel--open", panel.ClassName);
        Assert.Equal("group", panel.GetAttribute("role"));

        await button.ClickAsync(new());

        Assert.Equal("true", cut.Find("button.filters__toggle").GetAttribute("aria-expanded"));
        Assert.Equal("Hide filters (2 in use)", cut.Find("button.filters__toggle").TextContent.Trim());
        Assert.Contains("filters__panel--open", cut.Find($"#{button.GetAttribute("aria-controls")}").ClassName);
    }

    [Fact]
    public async Task Render_NoFilterInUse_ButtonSaysJustShowFilters()
    {
        var cut = Context.Render<FilterPanel>(p => p.AddChildContent("<span>filters</span>"));

        Assert.Equal("Show filters", cut.Find("button.filters__toggle").TextContent.Trim());
    }
}
