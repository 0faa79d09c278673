using EngagementHub.Core;
using EngagementHub.Core.Data;
using EngagementHub.Core.Notifications;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Web;

/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class ReminderRestartTests(DatabaseProvider provider)
{
    public sealed class Sqlite() : ReminderRestartTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : ReminderRestartTests(DatabaseProvider.PostgreSql);

    [Fact]
    public async Task NewAppInstance_AfterAWeekOfDowntime_RecordsWhatCameDueOnce()
    {
        // One database shared by two app instances, one after the other, as a restart would.
        await using var database = new TestDatabase(provider);
        List<(int, string, string, DeliveryChannel)> beforeDowntime;
        await using (var first = NewApp(database))
        {
            await CatchUpAsync(first);
            beforeDowntime = await KeysAsync(first);
        }

        await using var second = NewApp(database);
        second.Clock.SetUtcNow(WorkingDayStart.Next.AddDays(7));
        await CatchUpAsync(second);
        await CatchUpAsync(second);

        var afterDowntime = await KeysAsync(second);
        Assert.NotEmpty(beforeDowntime);
        Assert.True(afterDowntime.Count > beforeDowntime.Count, "a week later, more reminders have come due");
        Assert.Equal(afterDowntime.Count, afterDowntime.Distinct().Count());
        Assert.All(beforeDowntime, key => Assert.Contains(key, afterDowntime));
    }

    private static EngagementHubAppFactory NewApp(TestDatabase database)
    {
        var app = new EngagementHubAppFactory(database);
        app.Clock.SetUtcNow(WorkingDayStart.Next);
        return app;
    }

    /// <summary>Runs the start-up catch-up directly, so the test does not wait on the background queue.</summary>
    private static async Task CatchUpAsync(EngagementHubAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderSweepJob>().CatchUpAsync(CancellationToken.None);
    }

    private static async Task<List<(int, string, string, DeliveryChannel)>> KeysAsync(EngagementHubAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>();
        // Reminders only: the demo also records a digest, which has no deadline.
        return (await db.Set<ReminderDelivery>().AsNoTracking().Where(d => d.DeadlineId != null).ToListAsync())
            .Select(d => (d.DeadlineId!.Value, d.Step, d.Recipient, d.Channel)).ToList();
    }
}
