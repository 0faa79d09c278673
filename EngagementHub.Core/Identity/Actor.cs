using System.Globalization;
using System.Security.Claims;

namespace EngagementHub.Core.Identity;

/// <summary>
/// Who is doing something: the signed-in person, their organisation and role, or the system itself (jobs, seeding).
/// Every service that changes data takes one, so the access check and the audit trail cannot be skipped.
/// </summary>
public sealed record Actor(string? UserId, string DisplayName, int? OrganisationId, string? OrganisationName, UserRole Role)
{
    /// <summary>Background work done by the application itself, not on anyone's behalf.</summary>
    public static Actor System { get; } = new(null, "EngagementHub (system)", null, null, UserRole.Viewer);

    public bool IsSystem => UserId is null;

    public bool IsAdmin => Role == UserRole.Admin && !IsSystem;

    /// <summary>Reads the actor from a signed-in principal; null when nobody is signed in or a claim is missing.</summary>
    public static Actor? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var organisation = principal.FindFirstValue(EngagementHubClaims.OrganisationId);
        var role = principal.FindFirstValue(ClaimTypes.Role);
        if (userId is null
            || !int.TryParse(organisation, NumberStyles.None, CultureInfo.InvariantCulture, out var organisationId)
            || !Enum.TryParse<UserRole>(role, ignoreCase: false, out var userRole)
            || !Enum.GetNames<UserRole>().Contains(role))
        {
            return null;
        }

        return new Actor(
            userId,
            principal.FindFirstValue(EngagementHubClaims.DisplayName) ?? principal.Identity.Name ?? userId,
            organisationId,
            principal.FindFirstValue(EngagementHubClaims.OrganisationName),
            userRole);
    }
}
