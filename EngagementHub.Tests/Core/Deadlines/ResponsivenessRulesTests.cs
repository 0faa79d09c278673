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

    // An answer dated before the day an acknowledgement was recorded came first, so it met the duty (ADR 17's "how the
    // figures are counted"): the line says so, and gives no follow-up answer after it.
    [Fact]
    public void Describe_ReferralAnsweredBeforeTheAcknowledgementWasRecorded_TheAnswerMetTheDuty() =>
        Assert.Equal("Answered Mon 2 Nov 2026 (before the acknowledgement recorded on Wed 4 Nov 2026), 3 working days late",
            ResponsivenessRules.Describe(Referral(new DateOnly(2026, 11, 4), 3), Calendar, new DateOnly(2026, 11, 5)));

    /// <summary>A request received Thu 1 Oct 2026, due Wed 28 Oct, extended on Mon 2 Nov (after it had passed) to Fri 20 Nov.</summary>
    private static ResponsivenessRecord ExtendedLate(DateOnly? answeredOn, int? late) => new(
        2, "NHS South Birmingham", OrganisationKind.Commissioner, answeredOn is null ? DeadlineState.Awaiting : DeadlineState.Answered, DutyStep.Answer,
        new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 20), new DateOnly(2026, 10, 28), null, answeredOn, late, false);

    // ADR 12: an extension agreed after the due date had passed moves the date to work to, not the record of having
    // missed one. Unanswered, it is overdue from the first due date; answered after it, late even on no working day;
    // answered on or before it (recorded after the extension), on time.
    [Fact]
    public void Describe_ExtendedAfterTheDueDateHadPassed_OverdueFromTheFirstDueDate() =>
        Assert.Equal("Overdue: due Wed 28 Oct 2026 (extended to Fri 20 Nov 2026 after it had passed)",
            ResponsivenessRules.Describe(ExtendedLate(null, null), Calendar, new DateOnly(2026, 11, 3)));

    [Theory]
    [InlineData("2026-10-27", 0, false)]
    [InlineData("2026-10-28", 0, false)]
    [InlineData("2026-11-02", 3, true)]
    public void IsLate_AfterALateExtension_OnlyWhenTakenAfterTheFirstDueDate(string answeredOn, int late, bool isLate) =>
        Assert.Equal(isLate, ResponsivenessRules.IsLate(
            ExtendedLate(DateOnly.Parse(answeredOn, System.Globalization.CultureInfo.InvariantCulture), late), DutyStep.Answer, Calendar));

    [Fact]
    public void IsOverdue_ExtendedAfterTheDueDateHadPassed_FromTheFirstDueDate() =>
        Assert.True(ResponsivenessRules.IsOverdue(ExtendedLate(null, null), new DateOnly(2026, 10, 29)));
}
