using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Organisations;

namespace EngagementHub.Tests.Core.Deadlines;

public sealed class ResponsivenessRulesTests
{
    private static readonly WorkingDayCalendar Calendar = new(EnglandAndWalesBankHolidays.All.Select(h => new Holiday(h.Date, h.Name)));

    /// <summary>A referral received Thu 1 Oct 2026, due Wed 28 Oct, answered Mon 2 Nov (3 working days late).</summary>
    private static ResponsivenessRecord Referral(DateOnly? acknowledgedOn, int late) => new(
        3, "Health Overview and Scrutiny Committee", OrganisationKind.Scrutiny, DeadlineState.Answered, DutyStep.Acknowledgement,
        new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 28), null, acknowledgedOn, new DateOnly(2026, 11, 2), late, false);

    // A referral is met by its acknowledgement; answered with none recorded, the answer met the duty, and the report says
    // so rather than calling the answer an acknowledgement (ADR 12, as the deadline's page words it).
    [Fact]
    public void Describe_ReferralAnsweredWithNoAcknowledgementRecorded_SaysTheAnswerMetTheDuty() =>
        Assert.Equal("Answered (no acknowledgement recorded) Mon 2 Nov 2026, 3 working days late",
            ResponsivenessRules.Describe(Referral(null, 3), Calendar, new DateOnly(2026, 11, 3)));

    [Fact]
    public void Describe_ReferralAcknowledgedThenAnswered_TheAcknowledgementMetTheDuty() =>
        Assert.StartsWith("Acknowledged Fri 30 Oct 2026, 2 working days late",
            ResponsivenessRules.Describe(Referral(new DateOnly(2026, 10, 30), 2), Calendar, new DateOnly(2026, 11, 3)));
}
