using Bunit;
using EngagementHub.Core.Identity;
using EngagementHub.Tests.Data.Notifications;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Identity;
using EngagementHub.Web.Jobs;
using Hangfire;
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
}
