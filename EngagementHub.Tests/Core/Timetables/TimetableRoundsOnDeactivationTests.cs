using EngagementHub.Core;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Core.Timetables;

public sealed class TimetableRoundsOnDeactivationTests
{
    // The directory reaches the timetables only through the port its own folder declares: without this registration a
    // deactivated organisation would leave a year "proposed" for ever again (ADR 7, 2026-12-02).
    [Fact]
    public void AddEngagementHubCore_TheDirectoryIsGivenTheTimetablesStepOnDeactivation()
    {
        using var provider = new ServiceCollection().AddLogging()
            .AddEngagementHubCore(DatabaseProvider.Sqlite, "Data Source=:memory:").BuildServiceProvider();

        var steps = provider.GetServices<IOrganisationDeactivation>();

        Assert.Contains(steps, s => s is TimetableRoundsOnDeactivation);
        Assert.NotNull(provider.GetRequiredService<OrganisationDirectory>());
    }
}
