using Bunit;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Shared;

namespace EngagementHub.Tests.Components.Shared;

public sealed class NameListTests : BunitTestContextBase
{
    [Fact]
    public void Names_EachIsolatedAndCommaSeparated_BlanksLeftOut()
    {
        // A name written right to left, and one ending in digits, would otherwise pull the commas and their neighbours.
        var cut = Context.Render<NameList>(p => p
            .Add(x => x.Names, ["NHS South Birmingham", "", "مجلس برمنغهام", "Ward 12"])
            .Add(x => x.WhenNone, "None named"));

        Assert.Equal(["NHS South Birmingham", "مجلس برمنغهام", "Ward 12"], cut.FindAll("bdi").Select(b => b.TextContent));
        Assert.Equal("NHS South Birmingham, مجلس برمنغهام, Ward 12", cut.Markup.Replace("<bdi>", "").Replace("</bdi>", "").Trim());
    }

    [Theory]
    [InlineData("None named", "None named")]
    [InlineData(null, "")]
    public void NoNames_ShowsWhatWasGivenForNone(string? whenNone, string shown)
    {
        var cut = Context.Render<NameList>(p => p.Add(x => x.Names, [" "]).Add(x => x.WhenNone, whenNone));

        Assert.Empty(cut.FindAll("bdi"));
        Assert.Equal(shown, cut.Markup.Trim());
    }
}
