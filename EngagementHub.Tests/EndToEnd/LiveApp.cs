using EngagementHub.Tests.TestSupport;

namespace EngagementHub.Tests.EndToEnd;

/// <summary>
/// The app served over real HTTP for one test class. Each class gets its own database, so one class's changes
/// (a locked account, a renamed organisation) never show up in another's assertions or screenshots.
/// </summary>
public sealed class LiveApp : IAsyncLifetime
{
    // Real time: the browser's circuit, reconnection and lockout all run on the framework's own timers.
    public EngagementHubAppFactory Factory { get; } = new() { UseFakeClock = false };

    public Uri BaseAddress { get; private set; } = default!;

    public Task InitializeAsync()
    {
        BaseAddress = Factory.StartKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
