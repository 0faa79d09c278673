using System.Net;
using System.Text.RegularExpressions;
using EngagementHub.Core.Data;
using EngagementHub.Core.Data.Demo;
using EngagementHub.Core.Notifications;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EngagementHub.Tests.Web.Cluster;

/// <summary>Several nodes on one PostgreSQL database: what one node does, the other sees, and nothing happens twice.</summary>
public sealed partial class ClusterTests(TwoNodes cluster) : IClassFixture<TwoNodes>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task StartUp_TwoNodesAtOnceOnAnEmptyDatabase_MigratedAndSeededOnce()
    {
        await using var db = cluster.Database.CreateContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(DemoPartnership.Accounts.Count, await db.Users.CountAsync());
        Assert.Equal(22, await db.Organisations.CountAsync());
        Assert.Equal(await db.BankHolidays.Select(h => h.Date).Distinct().CountAsync(), await db.BankHolidays.CountAsync());
        // One key ring for the cluster: the second node found the first node's key instead of making its own.
        Assert.Single(await db.DataProtectionKeys.ToListAsync());
    }

    [Fact]
    public async Task SignIn_CookieFromOneNode_AcceptedByTheOther()
    {
        var cookie = await SignInAsync(cluster.First, DemoAccounts.Admin);

        var onSecond = await GetAsync(cluster.Second, "/admin/users", cookie);
        var anonymous = await GetAsync(cluster.Second, "/admin/users", cookie: null);

        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        Assert.Contains(DemoAccounts.Viewer, await onSecond.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        // In one test process both nodes would also find a key ring in the user's profile folder; on separate machines
        // only the database is shared, so check that is where each node keeps its keys, under one application name.
        Assert.All(cluster.Nodes, node =>
        {
            Assert.IsType<EntityFrameworkCoreXmlRepository<EngagementHubDbContext>>(
                node.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
            Assert.Equal("EngagementHub", node.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator);
        });
    }

    [Fact]
    public async Task Hangfire_TwoNodes_BothServersInTheSharedStorageAndEachRecurringJobOnce()
    {
        var storage = cluster.First.Services.GetRequiredService<JobStorage>();

        await WaitUntilAsync(() => storage.GetMonitoringApi().Servers().Count == 2, "both nodes' Hangfire servers registered in the shared storage");
        using var connection = cluster.Second.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = connection.GetRecurringJobs().Select(j => j.Id).Order().ToList();

        // The SQLite backup is not scheduled on PostgreSQL: the server's own tools back it up.
        Assert.Equal([RecurringJobs.DigestSweep, RecurringJobs.HolidayCalendarCheck, RecurringJobs.ReminderSweep], recurring);
    }

    [Fact]
    public async Task Reminders_BothNodesSweepingAndSendingAtOnce_OneEmailPerDelivery()
    {
        // The start-up sweep's e-mails go first: moving the nodes' clocks a week on while one is being sent would make
        // its 10-minute claim look lapsed, which real clocks never do mid-send.
        await WaitUntilAsync(async () => await UnfinishedAsync() == 0 && QueueIsIdle(), "the start-up sweep's e-mails sent");

        // A week on, more reminders and a digest have come due; both nodes catch up at the same moment, as after a restart
        // of both, while their Hangfire servers also run the e-mails each sweep queues.
        foreach (var node in cluster.Nodes)
        {
            node.Clock.Advance(TimeSpan.FromDays(7));
        }

        await Task.WhenAll(cluster.Nodes.Select(node => Task.Run(async () =>
        {
            await using var scope = node.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReminderSweepJob>().CatchUpAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<DigestSweepJob>().RunAsync(CancellationToken.None);
        })));

        // And both nodes try to send every e-mail directly too: each delivery's claim must let exactly one attempt through.
        var ids = await EmailDeliveryIdsAsync();
        Assert.NotEmpty(ids);
        await Task.WhenAll(cluster.Nodes.SelectMany(node => ids.Select(id => Task.Run(async () =>
        {
            await using var scope = node.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReminderMailer>().SendAsync(id, SendReminderEmailJob.MaxAttempts);
        }))));
        await WaitUntilAsync(async () => await UnfinishedAsync() == 0 && QueueIsIdle(), "every e-mail sent and both nodes' queues idle");

        var sent = await EmailDeliveryIdsAsync(DeliveryStatus.Sent);
        var received = cluster.Smtp.Received().Select(m => m.MessageId).ToList();
        Assert.Equal(ids.Count, sent.Count);
        await using var db = cluster.Database.CreateContext();
        // One identity for the deployment, whichever node sent.
        var domain = await db.DeploymentIdentities.Select(d => d.Domain).SingleAsync();
        Assert.Equal(sent.Select(id => ReminderDelivery.MessageIdFor(id, domain)).Order(), received.Order());
    }

    [Fact]
    public async Task WorkflowNotification_RecordedOnOneNode_TheOtherNodesPollAnnouncesItAndItsEmailGoesOnce()
    {
        EngagementHub.Core.Identity.Actor commissioner;
        string linkUser;
        await using (var db = cluster.Database.CreateContext())
        {
            commissioner = await db.ActorAsync(DemoAccounts.Commissioner);
            linkUser = await db.Users.Where(u => u.Email == DemoAccounts.Link).Select(u => u.Id).SingleAsync();
        }

        var second = cluster.Second.Services.GetRequiredService<EngagementHub.Web.Notifications.NotificationPulse>();
        await second.TickAsync();
        var announced = new List<IReadOnlySet<string>>();
        second.Recorded += people =>
        {
            lock (announced)
            {
                announced.Add(people);
            }

            return Task.CompletedTask;
        };

        // Recorded through the first node: the commissioner adds an exercise, and the LINk is told.
        await using (var scope = cluster.First.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<EngagementHub.Core.Exercises.ExerciseService>().CreateAsync(commissioner, new()
            {
                Title = "Stroke rehabilitation at home",
                Purpose = "Ask survivors and carers what helps.",
                LeadCommissionerId = commissioner.OrganisationId,
                DecisionInformed = "Community stroke service specification",
                StartDate = new DateOnly(2027, 1, 4),
                EndDate = new DateOnly(2027, 3, 26),
            });
            Assert.True(created.Succeeded);
        }

        // Both nodes look at once, each queuing the new e-mails on the shared queue.
        await Task.WhenAll(cluster.Nodes.Select(node => Task.Run(() =>
            node.Services.GetRequiredService<EngagementHub.Web.Notifications.NotificationPulse>().TickAsync())));

        lock (announced)
        {
            Assert.Contains(announced, people => people.Contains(linkUser));
        }

        List<long> ids;
        string domain;
        await using (var db = cluster.Database.CreateContext())
        {
            ids = await db.ReminderDeliveries.Where(d => d.Notification!.Event == WorkflowEvents.ExerciseCreated).Select(d => d.Id).ToListAsync();
            domain = await db.DeploymentIdentities.Select(d => d.Domain).SingleAsync();
        }

        Assert.NotEmpty(ids);
        await WaitUntilAsync(async () =>
        {
            await using var db = cluster.Database.CreateContext();
            return await db.ReminderDeliveries.CountAsync(d => ids.Contains(d.Id) && d.Status == DeliveryStatus.Sent) == ids.Count;
        }, "the notification e-mails sent");
        var expected = ids.Select(id => ReminderDelivery.MessageIdFor(id, domain)).ToHashSet();
        Assert.Equal(ids.Count, cluster.Smtp.Received().Count(m => m.MessageId is { } id && expected.Contains(id)));
    }

    private async Task<List<long>> EmailDeliveryIdsAsync(DeliveryStatus? status = null)
    {
        await using var db = cluster.Database.CreateContext();
        // The demo's seeded e-mail history was recorded before the nodes started and never went through this SMTP server.
        var started = WorkingDayStart.Next;
        return await db.ReminderDeliveries.Where(d => d.Channel == DeliveryChannel.Email && d.CreatedAt >= started && (status == null || d.Status == status))
            .Select(d => d.Id).ToListAsync();
    }

    private async Task<int> UnfinishedAsync()
    {
        await using var db = cluster.Database.CreateContext();
        return await db.ReminderDeliveries.CountAsync(d => d.Channel == DeliveryChannel.Email
                                                           && (d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Sending));
    }

    private bool QueueIsIdle()
    {
        var monitor = cluster.First.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        return monitor.Queues().Sum(q => q.Length) == 0 && monitor.ProcessingCount() == 0 && monitor.ScheduledCount() == 0;
    }

    /// <summary>Signs in through the form on <paramref name="node"/> and returns the cookies it issued, as a browser keeps them.</summary>
    private static async Task<string> SignInAsync(EngagementHubAppFactory node, string email)
    {
        var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var form = await client.GetAsync("/account/login");
        var token = TokenPattern().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["_handler"] = "signin",
                ["Input.Email"] = email,
                ["Input.Password"] = EngagementHubAppFactory.DemoPassword,
            }),
        };
        post.Headers.Add("Cookie", Cookies(form));
        var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Cookies(response);
    }

    private static async Task<HttpResponseMessage> GetAsync(EngagementHubAppFactory node, string path, string? cookie)
    {
        var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await client.SendAsync(request);
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    private static Task WaitUntilAsync(Func<bool> condition, string what) => Wait.UntilAsync(condition, what, Patience);

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) => Wait.UntilAsync(condition, what, Patience);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
