using Bunit;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Deadlines;

namespace EngagementHub.Tests.Components.Deadlines;

public sealed class ResponsivenessTableTests : BunitTestContextBase
{
    private static readonly FinancialYear Year = new(2026);

    private static readonly ResponsivenessFigures Commissioner = new(1, "NHS South Birmingham", OrganisationKind.Commissioner, Year, 14, 1,
        new StepFigures(14, 9, 3, 2, 5, 2, 0), new StepFigures(14, 3, 0, null, null, 2, 9), 0, 0, 1, 0);

    private static readonly ResponsivenessFigures Scrutiny = new(2, "Health Overview and Scrutiny Committee", OrganisationKind.Scrutiny, Year, 2, 0,
        new StepFigures(2, 1, 1, 3, 3, 0, 0), StepFigures.None, 1, 1, 0, 0);

    [Fact]
    public async Task Render_LargeAndSmallSamples_ShowsCountsAlwaysAndAPercentageOnlyFromTenDue()
    {
        var table = Context.Render<ResponsivenessTable>(p => p.Add(t => t.Figures, [Commissioner, Scrutiny]).Add(t => t.Year, Year));

        var commissioner = table.Find("tr[data-organisation='1']");
        Assert.Equal("14 (1 withdrawn by the LINk, not counted)", commissioner.QuerySelector("[data-testid=requests]")!.TextContent);
        Assert.Equal("9 of 12 due so far (75%)", commissioner.QuerySelector("[data-testid=ack-on-time]")!.TextContent);
        Assert.Equal("3 late: median 2, worst 5 working days", commissioner.QuerySelector("[data-testid=ack-late]")!.TextContent);
        Assert.Equal("3 of 12 due so far (25%)", commissioner.QuerySelector("[data-testid=answer-on-time]")!.TextContent);
        Assert.Equal("9", commissioner.QuerySelector("[data-testid=answer-overdue]")!.TextContent);
        Assert.Equal("1", commissioner.QuerySelector("[data-testid=extended-late]")!.TextContent);
        var scrutiny = table.Find("tr[data-organisation='2']");
        Assert.Equal("1 of 2 due so far", scrutiny.QuerySelector("[data-testid=ack-on-time]")!.TextContent);
        Assert.Contains("No statutory date: the duty is the acknowledgement. 1 answered since, 1 awaited.", scrutiny.QuerySelector("[data-testid=answer-follow-up]")!.TextContent);
        Assert.Contains("How these figures are counted", table.Markup);
        Assert.Equal(ResponsivenessRules.HowCounted.Count, table.FindAll(".figures-note li").Count);
    }

    [Fact]
    public async Task Render_NothingReceived_SaysSoForTheYear()
    {
        var table = Context.Render<ResponsivenessTable>(p => p.Add(t => t.Figures, []).Add(t => t.Year, Year));

        Assert.Contains("Nothing was received from the LINk in 2026/27.", table.Find("tbody").TextContent);
    }
}
