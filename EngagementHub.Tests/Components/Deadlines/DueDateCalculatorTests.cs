using AngleSharp.Dom;
using Bunit;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Deadlines;

namespace EngagementHub.Tests.Components.Deadlines;

public sealed class DueDateCalculatorTests : BunitTestContextBase
{
    private static IElement Field(IRenderedComponent<DueDateCalculator> cut, string label) =>
        cut.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim().TrimEnd('*').Trim() == label);

    private async Task<IRenderedComponent<DueDateCalculator>> RenderAsync(TestDatabase database)
    {
        Context.UseEngagementHub(database);
        Context.RenderPopovers();
        var cut = Context.Render<DueDateCalculator>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=due-date]"));
        return cut;
    }

    [Fact]
    public async Task Received_BeforeTheSupportedYears_SaysWhyInsteadOfFailing()
    {
        var database = await CreateDatabaseAsync();
        var cut = await RenderAsync(database);

        Field(cut, "Date received").QuerySelector("input")!.Change("31/12/2004");

        cut.WaitForAssertion(() => Assert.Contains("from 1 January 2005", cut.Find(".mud-alert").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=due-date]"));
    }

    // Past 2099 the date field itself asks to check the year, as every date field does.
    [Fact]
    public async Task Received_AYearFarOff_TheFieldAsksToCheckTheYear()
    {
        var database = await CreateDatabaseAsync();
        var cut = await RenderAsync(database);

        Field(cut, "Date received").QuerySelector("input")!.Change("31/12/9999");

        cut.WaitForAssertion(() => Assert.Contains("is a long way off. Check the year", Field(cut, "Date received").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=due-date]"));
    }

    [Fact]
    public async Task Received_InAYearWithoutPublishedHolidays_SkipsChristmasAndSaysSo()
    {
        var database = await CreateDatabaseAsync();
        var cut = await RenderAsync(database);

        Field(cut, "Date received").QuerySelector("input")!.Change("10/12/2035");

        cut.WaitForAssertion(() => Assert.Equal("Due on Wed 9 Jan 2036", cut.Find("[data-testid=due-date]").TextContent.Trim()));
        Assert.Contains("Christmas Day", cut.Find("ul").TextContent);
        Assert.Contains("2035 and 2036", cut.Find("[data-testid=beyond-data]").TextContent);
    }
}
