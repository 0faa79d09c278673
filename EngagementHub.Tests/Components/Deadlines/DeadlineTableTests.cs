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

    /// <summary>A request due Fri 30 Sep 2022 by the statutory count, extended by agreement to Thu 29 Sep or Fri 14 Oct.</summary>
    private static DeadlineRow Extended(DateOnly agreed) => new(8, "Request for information", DeadlineKind.InformationRequest, "Wheelchair waiting times", 2,
        "NHS South Birmingham", "Lena Khan", new DateOnly(2022, 9, 1), agreed > new DateOnly(2022, 9, 30) ? agreed : new DateOnly(2022, 9, 30),
        DeadlineState.Awaiting, null, null, true, ExtensionDueDate: agreed, OriginalDueDate: new DateOnly(2022, 9, 30));

    // Bank holidays added within the count made it end after the date agreed (ADR 0012): the row is due by the count and
    // says so, where "Extended by agreement" would have the reader believe the agreed date set it.
    [Theory]
    [InlineData("2022-10-14", "Fri 14 Oct 2022", "Extended by agreement")]
    [InlineData("2022-09-29", "Fri 30 Sept 2022", "By the statutory count, which now ends after the Thu 29 Sept 2022 agreed")]
    public void Render_AgreedExtension_SaysWhetherItOrTheCountSetsTheDueDate(string agreed, string due, string caption)
    {
        var cut = Context.Render<DeadlineTable>(p => p
            .Add(c => c.Rows, [Extended(DateOnly.Parse(agreed, System.Globalization.CultureInfo.InvariantCulture))])
            .Add(c => c.Label, "All")
            .Add(c => c.Today, new DateOnly(2022, 9, 20)));

        var cell = cut.Find("td[data-label=Due]");
        Assert.StartsWith(due, cell.TextContent.Trim());
        Assert.Equal(caption, cell.QuerySelector(".mud-typography-caption")?.TextContent.Trim());
    }
}
