using EngagementHub.Core;
using EngagementHub.Tests.TestSupport;

namespace EngagementHub.Tests.Web.Cluster;

/// <summary>
/// Two app instances — two nodes of one deployment — on one PostgreSQL database, started at the same moment on an empty
/// database, each with its own Hangfire server on the shared storage, both sending e-mail to one real SMTP server.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public SmtpSink Smtp { get; private set; } = null!;
    public EngagementHubAppFactory First { get; private set; } = null!;
    public EngagementHubAppFactory Second { get; private set; } = null!;

    public IEnumerable<EngagementHubAppFactory> Nodes => [First, Second];

    public async Task InitializeAsync()
    {
        Database = new TestDatabase(DatabaseProvider.PostgreSql);
        Smtp = await SmtpSink.StartAsync(Path.Combine(Database.Directory, "received"));
        First = Node();
        Second = Node();

        // Both start together: migrations, seeding, the key ring and Hangfire's schema race, and the start-up lock decides.
        await Task.WhenAll(Task.Run(() => First.Services), Task.Run(() => Second.Services));
    }

    private EngagementHubAppFactory Node()
    {
        var node = new EngagementHubAppFactory(Database);

        // Reminders are held at weekends: the nodes start on a working day, and a week on is one too.
        node.Clock.SetUtcNow(WorkingDayStart.Next);
        node.Settings["EngagementHub:Smtp:Host"] = "127.0.0.1";
        node.Settings["EngagementHub:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        node.Settings["EngagementHub:Smtp:UseTls"] = "None";
        return node;
    }

    public async Task DisposeAsync()
    {
        // The nodes before the database they use.
        foreach (var node in new[] { First, Second }.Where(n => n is not null))
        {
            await node.DisposeAsync();
        }

        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
