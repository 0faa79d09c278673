using EngagementHub.Core;
using EngagementHub.Core.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EngagementHub.Web.Identity;

/// <summary>
/// Identity's data-protection token provider with the invitation's own lifetime
/// (<see cref="AccountOptions.InvitationLifetime"/>) and its own protector, so an invitation token is never accepted as
/// any other kind. Like every such token it carries the account's security stamp: setting the password (or sending the
/// invitation again) renews the stamp, so a link works once.
/// </summary>
public sealed class InvitationTokenProvider(
    IDataProtectionProvider protection, IOptions<EngagementHubOptions> options, ILogger<DataProtectorTokenProvider<ApplicationUser>> logger)
    : DataProtectorTokenProvider<ApplicationUser>(
        protection,
        Microsoft.Extensions.Options.Options.Create(new DataProtectionTokenProviderOptions { Name = ProviderName, TokenLifespan = options.Value.Accounts.InvitationLifetime }),
        logger)
{
    public const string ProviderName = AccountTokens.InvitationProvider;
}

/// <summary>
/// Identity's data-protection token provider for "forgot password" links, with their own lifetime
/// (<see cref="AccountOptions.PasswordResetLifetime"/>). Resetting the password renews the security stamp, so a link works once.
/// </summary>
public sealed class PasswordResetTokenProvider(
    IDataProtectionProvider protection, IOptions<EngagementHubOptions> options, ILogger<DataProtectorTokenProvider<ApplicationUser>> logger)
    : DataProtectorTokenProvider<ApplicationUser>(
        protection,
        Microsoft.Extensions.Options.Options.Create(new DataProtectionTokenProviderOptions { Name = ProviderName, TokenLifespan = options.Value.Accounts.PasswordResetLifetime }),
        logger)
{
    public const string ProviderName = AccountTokens.PasswordResetProvider;
}

public static class AccountTokenProviderExtensions
{
    /// <summary>The invitation and password-reset token providers; reset tokens (<see cref="UserManager{TUser}.GeneratePasswordResetTokenAsync"/>) come from the latter.</summary>
    public static IdentityBuilder AddAccountTokenProviders(this IdentityBuilder builder)
    {
        builder.AddTokenProvider<InvitationTokenProvider>(InvitationTokenProvider.ProviderName);
        builder.AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.ProviderName);
        builder.Services.Configure<IdentityOptions>(o => o.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName);
        return builder;
    }
}
