using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EngagementHub.Core.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the web app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EngagementHubDbContext>
{
    public EngagementHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<EngagementHubDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
