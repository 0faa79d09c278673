using EngagementHub.Core;
using EngagementHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EngagementHub.Migrations.Sqlite;

/// <summary>
/// Lets <c>dotnet ef migrations add X --project EngagementHub.Migrations.Sqlite --startup-project
/// EngagementHub.Migrations.Sqlite --output-dir Migrations --namespace EngagementHub.Core.Data.Migrations</c> build the
/// SQLite model. The command may leave an empty <c>design-time.db</c> behind: delete it, nothing reads it.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EngagementHubDbContext>
{
    public EngagementHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<EngagementHubDbContext>()
            .UseEngagementHubDatabase(DatabaseProvider.Sqlite, "Data Source=design-time.db")
            .Options);
}
