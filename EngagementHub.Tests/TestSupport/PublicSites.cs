using EngagementHub.Core;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Public;
using Microsoft.Extensions.Options;

namespace EngagementHub.Tests.TestSupport;

/// <summary>The public site over a test database, with the services it reads through, on the database's clock.</summary>
public static class PublicSites
{
    public static PublicSite Create(TestDatabase database, string partnershipName = "Birmingham")
    {
        var access = new OrganisationAccess(new CapturingLoggerProvider().CreateLogger<OrganisationAccess>());
        var deadlines = new DeadlineService(database.Factory, new BankHolidayCalendar(database.Factory, access, database.Clock), access,
            database.Clock);
        return new PublicSite(database.Factory, Options.Create(new EngagementHubOptions { PartnershipName = partnershipName }), database.Clock,
            new YouSaidWeDidRegister(database.Factory, database.Clock), deadlines);
    }
}
