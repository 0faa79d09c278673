using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
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
    /// Makes a write the database must accept, then takes it back. On SQLite: the deployment identity row updated to
    /// itself in a transaction that is rolled back (the row nothing else writes, so only another node's probe holds its
    /// lock, for a moment; a bulk update bypasses the audit interceptor). On PostgreSQL, in one round trip, that update and
    /// also a row in a new temporary table, which must take a new page on disk: an update in place or a rolled-back one
    /// still succeeds on a full disk (measured, ADR 24), a new page fails at once with disk_full. Both run in a PL/pgSQL
    /// block whose own exception rolls them back, so nothing stays but dead row versions (the temporary table's catalog
    /// rows), which vacuum removes.
    /// </summary>
    /// <exception cref="Exception">The provider's error: classify it with <see cref="Of"/>.</exception>
    public static async Task ProbeAsync(EngagementHubDbContext db, CancellationToken ct = default)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(PostgreSqlProbe(db), ct);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.DeploymentIdentities.Where(d => d.Id == DeploymentIdentity.RowId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Domain, d => d.Domain), ct);
        await transaction.RollbackAsync(ct);
    }

    /// <summary>The PostgreSQL probe, with the identity table's names as the model maps them.</summary>
    private static string PostgreSqlProbe(EngagementHubDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(DeploymentIdentity))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var domain = sql.DelimitIdentifier(entity.FindProperty(nameof(DeploymentIdentity.Domain))!.GetColumnName(table)!);
        var id = sql.DelimitIdentifier(entity.FindProperty(nameof(DeploymentIdentity.Id))!.GetColumnName(table)!);
        return $"""
            DO $probe$
            BEGIN
                UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET {domain} = {domain} WHERE {id} = {DeploymentIdentity.RowId};
                CREATE TEMPORARY TABLE engagementhub_health_probe (b integer);
                INSERT INTO engagementhub_health_probe VALUES (1);
                RAISE SQLSTATE '{ProbeDone}';
            EXCEPTION WHEN SQLSTATE '{ProbeDone}' THEN
                NULL;
            END
            $probe$
            """;
    }

    /// <summary>The probe's own SQLSTATE (class EH is not PostgreSQL's), raised to roll its writes back.</summary>
    private const string ProbeDone = "EH000";
}
