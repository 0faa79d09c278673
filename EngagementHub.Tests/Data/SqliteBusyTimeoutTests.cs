using EngagementHub.Core;
using EngagementHub.Core.Data;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Data;

public sealed class SqliteBusyTimeoutTests
{
    // A save that meets the reminder sweep's read waits for it; before, it failed with "database is locked" (seen in
    // AccountLinkTests on working days, when the app's start-up sweep runs beside the test's own writes).
    [Fact]
    public async Task Connection_Opened_WaitsForLocksInsteadOfFailingAtOnce()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();
        await db.Database.OpenConnectionAsync();

        var timeout = await db.Database.SqlQueryRaw<int>("SELECT timeout AS \"Value\" FROM pragma_busy_timeout").SingleAsync();

        Assert.Equal(SqliteBusyTimeout.Milliseconds, timeout);
    }
}
