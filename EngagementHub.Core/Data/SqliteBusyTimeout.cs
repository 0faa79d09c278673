using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EngagementHub.Core.Data;

/// <summary>
/// Has SQLite itself wait for a lock another connection holds, instead of failing at once with "database is locked".
/// Microsoft.Data.Sqlite retries a busy statement from its own loop, but not every lock SQLite takes is a statement it
/// retries: a write that must escalate to the exclusive lock part-way through a save (while the reminder sweep reads)
/// fails immediately unless the connection has a busy timeout. With it, a save waits for the sweep's read to finish, as
/// it would on PostgreSQL. Set on every connection as it opens (the setting belongs to the connection, not the file).
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    /// <summary>How long a connection waits for a lock before SQLite reports the database busy, in milliseconds (Microsoft.Data.Sqlite's own command timeout, 30 s).</summary>
    public const int Milliseconds = 30_000;

    private static readonly string Pragma = $"PRAGMA busy_timeout = {Milliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
