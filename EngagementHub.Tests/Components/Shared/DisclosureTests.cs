using Bunit;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Shared;

namespace EngagementHub.Tests.Components.Shared;

public sealed class DisclosureTests : BunitTestContextBase
{
    [Fact]
    public async Task Toggle_ARealButton_SaysWhetherItIsExpandedAndShowsWhatItControls()
    {
        var cut = Context.Render<Disclosure>(p => p
            .Add(x => x.Title, "Not sure? Answer a few questions")
            .AddChildContent("<p id='inside'>The questions</p>"));

        var button = cut.Find("button.disclosure__toggle");
        Assert.Equal("button", button.GetAttribute("type"));
        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        Assert.Equal("Not sure? Answer a few questions", button.TextContent.Trim());
        var panel = cut.Find($"#{button.GetAttribute("aria-controls")}");
        Assert.True(panel.HasAttribute("hidden"));
        Assert.Empty(cut.FindAll("#inside"));

        await button.ClickAsync(new());

        Assert.Equal("true", cut.Find("button.disclosure__toggle").GetAttribute("aria-expanded"));
        Assert.False(cut.Find($"#{button.GetAttribute("aria-controls")}").HasAttribute("hidden"));
        Assert.Equal("The questions", cut.Find("#inside").TextContent);
    }
}
