using EngagementHub.Core.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EngagementHub.Core.Data;

/// <summary>
/// What a start found in the database before migrating it, and the refusals that keep a lost or wrong database from being
/// set up as a new deployment (ADR 24): the database-side counterpart of <see cref="SqliteDatabaseFile"/>. An empty
/// PostgreSQL database is set up only when the deployer says this is the first start
/// (<see cref="DatabaseOptions.FirstStart"/>); tables without EngagementHub's migrations history, and a deployment whose
/// identity row is gone, are refused.
/// </summary>
public sealed class ExistingDeployment
{
    /// <summary>EF Core's own bookkeeping tables, which a start that died part-way may leave in an otherwise empty database.</summary>
    private static readonly string[] Bookkeeping = ["__EFMigrationsHistory", "__EFMigrationsLock"];

    private readonly string _where;
    private readonly bool _postgreSql;

    private ExistingDeployment(string where, bool postgreSql, IReadOnlyList<string> tables, IReadOnlyList<string> appliedMigrations, int? identityRows)
    {
        _where = where;
        _postgreSql = postgreSql;
        Tables = tables;
        AppliedMigrations = appliedMigrations;
        IdentityRows = identityRows;
    }

    /// <summary>The tables found (any schema but the system's; EF Core's bookkeeping tables left out), by name.</summary>
    public IReadOnlyList<string> Tables { get; }

    /// <summary>The migrations the database's history says were applied.</summary>
    public IReadOnlyList<string> AppliedMigrations { get; }

    /// <summary>Rows in the deployment identity table, or null when the table did not exist yet (a first start, or an upgrade from before it).</summary>
    public int? IdentityRows { get; }

    /// <summary>Nothing of a deployment: no table and no applied migration.</summary>
    public bool IsEmpty => Tables.Count == 0 && AppliedMigrations.Count == 0;

    /// <summary>Reads what the database holds, changing nothing. Run under the start-up lock, before migrating.</summary>
    public static async Task<ExistingDeployment> InspectAsync(EngagementHubDbContext db, CancellationToken ct = default)
    {
        var postgreSql = db.Database.IsNpgsql();
        var tables = await db.Database.SqlQueryRaw<string>(postgreSql
                ? "SELECT tablename AS \"Value\" FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
                : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .ToListAsync(ct);
        tables = [.. tables.Except(Bookkeeping, StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();

        var identityTable = db.Model.FindEntityType(typeof(DeploymentIdentity))!.GetTableName()!;
        int? identityRows = null;
        if (tables.Contains(identityTable, StringComparer.Ordinal))
        {
            // The table name comes from the EF model, not from input.
#pragma warning disable EF1002
            identityRows = (await db.Database.SqlQueryRaw<int>($"SELECT CAST(COUNT(*) AS INTEGER) AS \"Value\" FROM \"{identityTable}\"").ToListAsync(ct)).Single();
#pragma warning restore EF1002
        }

        return new ExistingDeployment(Describe(db.Database.GetConnectionString()!, postgreSql), postgreSql, tables, applied, identityRows);
    }

    /// <summary>
    /// Refuses a database this start must not migrate. Tables without a migrations history are always refused: another
    /// application's database, or this one's history removed, and migrating would fail part-way or mix the two. An empty
    /// PostgreSQL database is refused unless <paramref name="firstStart"/>. A deployment whose identity row is gone (it
    /// is created at the first start and nothing deletes it) is refused unless <paramref name="firstStart"/>, which
    /// gives it a new one.
    /// </summary>
    /// <exception cref="StartRefusedException">The database is one of those; the message says which and what to do.</exception>
    public void EnsureMayStart(bool firstStart)
    {
        if (AppliedMigrations.Count == 0 && Tables.Count > 0)
        {
            throw new StartRefusedException(
                $"{_where} has {Counted.Of(Tables.Count, "table")} ({string.Join(", ", Tables.Take(3))}{(Tables.Count > 3 ? ", ..." : "")}) "
                + "but no record of EngagementHub's migrations (__EFMigrationsHistory is missing or empty). Either "
                + "ConnectionStrings:EngagementHub names another application's database, or this database's migrations history "
                + "was removed. The app will not migrate it: that would fail part-way or mix two applications' data. Check the "
                + "connection string; to recover this deployment, restore the newest backup into an empty database.");
        }

        if (IsEmpty && _postgreSql && !firstStart)
        {
            throw new StartRefusedException(
                $"{_where} is empty: it has no EngagementHub tables. The app sets up a new deployment in an empty database only "
                + "when told this is the deployment's first start, because a database dropped and recreated, a restore that did "
                + "not happen, or a connection string naming the wrong database would otherwise look like one, and the "
                + "partnership would find everything gone. If this is the first start, start once with "
                + "EngagementHub__Database__FirstStart=true (EngagementHub:Database:FirstStart), then remove it. Otherwise check "
                + "that ConnectionStrings:EngagementHub names the deployment's database, or restore the newest backup into it "
                + "(pg_restore --dbname <database> <file>).");
        }

        if (IdentityRows == 0 && !firstStart)
        {
            throw new StartRefusedException(
                $"{_where} holds EngagementHub's tables but not its deployment identity (the DeploymentIdentity table is "
                + "empty). The first start created that row and nothing removes it, so it was deleted or the data was only "
                + "partly restored; calendar event ids and e-mail Message-IDs already sent end in it. Restore the newest backup. "
                + "If this database is a copy meant to run beside the original (training, testing), start it once with "
                + "EngagementHub__Database__FirstStart=true to give it an identity of its own, then remove the setting.");
        }
    }

    /// <summary>Which database, for a message to the deployer: the server and database name, never the password.</summary>
    private static string Describe(string connectionString, bool postgreSql)
    {
        if (!postgreSql)
        {
            return $"The SQLite database {SqliteDatabaseFile.PathOf(connectionString) ?? "(in memory)"}";
        }

        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        return $"The PostgreSQL database \"{settings.Database ?? settings.Username}\" on {settings.Host}:{settings.Port}";
    }
}
