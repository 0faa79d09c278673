using AngleSharp.Dom;
using Bunit;
using EngagementHub.Core.Deadlines;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Deadlines;

namespace EngagementHub.Tests.Components.Deadlines;

public sealed class DueDateCalculatorTests
{
    private static IElement Field(IRenderedComponent<DueDateCalculator> cut, string label) =>
        cut.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim().TrimEnd('*').Trim() == label);

    private static async Task<IRenderedComponent<DueDateCalculator>> RenderAsync(BunitContext ctx, TestDatabase database)
    {
        await using (var db = database.CreateContext())
        {
            await BankHolidayCalendar.EnsureSeededAsync(db);
        }

        ctx.UseEngagementHub(database);
        ctx.RenderPopovers();
        var cut = ctx.Render<DueDateCalculator>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=due-date]"));
        return cut;
    }

    [Theory]
    [InlineData("31/12/9999", "up to 31 December 2099")]
    [InlineData("31/12/2004", "from 1 January 2005")]
    public async Task Received_OutsideTheSupportedYears_SaysWhyInsteadOfFailing(string received, string message)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = new BunitContext();
        var cut = await RenderAsync(ctx, database);

        Field(cut, "Date received").QuerySelector("input")!.Change(received);

        cut.WaitForAssertion(() => Assert.Contains(message, cut.Find(".mud-alert").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=due-date]"));
    }

    [Fact]
    public async Task Received_InAYearWithoutPublishedHolidays_SkipsChristmasAndSaysSo()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = new BunitContext();
        var cut = await RenderAsync(ctx, database);

        Field(cut, "Date received").QuerySelector("input")!.Change("10/12/2035");

        cut.WaitForAssertion(() => Assert.Equal("Due on Wed 9 Jan 2036", cut.Find("[data-testid=due-date]").TextContent.Trim()));
        Assert.Contains("Christmas Day", cut.Find("ul").TextContent);
        Assert.Contains("2035 and 2036", cut.Find("[data-testid=beyond-data]").TextContent);
    }
}
