using EngagementHub.Core;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Jobs;
using EngagementHub.Web.Notifications;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EngagementHub.Tests.Web.Notifications;

/// <summary>Reminder e-mails through MailKit to a real SMTP server on 127.0.0.1 (Debian's aiosmtpd).</summary>
public abstract class ReminderEmailTests(DatabaseProvider provider)
{
    public sealed class Sqlite() : ReminderEmailTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : ReminderEmailTests(DatabaseProvider.PostgreSql);

    private static readonly Actor Admin = new("admin-id", "Ada Admin", 1, "Test LINk", UserRole.Admin);
    private static readonly Actor Editor = new("editor-id", "Ed Editor", 1, "Test LINk", UserRole.Editor);

    private static MailKitEmailSender Sender(TestDatabase database, string? host, int port) => new(
        Options.Create(new SmtpOptions { Host = host, Port = port, UseTls = SmtpSecurity.None, From = "EngagementHub <reminders@link.test>", TimeoutSeconds = 10 }),
        new HostingEnvironment { ContentRootPath = database.Directory },
        NullLogger<MailKitEmailSender>.Instance);

    private static async Task<(ReminderScenario Scenario, long ContactDeliveryId)> DueTodayAsync(TestDatabase database)
    {
        var scenario = await ReminderScenario.CreateAsync(database);
        scenario.SetToday(scenario.DueDate);
        await scenario.Sweep().RunAsync();
        return (scenario, (await scenario.DeliveriesAsync()).Single(d => d.Recipient == ReminderScenario.ContactEmail).Id);
    }

    [Fact]
    public async Task SendReminderEmailJob_RealSmtpServer_DeliveredWithToSubjectAndMessageId()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var sink = await SmtpSink.StartAsync(Path.Combine(database.Directory, "received"));
        var (scenario, id) = await DueTodayAsync(database);
        var job = new SendReminderEmailJob(scenario.Mailer(Sender(database, "127.0.0.1", sink.Port)));

        await job.RunAsync(id, CancellationToken.None);
        await job.RunAsync(id, CancellationToken.None); // a retry or a second node: already sent, nothing more

        var message = Assert.Single(sink.Received());
        Assert.Equal(ReminderScenario.ContactEmail, Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("reminders@link.test", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal($"Due today: Waiting times for wheelchair assessments", message.Subject);
        await using (var db = database.CreateContext())
        {
            Assert.Equal($"reminder-{id}@{await db.DeploymentIdentities.Select(d => d.Domain).SingleAsync()}", message.MessageId);
        }

        Assert.Equal(ReminderScenario.ContactEmail, message.Headers["X-Envelope-To"]);
        Assert.Contains("Please record your answer", message.TextBody);
        var delivery = (await scenario.DeliveriesAsync()).Single(d => d.Id == id);
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        Assert.Equal(database.Clock.GetUtcNow(), delivery.SentAt);
    }

    [Fact]
    public async Task SendReminderEmailJob_ServerRefuses_ThrowsEachAttemptAndFailedAfterTheLastForAdmins()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (scenario, id) = await DueTodayAsync(database);
        var closedPort = SmtpSink.FreePort();
        var mailer = scenario.Mailer(Sender(database, "127.0.0.1", closedPort));
        var job = new SendReminderEmailJob(mailer);

        for (var attempt = 1; attempt < SendReminderEmailJob.MaxAttempts; attempt++)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => job.RunAsync(id, CancellationToken.None));
            var pending = (await scenario.DeliveriesAsync()).Single(d => d.Id == id);
            Assert.Equal((DeliveryStatus.Pending, attempt), (pending.Status, pending.Attempts));
        }

        await Assert.ThrowsAnyAsync<Exception>(() => job.RunAsync(id, CancellationToken.None));

        var failed = (await scenario.DeliveriesAsync()).Single(d => d.Id == id);
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Equal(SendReminderEmailJob.MaxAttempts, failed.Attempts);
        Assert.Contains("SocketException", failed.LastError);
        var listed = Assert.Single(await mailer.FailedAsync(Admin));
        Assert.Equal((id, ReminderScenario.ContactEmail, "Waiting times for wheelchair assessments"), (listed.Id, listed.Recipient, listed.DeadlineSubject));
        await Assert.ThrowsAsync<AccessDeniedException>(() => mailer.FailedAsync(Editor));
    }

    [Fact]
    public void SendReminderEmailJob_HangfireRetries_MatchTheAttemptsTheMailerCounts()
    {
        // Read as metadata, not instantiated: Hangfire's attribute asks its global log provider for a logger when
        // constructed, and that provider may belong to a test host another test has already disposed.
        var retry = typeof(SendReminderEmailJob).GetMethod(nameof(SendReminderEmailJob.RunAsync))!.GetCustomAttributesData()
            .Single(a => a.AttributeType == typeof(AutomaticRetryAttribute));
        var attempts = (int)retry.NamedArguments.Single(a => a.MemberName == nameof(AutomaticRetryAttribute.Attempts)).TypedValue.Value!;

        Assert.Equal(SendReminderEmailJob.MaxAttempts, attempts + 1);
    }

    [Fact]
    public async Task SendAsync_NoSmtpHost_WritesEmlToThePickupFolder()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var sender = Sender(database, host: "", port: 0);

        await sender.SendAsync(new EmailMessage("janet@pct.test", "Due today: X", "Body", "reminder-7@engagementhub"));

        var file = Assert.Single(Directory.GetFiles(Path.Combine(database.Directory, "App_Data", "mail-pickup"), "*.eml"));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("reminder-7@engagementhub", message.MessageId);
        Assert.Equal("janet@pct.test", Assert.Single(message.To.Mailboxes).Address);
    }
}
