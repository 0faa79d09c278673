using EngagementHub.Core;
using EngagementHub.Core.Data;
using EngagementHub.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EngagementHub.Tests.Core.Data;

public sealed class WriteRefusalTests
{
    [Theory]
    [InlineData(PostgresErrorCodes.ReadOnlySqlTransaction, WriteRefusalKind.ReadOnly)]
    [InlineData(PostgresErrorCodes.DiskFull, WriteRefusalKind.Full)]
    [InlineData(PostgresErrorCodes.InsufficientPrivilege, WriteRefusalKind.NotPermitted)]
    public void Of_PostgreSqlRefusalInsideEfCoresWrapper_IsThatRefusal(string sqlState, WriteRefusalKind expected)
    {
        var refused = new DbUpdateException("An error occurred while saving the entity changes.", new PostgresException("refused", "ERROR", "ERROR", sqlState));

        Assert.Equal(expected, WriteRefusal.Of(refused));
    }

    [Theory]
    [InlineData(8, WriteRefusalKind.ReadOnly)]
    [InlineData(13, WriteRefusalKind.Full)]
    public void Of_SqliteRefusal_IsThatRefusal(int errorCode, WriteRefusalKind expected) =>
        Assert.Equal(expected, WriteRefusal.Of(new DbUpdateException("saving", new SqliteException("refused", errorCode))));

    [Fact]
    public void Of_DatabaseNotAnsweringOrOtherErrors_IsNull()
    {
        Assert.Null(WriteRefusal.Of(new DbUpdateException("saving", new SqliteException("disk I/O error", 10))));
        Assert.Null(WriteRefusal.Of(new NpgsqlException("Failed to connect to 127.0.0.1:5432")));
        Assert.Null(WriteRefusal.Of(new InvalidOperationException("not the database")));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ProbeAsync_DatabaseTakesWrites_LeavesNothingBehind(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var domain = await DeploymentIdentity.DomainAsync(db, "https://engage.example.org", DateTimeOffset.UnixEpoch);
        await db.Database.OpenConnectionAsync();

        // Twice on one connection, as a pooled connection meets it poll after poll: the probe's temporary table is gone.
        await WriteRefusal.ProbeAsync(db);
        await WriteRefusal.ProbeAsync(db);

        Assert.Equal(domain, await DeploymentIdentity.DomainAsync(db, null, DateTimeOffset.UnixEpoch));
        if (provider == DatabaseProvider.PostgreSql)
        {
            Assert.Equal(0, await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_class WHERE relname = 'engagementhub_health_probe'").SingleAsync());
        }
    }

    [Fact]
    public void Describe_EveryKind_SaysTheDatabaseRefusesWrites() =>
        Assert.All(Enum.GetValues<WriteRefusalKind>(), kind => Assert.StartsWith("The database refuses writes: ", WriteRefusal.Describe(kind)));
}
