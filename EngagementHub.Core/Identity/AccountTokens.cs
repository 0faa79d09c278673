namespace EngagementHub.Core.Identity;

/// <summary>
/// The names of the Identity token providers for account links, registered by the web host (they are ASP.NET Core
/// Identity's data-protection providers, each with its own lifetime from <see cref="AccountOptions"/>).
/// </summary>
public static class AccountTokens
{
    /// <summary>The provider of invitation tokens (lifetime <see cref="AccountOptions.InvitationLifetime"/>).</summary>
    public const string InvitationProvider = "Invitation";

    /// <summary>The purpose an invitation token is made and checked for.</summary>
    public const string InvitationPurpose = "AcceptInvitation";

    /// <summary>The provider of password-reset tokens (lifetime <see cref="AccountOptions.PasswordResetLifetime"/>).</summary>
    public const string PasswordResetProvider = "PasswordReset";
}
