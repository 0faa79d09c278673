using EngagementHub.Core.Notifications;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Web;

public sealed class DigestSweepJobTests
{
    [Fact]
    public async Task RunAsync_NewAppInstanceOnTheDemo_RecordsNoDigestTheDemoSaysWasSent()
    {
        await using var database = new TestDatabase();
        for (var start = 0; start < 2; start++)
        {
            await using var app = new EngagementHubAppFactory(database);
            app.Clock.SetUtcNow(WorkingDayStart.Next);
            await using var scope = app.Services.CreateAsyncScope();

            var result = await scope.ServiceProvider.GetRequiredService<DigestSweepJob>().RunAsync(CancellationToken.None);

            Assert.Equal("Recorded 0 digests; queued 0.", result);
        }

        await using var db = database.CreateContext();
        var digest = Assert.Single(await db.ReminderDeliveries.Where(d => d.WindowEnd != null).ToListAsync());
        Assert.Equal(DeliveryStatus.Sent, digest.Status);
    }
}
