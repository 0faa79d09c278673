using EngagementHub.Core;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Data.Notifications;

/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class ReminderResendTests(DatabaseProvider provider)
{
    public sealed class Sqlite() : ReminderResendTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : ReminderResendTests(DatabaseProvider.PostgreSql);

    private static readonly Actor Ada = new("admin-ada", "Ada Admin", 1, "Test LINk", UserRole.Admin);
    private static readonly Actor Ben = new("admin-ben", "Ben Admin", 1, "Test LINk", UserRole.Admin);

    /// <summary>The named contact's "due today" e-mail, failed after its only attempt.</summary>
    public static async Task<(ReminderScenario Scenario, long Id)> FailedEmailAsync(TestDatabase database)
    {
        var scenario = await ReminderScenario.CreateAsync(database);
        scenario.SetToday(scenario.DueDate);
        await scenario.Sweep().RunAsync();
        var id = (await scenario.DeliveriesAsync()).Single(d => d.Recipient == ReminderScenario.ContactEmail).Id;
        await Assert.ThrowsAsync<IOException>(() => scenario.Mailer(new RefusingEmailSender()).SendAsync(id, maxAttempts: 1));
        return (scenario, id);
    }

    [Fact]
    public async Task ResendAsync_FailedEmail_PendingWithFreshAttemptsAuditedThenSentOnce()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (scenario, id) = await FailedEmailAsync(database);
        database.Clock.Advance(TimeSpan.FromHours(2));

        var outcome = await scenario.Mailer(new RecordingEmailSender()).ResendAsync(Ada, id);

        Assert.True(outcome.Succeeded);
        var queued = (await scenario.DeliveriesAsync()).Single(d => d.Id == id);
        Assert.Equal((DeliveryStatus.Pending, 0, "Ada Admin", database.Clock.GetUtcNow()), (queued.Status, queued.Attempts, queued.ResentBy, queued.ResentAt));
        await using (var db = database.CreateContext())
        {
            var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == nameof(ReminderDelivery) && a.EntityId == id.ToString());
            Assert.Equal(("admin-ada", "Ada Admin", AuditAction.Modified), (audit.UserId, audit.UserName, audit.Action));
            Assert.Equal(new AuditChange("Status", "Failed", "Pending"), Assert.Single(audit.Changes));
        }

        // The send job and, say, a start-up catch-up for the same id: the claim still lets one of them send it.
        var sender = new RecordingEmailSender();
        await Task.WhenAll(Task.Run(() => scenario.Mailer(sender).SendAsync(id, maxAttempts: 6)), Task.Run(() => scenario.Mailer(sender).SendAsync(id, maxAttempts: 6)));
        await using (var db = database.CreateContext())
        {
            Assert.Equal($"reminder-{id}@{await db.DeploymentIdentities.Select(d => d.Domain).SingleAsync()}", Assert.Single(sender.Sent).MessageId);
        }

        Assert.Equal(DeliveryStatus.Sent, (await scenario.DeliveriesAsync()).Single(d => d.Id == id).Status);
    }

    // The named contact's "due today" e-mail failed on the due date and was resent two working days later: it is worded as
    // of the day it goes, overdue, not "due today".
    [Fact]
    public async Task SendAsync_DueTodayReminderResentAfterTheDueDate_WordedAsOverdue()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (scenario, id) = await FailedEmailAsync(database);
        scenario.SetToday(scenario.Calendar.AddWorkingDays(scenario.DueDate, 2));
        Assert.True((await scenario.Mailer(new RecordingEmailSender()).ResendAsync(Ada, id)).Succeeded);
        var sender = new RecordingEmailSender();

        await scenario.Mailer(sender).SendAsync(id, maxAttempts: 6);

        Assert.Equal("Overdue: Waiting times for wheelchair assessments", Assert.Single(sender.Sent).Subject);
    }

    // The contact's "due in 1 working day" e-mail was held (the app stopped before sending it); on the due date the sweep
    // records "due today", and the start-up catch-up sends what was held. The held one, worded as of that day, would say
    // the same again: it is not sent.
    [Fact]
    public async Task SendAsync_HeldReminderGoingOnTheDayOfALaterStep_NotSentAsASecondCopy()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        scenario.SetToday(scenario.Calendar.AddWorkingDays(scenario.DueDate, -1));
        await scenario.Sweep().RunAsync();
        var held = (await scenario.DeliveriesAsync()).Single(d => d.Recipient == ReminderScenario.ContactEmail && d.Channel == DeliveryChannel.Email);
        scenario.SetToday(scenario.DueDate);
        var sender = new RecordingEmailSender();

        foreach (var id in (await scenario.Sweep().RunAsync()).EmailDeliveryIds.Append(held.Id))
        {
            await scenario.Mailer(sender).SendAsync(id, maxAttempts: 6);
        }

        Assert.Equal(["Due today: Waiting times for wheelchair assessments"], sender.Sent.Where(m => m.To == ReminderScenario.ContactEmail).Select(m => m.Subject));
        Assert.Equal(DeliveryStatus.Cancelled, (await scenario.DeliveriesAsync()).Single(d => d.Id == held.Id).Status);
    }

    // A kind an administrator set to be discharged by the acknowledgement: its reminders ask for the acknowledgement.
    [Fact]
    public async Task SendAsync_KindDischargedByTheAcknowledgement_AsksForTheAcknowledgementNotTheAnswer()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        await using (var db = database.CreateContext())
        {
            await db.Deadlines.Where(d => d.Id == scenario.DeadlineId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.DischargedBy, EngagementHub.Core.Deadlines.DutyStep.Acknowledgement));
        }

        scenario.SetToday(scenario.DueDate);
        var sender = new RecordingEmailSender();
        foreach (var id in (await scenario.Sweep().RunAsync()).EmailDeliveryIds)
        {
            await scenario.Mailer(sender).SendAsync(id, maxAttempts: 6);
        }

        Assert.Contains("An acknowledgement of the LINk's", Assert.Single(sender.Sent, m => m.To == ReminderScenario.ContactEmail).Body);
        Assert.Contains("No acknowledgement has been recorded yet.", Assert.Single(sender.Sent, m => m.To == ReminderScenario.OwnerEmail).Body);
        Assert.DoesNotContain(sender.Sent, m => m.Body.Contains("answer", StringComparison.Ordinal));
        Assert.Contains(await scenario.NotificationsAsync(), n => n.Body.Contains("No acknowledgement has been recorded yet.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResendAsync_AlreadyResentBySomeoneElse_SaysWhoAndWhenAndQueuesNothingMore()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (scenario, id) = await FailedEmailAsync(database);
        var mailer = scenario.Mailer(new RecordingEmailSender());
        await mailer.ResendAsync(Ada, id);
        var resentAt = database.Clock.GetUtcNow();
        database.Clock.Advance(TimeSpan.FromMinutes(3));

        var second = await mailer.ResendAsync(Ben, id);

        Assert.False(second.Succeeded);
        Assert.Equal($"Ada Admin already queued this e-mail again on {EngagementHub.Core.Common.UkTime.Format(resentAt)}, and it is waiting to be sent. "
                     + "It was not queued a second time.", second.Problem);
        var row = (await scenario.DeliveriesAsync()).Single(d => d.Id == id);
        Assert.Equal(("Ada Admin", resentAt), (row.ResentBy, row.ResentAt));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(ReminderDelivery)));
    }

    [Fact]
    public async Task ResendAsync_TwoAdministratorsAtOnce_OneQueuesItTheOtherIsTold()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (scenario, id) = await FailedEmailAsync(database);

        var outcomes = await Task.WhenAll(
            Task.Run(() => scenario.Mailer(new RecordingEmailSender()).ResendAsync(Ada, id)),
            Task.Run(() => scenario.Mailer(new RecordingEmailSender()).ResendAsync(Ben, id)));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Contains("already queued this e-mail again", Assert.Single(outcomes, o => !o.Succeeded).Problem);
    }

    [Fact]
    public async Task ResendAsync_SentEmail_ToldItHasNotFailed()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        scenario.SetToday(scenario.DueDate);
        await scenario.Sweep().RunAsync();
        var id = (await scenario.DeliveriesAsync()).Single(d => d.Recipient == ReminderScenario.ContactEmail).Id;
        await scenario.Mailer(new RecordingEmailSender()).SendAsync(id, maxAttempts: 6);

        var outcome = await scenario.Mailer(new RecordingEmailSender()).ResendAsync(Ada, id);

        Assert.Equal("This e-mail has not failed: it has been sent. It was not queued again.", outcome.Problem);
        Assert.Equal(DeliveryStatus.Sent, (await scenario.DeliveriesAsync()).Single(d => d.Id == id).Status);
    }

    [Fact]
    public async Task ResendAsync_NotAnAdministrator_RefusedLoggedAndLeftFailed()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (scenario, id) = await FailedEmailAsync(database);
        using var logs = new CapturingLoggerProvider();
        var mailer = scenario.Mailer(new RecordingEmailSender(), new OrganisationAccess(logs.CreateLogger<OrganisationAccess>()));
        var editor = new Actor("editor-ed", "Ed Editor", 1, "Test LINk", UserRole.Editor);

        await Assert.ThrowsAsync<AccessDeniedException>(() => mailer.ResendAsync(editor, id));

        Assert.Contains(logs.Warnings, l => l.Message.Contains("editor-ed", StringComparison.Ordinal) && l.Message.Contains("resend a failed e-mail", StringComparison.Ordinal));
        Assert.Equal(DeliveryStatus.Failed, (await scenario.DeliveriesAsync()).Single(d => d.Id == id).Status);
    }

    [Fact]
    public async Task FailedAsync_ResentAndSent_ListedWithItsStateForAWeekThenNot()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (scenario, id) = await FailedEmailAsync(database);
        var mailer = scenario.Mailer(new RecordingEmailSender());
        await mailer.ResendAsync(Ada, id);
        await mailer.SendAsync(id, maxAttempts: 6);

        var listed = Assert.Single(await mailer.FailedAsync(Ada));
        Assert.Equal((id, DeliveryStatus.Sent, "Ada Admin", false), (listed.Id, listed.Status, listed.ResentBy, listed.CanResend));

        database.Clock.Advance(ReminderMailer.ResentListedFor + TimeSpan.FromMinutes(1));
        Assert.Empty(await mailer.FailedAsync(Ada));
    }
}
