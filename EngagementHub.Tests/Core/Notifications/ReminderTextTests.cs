using EngagementHub.Core.Notifications;

namespace EngagementHub.Tests.Core.Notifications;

public sealed class ReminderTextTests
{
    [Theory]
    [InlineData("before-5", "Reminder 5 working days before the due date")]
    [InlineData("before-1", "Reminder 1 working day before the due date")]
    [InlineData("due", "Reminder on the due date")]
    [InlineData("overdue-1", "Reminder: overdue")]
    [InlineData("overdue-week-2", "Reminder: still overdue (week 2)")]
    [InlineData("escalation", "Reminder: consider referral to scrutiny")]
    [InlineData("due@2026-12-01", "Reminder on the due date (due Tue 1 Dec 2026)")]
    [InlineData("escalation@2026-12-01", "Reminder: consider referral to scrutiny (due Tue 1 Dec 2026)")]
    [InlineData(ReminderDelivery.NotificationStep, "Notification")]
    [InlineData("digest-daily", "Daily digest")]
    [InlineData("digest-weekly", "Weekly digest")]
    [InlineData("something-new", "Reminder")]
    public void StepLabel_ARecordedStep_InWordsNotItsKey(string step, string words) =>
        Assert.Equal(words, ReminderText.StepLabel(step));

    // Due Wednesday 28 October 2026. Planned on one day and sent on another (resent, or held while the app was down): a
    // step that counts towards the due date is worded as of the day it goes; one after the due date still holds.
    [Theory]
    [InlineData("before-5", "2026-10-21", "2026-10-21", "before-5")]
    [InlineData("before-5", "2026-10-21", "2026-10-23", "reminder")]
    [InlineData("before-5", "2026-10-21", "2026-10-28", "due")]
    [InlineData("due", "2026-10-28", "2026-10-30", "overdue-1")]
    [InlineData("due@2026-10-28", "2026-10-28", "2026-10-29", "overdue-1")]
    [InlineData("overdue-1", "2026-10-29", "2026-11-02", "overdue-1")]
    [InlineData("escalation", "2026-11-11", "2026-11-13", "escalation")]
    public void StepAsOf_SentOnALaterDay_WordedAsOfThatDay(string step, string plannedOn, string today, string worded) =>
        Assert.Equal(worded, ReminderText.StepAsOf(step, new DateOnly(2026, 10, 28), DateOnly.Parse(plannedOn), DateOnly.Parse(today)));
}
