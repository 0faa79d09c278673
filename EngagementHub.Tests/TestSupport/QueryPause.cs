using System.Data.Common;
using EngagementHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// Holds one step between its read and its save, so a test can make another step happen in between: the first query
/// that <paramref name="match"/> picks waits, once it has run, until <see cref="Release"/>. Later matching queries go
/// straight through. Waits at most <see cref="RaceGate.Patience"/>, so a test that stopped pausing fails, it does not hang.
/// </summary>
public sealed class QueryPause(Func<DbCommand, bool> match) : DbCommandInterceptor
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    /// <summary>Completes once the held query has run.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>Lets the held step go on.</summary>
    public void Release() => _released.TrySetResult();

    /// <summary>Contexts on <paramref name="database"/> with this pause, for the service under test.</summary>
    public IDbContextFactory<EngagementHubDbContext> Factory(TestDatabase database) =>
        new PausedFactory(new DbContextOptionsBuilder<EngagementHubDbContext>(database.Options).AddInterceptors(this).Options);

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (match(command) && Interlocked.Increment(ref _count) == 1)
        {
            _arrived.TrySetResult();
            await _released.Task.WaitAsync(RaceGate.Patience, cancellationToken);
        }

        return result;
    }

    private sealed class PausedFactory(DbContextOptions<EngagementHubDbContext> options) : IDbContextFactory<EngagementHubDbContext>
    {
        public EngagementHubDbContext CreateDbContext() => new(options);
    }
}
