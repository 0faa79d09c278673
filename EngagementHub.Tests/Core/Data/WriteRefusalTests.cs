using EngagementHub.Core.Data;
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

    [Fact]
    public void Describe_EveryKind_SaysTheDatabaseRefusesWrites() =>
        Assert.All(Enum.GetValues<WriteRefusalKind>(), kind => Assert.StartsWith("The database refuses writes: ", WriteRefusal.Describe(kind)));
}
