using System.Collections.Concurrent;

namespace EngagementHub.Web.Identity;

/// <summary>
/// Wrong passwords counted per account <em>and</em> address: five in a row from one address shut that address out of that
/// account for <see cref="LockoutPeriod"/>, while the person, signing in from anywhere else, is not locked out by someone
/// guessing from outside. (Identity's own account-wide lockout stays, at a much higher count, for guessing spread over
/// many addresses.) A browser with a device cookie for the account is counted under its device id instead of an
/// address (<see cref="SignInDeviceCookie"/>). Kept in this node's memory: with several nodes each counts its own attempts, which the per-address
/// request limit bounds as well.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    /// <summary>Wrong passwords in a row, from one address for one account, before that pair is shut out.</summary>
    public const int MaxFailures = 5;

    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(15);

    /// <summary>Entries kept before stale ones are swept, so a spray of made-up addresses cannot grow memory for long.</summary>
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<(string Account, string Address), Entry> _entries = new();

    /// <summary>Whether this address is shut out of this account just now.</summary>
    public bool IsBlocked(string account, string address) =>
        _entries.TryGetValue(Key(account, address), out var entry) && entry.Failures >= MaxFailures && entry.Until > clock.GetUtcNow();

    /// <summary>Counts a wrong password (or an unknown account: they must look alike) from this address.</summary>
    public void RecordFailure(string account, string address)
    {
        var now = clock.GetUtcNow();
        _entries.AddOrUpdate(Key(account, address),
            _ => new Entry(1, now + LockoutPeriod),
            (_, e) => e.Until <= now ? new Entry(1, now + LockoutPeriod) : new Entry(e.Failures + 1, now + LockoutPeriod));
        if (_entries.Count > SweepAbove)
        {
            foreach (var (key, entry) in _entries)
            {
                if (entry.Until <= now)
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }
    }

    /// <summary>A successful sign-in clears the count for that address.</summary>
    public void Reset(string account, string address) => _entries.TryRemove(Key(account, address), out _);

    private static (string, string) Key(string account, string address) => (account.Trim().ToUpperInvariant(), address);

    private sealed record Entry(int Failures, DateTimeOffset Until);
}
