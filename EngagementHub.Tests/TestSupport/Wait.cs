namespace EngagementHub.Tests.TestSupport;

/// <summary>Waits for a condition that background work (a job, another node) will make true: never a fixed sleep.</summary>
public static class Wait
{
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(90);

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? patience = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, patience);

    /// <summary>Checks <paramref name="condition"/> every 100 ms until it holds; fails the test, naming <paramref name="what"/>, when patience runs out.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null)
    {
        var limit = patience ?? DefaultPatience;
        using var timeout = new CancellationTokenSource(limit);
        while (!await condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Waited {limit.TotalSeconds} s for {what}.");
            }
        }
    }
}
