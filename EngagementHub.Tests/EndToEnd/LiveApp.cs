using EngagementHub.Tests.TestSupport;

namespace EngagementHub.Tests.EndToEnd;

/// <summary>
/// The app served over real HTTP for one test class. Each class gets its own database, so one class's changes
/// (a locked account, a renamed organisation) never show up in another's assertions or screenshots.
/// </summary>
public class LiveApp : IAsyncLifetime
{
    // Real time: the browser's circuit, reconnection and lockout all run on the framework's own timers.
    public EngagementHubAppFactory Factory { get; } = new() { UseFakeClock = false };

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Runs before the server starts (extra settings, helpers it needs); returns the port to listen on, 0 for any.</summary>
    protected virtual Task<int> PrepareAsync() => Task.FromResult(0);

    public async Task InitializeAsync() => BaseAddress = Factory.StartKestrel(await PrepareAsync());

    public virtual async Task DisposeAsync() => await Factory.DisposeAsync();
}
