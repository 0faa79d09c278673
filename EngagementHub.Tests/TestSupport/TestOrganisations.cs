using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.TestSupport;

/// <summary>Organisations changed straight in a test database, as a test's set-up or as "someone else meanwhile".</summary>
internal static class TestOrganisations
{
    /// <summary>
    /// Deactivates or reactivates the organisation by the entity's own step, in a save of its own outside any service
    /// (the administrators' path, with its checks and notices, is <c>OrganisationDirectory.SetActiveAsync</c>).
    /// </summary>
    public static async Task SetOrganisationActiveAsync(this TestDatabase database, int organisationId, bool active)
    {
        await using var db = database.CreateContext();
        var organisation = await db.Organisations.SingleAsync(o => o.Id == organisationId);
        if (active)
        {
            organisation.Reactivate();
        }
        else
        {
            organisation.Deactivate();
        }

        await db.SaveChangesAsync();
    }
}
