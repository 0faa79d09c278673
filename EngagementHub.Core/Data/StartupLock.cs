using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EngagementHub.Core.Data;

/// <summary>
/// Serialises start-up work (migrations, seeding, first-use set-up) across the nodes of one database. On PostgreSQL a
/// session-level advisory lock: a second node starting at the same moment waits, then finds nothing left to do. SQLite
/// is one machine and one app, so there is nothing to take.
/// </summary>
public static class StartupLock
{
    /// <summary>An arbitrary, fixed key ("EngageHu" in ASCII); advisory locks are scoped to the database, so test databases on one server do not contend.</summary>
    private const long Key = 0x456E_6761_6765_4875;

    public static async Task<IAsyncDisposable> AcquireAsync(EngagementHubDbContext db, CancellationToken ct = default)
    {
        if (!db.Database.IsNpgsql())
        {
            return NoLock.Instance;
        }

        // A connection of its own, held for the whole of start-up: the lock belongs to this session, and migrations open
        // and close the context's connection as they go. If the process dies the session ends and the lock with it.
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync(ct);
            return new AdvisoryLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class AdvisoryLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // Unlocked explicitly: closing returns the session to Npgsql's pool, which would keep the lock until the
                // pooled connection is next reset.
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", Key);
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
