using System.Collections.Concurrent;
using EngagementHub.Core.Notifications;

namespace EngagementHub.Web.Notifications;

/// <summary>
/// One poll per node, every <see cref="Interval"/>: notifications recorded since the last look, by this node or any
/// other (the database is the meeting point), are announced to the open bells of the people they are for, and the
/// e-mails of those who chose "immediately" are queued for sending. Replaces a poll per open page.
/// </summary>
public sealed class NotificationPulse(IServiceScopeFactory scopes, IEmailQueue emails, TimeProvider clock, ILogger<NotificationPulse> logger) : BackgroundService
{
    /// <summary>How soon a notification recorded anywhere reaches an open page, and its e-mail the queue.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>How long this node remembers having queued an e-mail, so it queues it once while the job waits to run.</summary>
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<long, DateTimeOffset> _queued = new();
    private long? _latest;

    /// <summary>Raised with the people who have new notifications; each bell refreshes only for its own person.</summary>
    public event Func<IReadOnlySet<string>, Task>? Recorded;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database briefly busy or away: look again next time; nothing recorded is lost by waiting.
                logger.LogWarning(ex, "Could not look for new notifications");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One look: announce what is new since the last, and queue e-mails not yet attempted. Public for tests.</summary>
    public async Task TickAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var centre = scope.ServiceProvider.GetRequiredService<NotificationCentre>();
        var (latest, people) = await centre.RecordedSinceAsync(_latest, ct);
        _latest = latest;
        if (people.Count > 0 && Recorded is { } recorded)
        {
            foreach (var handler in recorded.GetInvocationList().Cast<Func<IReadOnlySet<string>, Task>>())
            {
                try
                {
                    await handler(people);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "A notification bell could not refresh");
                }
            }
        }

        var now = clock.GetUtcNow();
        foreach (var (id, at) in _queued)
        {
            if (now - at > Remembered)
            {
                _queued.TryRemove(id, out _);
            }
        }

        var mailer = scope.ServiceProvider.GetRequiredService<ReminderMailer>();
        foreach (var id in await mailer.UnattemptedNotificationEmailsAsync(ct))
        {
            if (_queued.TryAdd(id, now))
            {
                emails.Queue([id]);
            }
        }
    }
}
