using EngagementHub.Core;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reviews;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Core.Organisations;

public sealed class OrganisationDeactivationStepsTests
{
    // The directory reaches each feature only through the port its own folder declares: without its registration, what
    // waits on a deactivated organisation in that feature would wait unseen again (2026-12-02).
    [Theory]
    [InlineData(typeof(ExercisesOnDeactivation))]
    [InlineData(typeof(DeadlinesOnDeactivation))]
    [InlineData(typeof(ReviewsOnDeactivation))]
    public void AddEngagementHubCore_TheDirectoryIsGivenTheFeaturesStepOnDeactivation(Type step)
    {
        using var provider = new ServiceCollection().AddLogging()
            .AddEngagementHubCore(DatabaseProvider.Sqlite, "Data Source=:memory:").BuildServiceProvider();

        Assert.Single(provider.GetServices<IOrganisationDeactivation>(), s => s.GetType() == step);
    }
}
