namespace EngagementHub.Web.Identity;

/// <summary>
/// Makes a failed sign-in take as long whatever the reason (OWASP ASVS 5.0 V6.3: nothing tells which accounts exist).
/// Every failure verifies one password hash, but a wrong password for a real account also writes its failure count to
/// the database, which an unknown address has nothing to write: measured on the real server, 10–30 ms more. So every
/// failure answers no sooner than the running average time of a wrong password's failure, which is what it takes to
/// write the count here and now (it follows the database's speed under load).
/// </summary>
/// <remarks>
/// Waits in real time (<see cref="TimeProvider.System"/> in the app), never on the app's clock, which tests replace
/// with one that stands still.
/// </remarks>
public sealed class SignInTiming(TimeProvider waits)
{
    /// <summary>How much of the average a new wrong-password time moves (an exponentially weighted average).</summary>
    private const double Weight = 0.2;

    /// <summary>Longest wait added: a database stalled for seconds must not hold every failed sign-in as long.</summary>
    public static readonly TimeSpan MostAdded = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private TimeSpan _average;

    /// <summary>The running average time of a wrong password's failure; zero before the first.</summary>
    public TimeSpan TypicalWrongPassword
    {
        get
        {
            lock (_gate)
            {
                return _average;
            }
        }
    }

    /// <returns>A timestamp to pass to <see cref="WrongPassword"/> or <see cref="FailedAsync"/> (the time provider's ticks).</returns>
    public long Start() => waits.GetTimestamp();

    /// <summary>Counts the time of a wrong password's failure (from <paramref name="started"/> to now) into the average.</summary>
    public void WrongPassword(long started)
    {
        var took = waits.GetElapsedTime(started);
        lock (_gate)
        {
            _average = _average == TimeSpan.Zero ? took : (_average * (1 - Weight)) + (took * Weight);
        }
    }

    /// <summary>
    /// Waits until the failed sign-in begun at <paramref name="started"/> has taken at least
    /// <see cref="TypicalWrongPassword"/> (adding at most <see cref="MostAdded"/>).
    /// </summary>
    /// <returns>Once that time has passed; at once when it already has.</returns>
    public Task FailedAsync(long started, CancellationToken ct = default)
    {
        var remaining = TypicalWrongPassword - waits.GetElapsedTime(started);
        return remaining <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(remaining < MostAdded ? remaining : MostAdded, waits, ct);
    }
}
