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

    // "0" and "-5" became 1 without a word, and "2.5" kept the last number behind "Not a valid number" while a due date
    // was still shown for it.
    [Theory]
    [InlineData("0", "0 is not taken here. Enter a whole number from 1 to 1,000.")]
    [InlineData("-5", "-5 is not taken here. Enter a whole number from 1 to 1,000.")]
    [InlineData("2.5", "\"2.5\" is not a whole number. Enter one from 1 to 1,000.")]
    [InlineData("1001", "1,001 is not taken here.")]
    [InlineData("2,5", "\"2,5\" is not a whole number.")]
    public async Task WorkingDays_NotAWholeNumberItTakes_SaysWhyAtTheFieldKeepsTheTextAndWorksNothingOut(string typed, string message)
    {
        var database = await CreateDatabaseAsync();
        var cut = await RenderAsync(database);

        // Read as it is typed: the answer never stands beside a number it is not for.
        Field(cut, "Working days").QuerySelector("input")!.Input(typed);

        cut.WaitForAssertion(() => Assert.Contains(message, Field(cut, "Working days").TextContent));
        Assert.Equal(typed, Field(cut, "Working days").QuerySelector("input")!.GetAttribute("value"));
        Assert.Empty(cut.FindAll("[data-testid=due-date]"));

        Field(cut, "Working days").QuerySelector("input")!.Input("5");
        cut.WaitForAssertion(() => Assert.Contains("5 working days", cut.Find("[data-testid=working]").TextContent));
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
