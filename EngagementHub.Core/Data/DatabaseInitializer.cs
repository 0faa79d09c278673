using System.Globalization;
using EngagementHub.Core.Data.Demo;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EngagementHub.Core.Data;

/// <summary>
/// Brings the database up to date at start-up: committed migrations, then demo data or the first admin. With several
/// nodes on one PostgreSQL database, all of it runs under <see cref="StartupLock"/>: a node starting at the same moment
/// waits, then finds every migration applied and every seed present, so nothing is seeded twice.
/// </summary>
public sealed class DatabaseInitializer(
    EngagementHubDbContext db,
    UserManager<ApplicationUser> users,
    TimeProvider clock,
    IOptions<EngagementHubOptions> options,
    ILogger<DatabaseInitializer> logger)
{
    /// <summary>
    /// Applies the migrations and seeds. Demo data (whose accounts share a published password) is seeded only when
    /// <see cref="EngagementHubOptions.DemoData"/> is explicitly true (appsettings.Development.json sets it; the default is
    /// false).
    /// </summary>
    /// <param name="alsoUnderTheLock">
    /// The host's own first-use set-up that must not race another node's (the shared data-protection key ring, the jobs
    /// schema), run after the data is ready and before the lock is released.
    /// </param>
    /// <param name="ct">Cancels the start (the host's stopping token); nothing half-done is committed.</param>
    /// <exception cref="StartRefusedException">
    /// Demo data and a bootstrap administrator are both configured (a real deployment started with Development settings),
    /// the bootstrap settings are incomplete or name an existing non-admin, a SQLite database that existed is missing
    /// (<see cref="SqliteDatabaseFile"/>), or the database is empty (PostgreSQL, not a first start), someone else's, or has
    /// lost its migrations history or deployment identity (<see cref="ExistingDeployment"/>): the app must not start.
    /// </exception>
    public async Task InitializeAsync(Func<CancellationToken, Task>? alsoUnderTheLock = null, CancellationToken ct = default)
    {
        EnsureNotDemoAndReal(options.Value);
        var sqlite = db.Database.IsSqlite() ? db.Database.GetConnectionString() : null;
        if (sqlite is not null)
        {
            SqliteDatabaseFile.EnsureNotLost(sqlite, options.Value.Backup.Directory);
            if (SqliteDatabaseFile.ClearAbandonedMigrationLock(sqlite) is { } takenAt)
            {
                logger.LogWarning("Removed a migration lock taken at {TakenAt} by a start that did not finish", takenAt);
            }
        }

        await using var startupLock = await StartupLock.AcquireAsync(db, ct);
        var existing = await ExistingDeployment.InspectAsync(db, ct);
        existing.EnsureMayStart(options.Value.Database.FirstStart);
        if (options.Value.Database.FirstStart && !existing.IsEmpty)
        {
            logger.LogInformation(
                "EngagementHub:Database:FirstStart is set, but the database already holds a deployment. Outside development, "
                + "remove the setting, so that a later start on an emptied database is refused rather than set up afresh");
        }

        await db.Database.MigrateAsync(ct);
        await DeploymentIdentity.DomainAsync(db, options.Value.PublicBaseUrl, clock.GetUtcNow(), ct);
        await ReferenceData.EnsureAsync(db, clock, ct);
        await Exercises.ExerciseAgreement.ReconcileStatesAsync(db, ct);

        if (options.Value.DemoData && await DemoPartnership.SeedAsync(db, users, clock, ct))
        {
            logger.LogInformation("Seeded the demo partnership and {Count} demo accounts (their password is published in the README)",
                DemoPartnership.Accounts.Count);
        }

        await EnsureFirstAdminAsync(options.Value.Bootstrap, ct);
        if (sqlite is not null)
        {
            SqliteDatabaseFile.MarkCreated(sqlite, clock.GetUtcNow());
        }

        if (alsoUnderTheLock is not null)
        {
            await alsoUnderTheLock(ct);
        }
    }

    /// <summary>
    /// A bootstrap administrator means a real deployment; demo data means six accounts whose password is in the README.
    /// Both at once is how a deployer following the wrong command (for example <c>dotnet run</c> with the Development
    /// launch profile) would end up with a public server anyone can sign in to, so it stops the start instead.
    /// </summary>
    private static void EnsureNotDemoAndReal(EngagementHubOptions settings)
    {
        if (settings.DemoData && !string.IsNullOrWhiteSpace(settings.Bootstrap.AdminEmail))
        {
            throw new StartRefusedException(
                "EngagementHub:DemoData is true and EngagementHub:Bootstrap:AdminEmail is set. Demo data adds six accounts whose "
                + "password is published, so it is never seeded alongside a real deployment's first administrator. For a real "
                + "deployment start with ASPNETCORE_ENVIRONMENT=Production and without the Development launch profile "
                + "(dotnet run --no-launch-profile, or the published app); for the demo, unset EngagementHub:Bootstrap:AdminEmail.");
        }
    }

    private async Task EnsureFirstAdminAsync(BootstrapAdminOptions bootstrap, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(bootstrap.AdminEmail) || await db.Users.AnyAsync(u => u.Role == UserRole.Admin, ct))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(bootstrap.AdminPassword) || string.IsNullOrWhiteSpace(bootstrap.OrganisationName))
        {
            throw new StartRefusedException(
                "EngagementHub:Bootstrap:AdminEmail is set, so EngagementHub:Bootstrap:AdminPassword and EngagementHub:Bootstrap:OrganisationName must be set too.");
        }

        // Typed by whoever configures the deployment: refused whole before anything is created, naming the setting,
        // rather than stored whole (SQLite) or failing the save on the column (PostgreSQL).
        foreach (var (setting, value, max) in new[]
                 {
                     ("AdminEmail", bootstrap.AdminEmail.Trim(), ApplicationUser.EmailMaxLength),
                     ("AdminName", bootstrap.AdminName, ApplicationUser.DisplayNameMaxLength),
                     ("OrganisationName", bootstrap.OrganisationName, Organisation.NameMaxLength),
                 })
        {
            if (value.Length > max)
            {
                throw new StartRefusedException(string.Create(CultureInfo.InvariantCulture,
                    $"EngagementHub:Bootstrap:{setting} can be at most {max:N0} characters; it has {value.Length:N0}. Shorten it and start again."));
            }
        }

        if (await users.FindByEmailAsync(bootstrap.AdminEmail.Trim()) is not null)
        {
            throw new StartRefusedException(
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
            throw new StartRefusedException($"Could not create the first admin: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }

        logger.LogInformation("Created the first administrator {Email} for {Organisation}", admin.Email, organisation.Name);
    }
}
