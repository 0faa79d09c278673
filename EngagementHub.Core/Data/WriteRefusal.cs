using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EngagementHub.Core.Data;

/// <summary>Why a database that answers refused a write, as <see cref="WriteRefusal.Of"/> reads it from the provider's error.</summary>
public enum WriteRefusalKind
{
    /// <summary>
    /// Read-only: PostgreSQL's <c>default_transaction_read_only</c> (which managed services set when storage runs out), a
    /// standby after a failover, or a SQLite file opened read-only.
    /// </summary>
    ReadOnly,

    /// <summary>Out of disk space.</summary>
    Full,

    /// <summary>The app's database account may not write (a permission withdrawn).</summary>
    NotPermitted,
}

/// <summary>
/// Tells a database that answers but refuses writes from one that does not answer, so that <c>/health</c> and a failed
/// save can say which (ADR 24). Reads the provider's error codes: PostgreSQL's SQLSTATE (25006 read_only_sql_transaction,
/// 53100 disk_full, 42501 insufficient_privilege) and SQLite's result codes (SQLITE_READONLY 8, SQLITE_FULL 13).
/// </summary>
public static class WriteRefusal
{
    /// <returns>
    /// How the database refused, looking through EF Core's and other wrappers to the provider's error; null when
    /// <paramref name="failure"/> is anything else (the database not answering, a rule, a bug).
    /// </returns>
    public static WriteRefusalKind? Of(Exception? failure) => failure switch
    {
        null => null,
        PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction } => WriteRefusalKind.ReadOnly,
        PostgresException { SqlState: PostgresErrorCodes.DiskFull } => WriteRefusalKind.Full,
        PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } => WriteRefusalKind.NotPermitted,
        SqliteException { SqliteErrorCode: 8 } => WriteRefusalKind.ReadOnly,
        SqliteException { SqliteErrorCode: 13 } => WriteRefusalKind.Full,
        _ => Of(failure.InnerException),
    };

    /// <returns>
    /// A sentence for <c>/health</c>, which anyone may read: what the database does, never where it is or its error text.
    /// </returns>
    public static string Describe(WriteRefusalKind kind) => kind switch
    {
        WriteRefusalKind.ReadOnly => "The database refuses writes: it is read-only (on a managed server this often means its storage is full).",
        WriteRefusalKind.Full => "The database refuses writes: it is out of disk space.",
        _ => "The database refuses writes: the app's database account may not write.",
    };

    /// <summary>
    /// Makes a write the database must accept, then takes it back: the deployment identity row updated to itself, in a
    /// transaction that is rolled back. The row is the one nothing else writes (only another node's probe holds its
    /// lock, for a moment), and a bulk update bypasses the audit interceptor. A database that refuses writes fails at the update.
    /// </summary>
    /// <exception cref="Exception">The provider's error: classify it with <see cref="Of"/>.</exception>
    public static async Task ProbeAsync(EngagementHubDbContext db, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.DeploymentIdentities.Where(d => d.Id == DeploymentIdentity.RowId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Domain, d => d.Domain), ct);
        await transaction.RollbackAsync(ct);
    }
}
