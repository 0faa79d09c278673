using Bunit;
using EngagementHub.Core.Deadlines;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Deadlines;

namespace EngagementHub.Tests.Components.Deadlines;

public sealed class DeadlineTableTests : BunitTestContextBase
{
    /// <summary>A referral received Thu 1 Oct 2026, due Wed 28 Oct, answered Mon 2 Nov: 3 working days late.</summary>
    private static DeadlineRow Referral(bool acknowledged) => new(7, "Referral to the scrutiny committee", DeadlineKind.ScrutinyReferral, "Stroke rehabilitation", 2,
        "Health Overview and Scrutiny Committee", "Lena Khan", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 28), DeadlineState.Answered,
        new DateOnly(2026, 11, 2), 3, false, DutyStep.Acknowledgement, Acknowledged: acknowledged);

    // Answered with no acknowledgement recorded, the answer met the referral's duty: its lateness is shown beside it. Once
    // acknowledged, the answer is a follow-up, and the lateness (the acknowledgement's) is not put beside the answer.
    [Theory]
    [InlineData(false, "3 working days late")]
    [InlineData(true, null)]
    public void Render_AnsweredReferral_ShowsTheAnswersLatenessOnlyWhenTheAnswerMetTheDuty(bool acknowledged, string? lateness)
    {
        var cut = Context.Render<DeadlineTable>(p => p
            .Add(c => c.Rows, [Referral(acknowledged)])
            .Add(c => c.Label, "All")
            .Add(c => c.Today, new DateOnly(2026, 11, 3)));

        var cell = cut.Find("td[data-label=Answered]");
        Assert.StartsWith("Mon 2 Nov 2026", cell.TextContent.Trim());
        Assert.Equal(lateness, cell.QuerySelector(".mud-typography-caption")?.TextContent.Trim());
    }
}
