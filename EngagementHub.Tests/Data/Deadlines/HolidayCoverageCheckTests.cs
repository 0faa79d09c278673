using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementHub.Tests.Data.Deadlines;

/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class HolidayCoverageCheckTests(DatabaseProvider provider)
{
    public sealed class Sqlite() : HolidayCoverageCheckTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : HolidayCoverageCheckTests(DatabaseProvider.PostgreSql);

    [Fact]
    public async Task RunAsync_CalendarRunsOutWithinAYear_RemindsEachActiveAdminOnceAMonth()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            var organisation = new Organisation("Be Birmingham", OrganisationKind.Partnership);
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            db.Users.AddRange(
                new ApplicationUser { Id = "admin-1", UserName = "a1", DisplayName = "Ada", OrganisationId = organisation.Id, Role = UserRole.Admin },
                new ApplicationUser { Id = "admin-2", UserName = "a2", DisplayName = "Ben", OrganisationId = organisation.Id, Role = UserRole.Admin, IsDisabled = true },
                new ApplicationUser { Id = "editor", UserName = "e", DisplayName = "Eve", OrganisationId = organisation.Id, Role = UserRole.Editor });
            await db.SaveChangesAsync();
        }

        var calendar = new BankHolidayCalendar(database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), database.Clock);
        var check = new HolidayCoverageCheck(database.Factory, calendar, database.Clock);

        Assert.Equal(0, await check.RunAsync()); // 2026: the data runs to 2030
        database.Clock.SetUtcNow(new DateTimeOffset(2030, 3, 4, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await check.RunAsync());
        Assert.Equal(0, await check.RunAsync()); // again the same day: not again this month
        database.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(1, await check.RunAsync());

        await using var read = database.CreateContext();
        var reminders = await read.Notifications.Where(n => n.Title == HolidayCoverageCheck.Title).ToListAsync();
        Assert.All(reminders, n => Assert.Equal(("admin-1", PageLink.BankHolidays.Stored), (n.UserId, n.Link)));
        Assert.Contains("runs out on Tue 31 Dec 2030", reminders[0].Body);
    }
}
