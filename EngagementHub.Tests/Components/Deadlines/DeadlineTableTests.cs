using Bunit;
using EngagementHub.Core.Deadlines;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Deadlines;

namespace EngagementHub.Tests.Components.Deadlines;

public sealed class DeadlineTableTests : BunitTestContextBase
{
    /// <summary>A referral received Thu 1 Oct 2026, due Wed 28 Oct, answered Mon 2 Nov: 3 working days late.</summary>
    private static DeadlineRow Referral(DateOnly? acknowledgedOn) => new(7, "Referral to the scrutiny committee", DeadlineKind.ScrutinyReferral, "Stroke rehabilitation", 2,
        "Health Overview and Scrutiny Committee", "Lena Khan", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 28), DeadlineState.Answered,
        new DateOnly(2026, 11, 2), 3, false, DutyStep.Acknowledgement,
        AcknowledgedAt: acknowledgedOn is { } on ? new DateTimeOffset(on.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero) : null);

    // Answered with no acknowledgement recorded, or dated before the day one was recorded, the answer met the referral's
    // duty: its lateness is shown beside it. Acknowledged first, the answer is a follow-up, and the lateness (the
    // acknowledgement's) is not put beside the answer.
    [Theory]
    [InlineData(null, "3 working days late")]
    [InlineData("2026-10-30", null)]
    [InlineData("2026-11-03", "3 working days late")]
    public void Render_AnsweredReferral_ShowsTheAnswersLatenessOnlyWhenTheAnswerMetTheDuty(string? acknowledgedOn, string? lateness)
    {
        var cut = Context.Render<DeadlineTable>(p => p
            .Add(c => c.Rows, [Referral(acknowledgedOn is null ? null : DateOnly.Parse(acknowledgedOn, System.Globalization.CultureInfo.InvariantCulture))])
            .Add(c => c.Label, "All")
            .Add(c => c.Today, new DateOnly(2026, 11, 3)));

        var cell = cut.Find("td[data-label=Answered]");
        Assert.StartsWith("Mon 2 Nov 2026", cell.TextContent.Trim());
        Assert.Equal(lateness, cell.QuerySelector(".mud-typography-caption")?.TextContent.Trim());
    }
}
