using System.Security.Cryptography;

namespace EngagementHub.Core.Identity;

/// <summary>
/// Renewing an account's security stamp outside Identity's <c>UserManager</c>, in a save of one's own (an organisation's
/// deactivation renews every stamp of its people in the deactivation's save, ADR 4).
/// </summary>
public static class SecurityStamps
{
    /// <summary>
    /// Gives <paramref name="user"/> a new security stamp, which spends every link made with the old one (an invitation, a
    /// password reset: ADR 18), and a new concurrency stamp, as Identity's own <c>UpdateSecurityStampAsync</c> does. The
    /// second matters as much: an account save of Identity's that loaded the person before this one is saved (an
    /// administrator's edit, a sign-in's count of failed attempts) writes every column back, the old security stamp
    /// included, and only a changed concurrency stamp makes it fail instead of bringing the spent links back.
    /// </summary>
    /// <param name="user">The account, tracked by the context that saves it; nothing is saved here.</param>
    public static void Renew(ApplicationUser user)
    {
        user.SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }
}
