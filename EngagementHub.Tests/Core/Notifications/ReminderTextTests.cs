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
}
