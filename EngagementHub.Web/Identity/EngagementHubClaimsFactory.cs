using System.Globalization;
using System.Security.Claims;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementHub.Web.Identity;

/// <summary>Puts the person's organisation, role and name in their session, so every request knows who acts for whom.</summary>
public sealed class EngagementHubClaimsFactory(
    UserManager<ApplicationUser> userManager, IOptions<IdentityOptions> options, EngagementHubDbContext db)
    : UserClaimsPrincipalFactory<ApplicationUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var organisationName = await db.Organisations.Where(o => o.Id == user.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync();
        identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, user.Role.ToString()));
        identity.AddClaim(new Claim(EngagementHubClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(EngagementHubClaims.OrganisationId, user.OrganisationId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(EngagementHubClaims.OrganisationName, organisationName ?? ""));
        return identity;
    }
}
