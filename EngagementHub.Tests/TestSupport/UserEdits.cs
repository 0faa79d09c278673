using EngagementHub.Core.Accounts;
using EngagementHub.Core.Common;
using EngagementHub.Core.Identity;

namespace EngagementHub.Tests.TestSupport;

/// <summary>Editing an account as the users page does: from the account as it is listed now.</summary>
public static class UserEdits
{
    /// <returns>
    /// <see cref="UserAdministration.UpdateAsync"/>'s outcome for the given name, organisation and role, sent with the
    /// version the account is listed with now, as a form opened just before would.
    /// </returns>
    public static async Task<Outcome> UpdateAsListedAsync(
        this UserAdministration administration, Actor admin, string userId, string displayName, int organisationId, UserRole role)
    {
        var input = UserInput.From((await administration.ListAsync(admin)).Single(u => u.Id == userId));
        (input.DisplayName, input.OrganisationId, input.Role) = (displayName, organisationId, role);
        return await administration.UpdateAsync(admin, userId, input);
    }
}
