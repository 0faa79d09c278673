using Bunit;
using EngagementHub.Core.Common;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Tests.Data.Notifications;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Identity;
using EngagementHub.Web.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using DeliveriesPage = EngagementHub.Web.Components.Pages.Admin.Deliveries;

namespace EngagementHub.Tests.Components.Admin;

public sealed class DeliveriesTests : BunitTestContextBase
{
    private RecordingJobClient UseMailer()
    {
        var jobs = new RecordingJobClient();
        Context.Services.AddSingleton<IBackgroundJobClient>(jobs);
        return jobs;
    }

    [Fact]
    public async Task Resend_Admin_QueuesTheSendJobAndShowsTheNewState()
    {
        var database = await CreateDatabaseAsync();
        var (_, id) = await ReminderResendTests.FailedEmailAsync(database);
        Context.UseEngagementHub(database);
        var jobs = UseMailer();
        Context.SignIn(People.Admin(1), Policies.Admin);
        Context.RenderPopovers();
        var cut = Context.Render<DeliveriesPage>();
        Assert.Equal("Failed", cut.Find("[data-testid=delivery-state]").TextContent);

        // The row says what the e-mail was in words, not its step's key ("due").
        Assert.Equal("Reminder on the due date", cut.Find("td[data-label='E-mail']").TextContent.Trim());
        await cut.Find($"button[aria-label='Resend: Reminder on the due date, about \"Waiting times for wheelchair assessments\", to {ReminderScenario.ContactEmail}']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.StartsWith("Waiting to be sent: queued again by Ada Admin on", cut.Find("[data-testid=delivery-state]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=resend]"));
        Assert.Contains("queued to be sent again", cut.Find("[data-testid=resend-message]").TextContent);
        var job = Assert.Single(jobs.Created);
        Assert.Equal((typeof(SendReminderEmailJob), nameof(SendReminderEmailJob.RunAsync), (object)id), (job.Type, job.Method.Name, job.Args[0]));
    }

    [Fact]
    public async Task Resend_SomeoneElseResentItSinceThePageOpened_SaysSoAndQueuesNothing()
    {
        var database = await CreateDatabaseAsync();
        var (scenario, id) = await ReminderResendTests.FailedEmailAsync(database);
        Context.UseEngagementHub(database);
        var jobs = UseMailer();
        Context.SignIn(People.Admin(1), Policies.Admin);
        Context.RenderPopovers();
        var cut = Context.Render<DeliveriesPage>();
        await scenario.Mailer(new RecordingEmailSender()).ResendAsync(new Actor("admin-ben", "Ben Admin", 1, "Test LINk", UserRole.Admin), id);

        await cut.Find("[data-testid=resend]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Ben Admin already queued this e-mail again on", cut.Find("[data-testid=resend-message]").TextContent));
        Assert.StartsWith("Waiting to be sent: queued again by Ben Admin", cut.Find("[data-testid=delivery-state]").TextContent);
        Assert.Empty(jobs.Created);
    }

    // Olive's e-mail of a notice she was told at the LINk failed, and she has been moved to the commissioner since: the row
    // stays, to her address, without the notice's title or a link to it, says why it is not resent, and offers no resend.
    [Fact]
    public async Task Render_FailedEmailOfAPersonMovedSince_ListedWithoutItsTitleOrLinkAndNoResend()
    {
        var database = await CreateDatabaseAsync(provider => ReminderScenario.DatabaseAsync(provider));
        var scenario = await ReminderScenario.LoadAsync(database);
        long email;
        await using (var db = database.CreateContext())
        {
            await WorkflowNotifications.NotifyAsync(db, new Actor("colin", "Colin Marsh", scenario.CommissionerId, "Test PCT", UserRole.Editor), [scenario.LinkId], null, null,
                database.Clock.GetUtcNow(), default, new WorkflowNotifications.Notice(NotificationCategory.Agreement, WorkflowEvents.OptionProposed, true,
                    "Option 2 proposed for \"Maternity choices\"", "Agree it or ask for a change.", PageLink.Exercise(1)));
            await db.SaveChangesAsync();
            email = await db.ReminderDeliveries.Where(d => d.Recipient == scenario.OwnerId && d.NotificationId != null).Select(d => d.Id).SingleAsync();
        }

        await Assert.ThrowsAsync<IOException>(() => scenario.Mailer(new RefusingEmailSender()).SendAsync(email, maxAttempts: 1));
        await using (var db = database.CreateContext())
        {
            await db.Users.Where(u => u.Id == scenario.OwnerId).ExecuteUpdateAsync(u => u.SetProperty(x => x.OrganisationId, scenario.CommissionerId));
        }

        Context.UseEngagementHub(database);
        UseMailer();
        Context.SignIn(People.Admin(1), Policies.Admin);
        Context.RenderPopovers();
        var cut = Context.Render<DeliveriesPage>();

        Assert.Equal(ReminderMailer.MovedSinceSubject("Test LINk"), cut.Find("[data-testid=moved-since]").TextContent);
        Assert.DoesNotContain("Maternity choices", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("td[data-label='About'] a"));
        Assert.Equal($"Failed. {ReminderMailer.MovedSinceMessage("Test LINk")}", cut.Find("[data-testid=delivery-state]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=resend]"));
    }
}
