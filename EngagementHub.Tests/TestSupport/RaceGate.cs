using System.Data.Common;
using EngagementHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// Makes "at once" certain rather than likely: the first <paramref name="racers"/> queries that <paramref name="match"/>
/// picks (the look-up a service makes before it saves) each wait, once they have run, until all of them have, so every
/// racer has passed its look-up before any of them saves. Later matching queries go straight through. Should a racer
/// never reach its look-up, the others go on after <see cref="Patience"/>: a test that stopped racing fails, it does not hang.
/// </summary>
public sealed class RaceGate(int racers, Func<DbCommand, bool> match) : DbCommandInterceptor
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    /// <summary>A gate for the look-ups whose SQL reads <paramref name="table"/> with EXISTS (what <c>AnyAsync</c> sends).</summary>
    public static RaceGate ForExistsIn(int racers, string table) =>
        new(racers, command => command.CommandText.Contains("EXISTS", StringComparison.OrdinalIgnoreCase)
                               && command.CommandText.Contains($"\"{table}\"", StringComparison.Ordinal));

    /// <summary>Contexts on <paramref name="database"/> with this gate, for the service under test.</summary>
    public IDbContextFactory<EngagementHubDbContext> Factory(TestDatabase database) =>
        new GatedFactory(new DbContextOptionsBuilder<EngagementHubDbContext>(database.Options).AddInterceptors(this).Options);

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (match(command) && Interlocked.Increment(ref _arrived) is var arrived && arrived <= racers)
        {
            if (arrived == racers)
            {
                _allArrived.TrySetResult();
            }

            try
            {
                await _allArrived.Task.WaitAsync(Patience, cancellationToken);
            }
            catch (TimeoutException)
            {
                // A racer did not come: let the others go on, and the test's own assertions say what went wrong.
            }
        }

        return result;
    }

    private sealed class GatedFactory(DbContextOptions<EngagementHubDbContext> options) : IDbContextFactory<EngagementHubDbContext>
    {
        public EngagementHubDbContext CreateDbContext() => new(options);
    }
}
