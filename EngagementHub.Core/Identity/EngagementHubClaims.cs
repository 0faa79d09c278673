namespace EngagementHub.Core.Identity;

/// <summary>Claim types the app puts in the sign-in cookie, read back into an <see cref="Actor"/>.</summary>
public static class EngagementHubClaims
{
    public const string DisplayName = "eh:display_name";
    public const string OrganisationId = "eh:organisation_id";
    public const string OrganisationName = "eh:organisation_name";
}
