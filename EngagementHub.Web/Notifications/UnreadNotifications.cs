namespace EngagementHub.Web.Notifications;

/// <summary>
/// Per circuit: the notification centre tells the bell when the person has read something, so the count in the app
/// bar changes at once rather than on the next navigation.
/// </summary>
public sealed class UnreadNotifications
{
    public event Func<Task>? Changed;

    public Task NotifyChangedAsync() => Changed?.Invoke() ?? Task.CompletedTask;
}
