using Xunit.Abstractions;

[assembly: TestCollectionOrderer("EngagementHub.Tests.TestSupport.SlowestFirst", "EngagementHub.Tests")]

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// Starts the test classes that take longest first: browser journeys, then apps over HTTP, then data tests, then the
/// fast rest. The run's length is at least its longest class's, plus however late that class starts; with a long class
/// started last, one core would finish it alone while the other sits idle.
/// </summary>
public sealed class SlowestFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(Rank).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Rank(ITestCollection collection) => collection.DisplayName switch
    {
        var name when name.Contains(".EndToEnd.", StringComparison.Ordinal) => 0,
        var name when name.Contains(".Web.", StringComparison.Ordinal) => 1,
        var name when name.Contains(".Data.", StringComparison.Ordinal) => 2,
        _ => 3,
    };
}
