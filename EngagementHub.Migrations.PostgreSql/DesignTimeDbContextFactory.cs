using EngagementHub.Core;
using EngagementHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EngagementHub.Migrations.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef migrations add X --project EngagementHub.Migrations.PostgreSql --startup-project
/// EngagementHub.Migrations.PostgreSql</c> build the PostgreSQL model. Adding a migration never connects, so the
/// connection string only has to parse.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EngagementHubDbContext>
{
    public EngagementHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<EngagementHubDbContext>()
            .UseEngagementHubDatabase(DatabaseProvider.PostgreSql, "Host=localhost;Database=engagementhub_design")
            .Options);
}
