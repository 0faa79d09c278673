using EngagementHub.Core.Communities;
using EngagementHub.Core.Data.Demo;
using EngagementHub.Core.Timetables;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EngagementHub.Core.Data;

/// <summary>Brings the database up to date at start-up: committed migrations, then demo data or the first admin.</summary>
public sealed class DatabaseInitializer(
    EngagementHubDbContext db,
    UserManager<ApplicationUser> users,
    TimeProvider clock,
    IOptions<EngagementHubOptions> options,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        await StandardCommunities.EnsureAsync(db, ct);
        await BankHolidayCalendar.EnsureSeededAsync(db, ct);
        await DeadlineService.EnsureRulesAsync(db, ct);
        await StandardCycles.EnsureAsync(db, ct);

        if (options.Value.DemoData && await DemoPartnership.SeedAsync(db, users, clock, ct))
        {
            logger.LogInformation("Seeded the demo partnership and {Count} demo accounts", DemoPartnership.Accounts.Count);
        }

        await EnsureFirstAdminAsync(options.Value.Bootstrap, ct);
    }

    private async Task EnsureFirstAdminAsync(BootstrapAdminOptions bootstrap, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(bootstrap.AdminEmail) || await db.Users.AnyAsync(u => u.Role == UserRole.Admin, ct))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(bootstrap.AdminPassword) || string.IsNullOrWhiteSpace(bootstrap.OrganisationName))
        {
            throw new InvalidOperationException(
                "EngagementHub:Bootstrap:AdminEmail is set, so EngagementHub:Bootstrap:AdminPassword and EngagementHub:Bootstrap:OrganisationName must be set too.");
        }

        if (await users.FindByEmailAsync(bootstrap.AdminEmail.Trim()) is not null)
        {
            throw new InvalidOperationException(
                $"EngagementHub:Bootstrap:AdminEmail {bootstrap.AdminEmail} already belongs to a user who is not an admin. Choose another address.");
        }

        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Name == bootstrap.OrganisationName, ct);
        if (organisation is null)
        {
            organisation = new Organisation(bootstrap.OrganisationName, OrganisationKind.Link);
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync(ct);
        }

        var admin = new ApplicationUser
        {
            UserName = bootstrap.AdminEmail.Trim(),
            Email = bootstrap.AdminEmail.Trim(),
            EmailConfirmed = true,
            DisplayName = bootstrap.AdminName,
            OrganisationId = organisation.Id,
            Role = UserRole.Admin,
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(admin, bootstrap.AdminPassword);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create the first admin: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }

        logger.LogInformation("Created the first administrator {Email} for {Organisation}", admin.Email, organisation.Name);
    }
}
