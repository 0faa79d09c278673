namespace EngagementHub.Tests.TestSupport;

/// <summary>The clone the tests were built in, for tests that read its source files or run its projects.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootFolder = new(() =>
    {
        // Walk up from bin/<configuration>/net10.0 to the folder holding the solution, wherever the clone lives.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EngagementHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"EngagementHub.sln not found above {AppContext.BaseDirectory}.");
    });

    /// <summary>The repository's root folder (the one holding EngagementHub.sln), as a full path.</summary>
    /// <exception cref="InvalidOperationException">No folder above the test assembly holds EngagementHub.sln.</exception>
    public static string Root => RootFolder.Value;
}
