using System.Security.Claims;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Web.Components.Shared;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EngagementHub.Web.Identity;

/// <summary>
/// Re-checks the session and account behind an open Blazor circuit every minute, so the page of a person signed out,
/// disabled or moved, or whose organisation was deactivated, stops showing what they may no longer see. (Their actions
/// are refused at once: see <see cref="CurrentActor"/>.)
/// </summary>
public sealed class RevalidatingIdentityAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> options, DatabaseTicketStore sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<RevalidatingIdentityAuthenticationStateProvider>();

    protected override TimeSpan RevalidationInterval => IdentityServiceCollectionExtensions.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        try
        {
            return await IsStillValidAsync(authenticationState, cancellationToken);
        }
        catch (Exception failure) when (AppComponentBase.IsDatabaseFailure(failure))
        {
            // The framework stops re-checking a circuit for good after an exception. A database that is away for a moment
            // must not end the checks: the page stays as it is and is checked again at the next interval. Nothing is
            // opened by this: every action still asks the database who is acting, and fails while it is away.
            _logger.LogWarning(failure, "The sign-in behind an open page could not be re-checked: the database failed; checked again in {Interval}", RevalidationInterval);
            return true;
        }
    }

    private async Task<bool> IsStillValidAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (!await sessions.IsOpenAsync(authenticationState.User, cancellationToken))
        {
            return false;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.GetUserAsync(authenticationState.User);
        var db = scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>();
        if (user is null || !await AccountStanding.MayUseTheAppAsync(db, user.Id, cancellationToken))
        {
            return false;
        }

        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }

        var principalStamp = authenticationState.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(user);
    }
}
