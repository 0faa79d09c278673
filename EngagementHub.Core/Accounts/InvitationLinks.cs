using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using Microsoft.AspNetCore.Identity;

namespace EngagementHub.Core.Accounts;

/// <summary>Whether the newest invitation e-mailed to a person who has not yet accepted one still works.</summary>
public enum InvitationLink
{
    /// <summary>Nothing to say: the person has a password, or was invited before invitations were recorded.</summary>
    None,

    /// <summary>The newest link works until its lifetime ends.</summary>
    Works,

    /// <summary>The newest link's lifetime (<see cref="AccountOptions.InvitationLifetime"/>) has ended.</summary>
    RanOut,

    /// <summary>
    /// The newest link was spent without being used: the account's security stamp was renewed since it was made (the
    /// account was disabled, or its organisation deactivated), and enabling or reactivating does not bring it back.
    /// </summary>
    Spent,
}

/// <summary>
/// What the users page knows of an invitation's link without the link itself (ADR 18): each invitation e-mailed records
/// when it was made and a fingerprint of the security stamp it carries, in Identity's own table of an account's tokens
/// (<c>AspNetUserTokens</c>, a row per account, replaced by the next invitation). A link works only while the account's
/// stamp is the one it carries, so a stamp that no longer matches says the link was spent.
/// </summary>
internal static class InvitationLinks
{
    /// <summary>The row's login provider and name in <c>AspNetUserTokens</c>.</summary>
    public const string Provider = "EngagementHub";

    public const string Name = "InvitationLink";

    /// <summary>
    /// Records (adds or replaces, not saved) that an invitation was made for <paramref name="user"/> at
    /// <paramref name="at"/> with its current security stamp. Called in the invitation's own transaction, after the stamp
    /// the link carries is set.
    /// </summary>
    public static async Task NoteAsync(EngagementHubDbContext db, ApplicationUser user, DateTimeOffset at, CancellationToken ct)
    {
        var value = at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) + " " + Fingerprint(user.SecurityStamp);
        if (await db.UserTokens.FindAsync([user.Id, Provider, Name], ct) is { } row)
        {
            row.Value = value;
        }
        else
        {
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = Provider, Name = Name, Value = value });
        }
    }

    /// <summary>Whether the recorded invitation of an account still works.</summary>
    /// <param name="invited">The account has no password yet.</param>
    /// <param name="record">The row's value (<see cref="NoteAsync"/>), or null when none was recorded.</param>
    /// <param name="securityStamp">The account's stamp now.</param>
    /// <param name="now">Now (UTC), by the app's clock.</param>
    /// <param name="lifetime">How long an invitation link works.</param>
    /// <returns><see cref="InvitationLink.None"/> for an account with a password or no readable record; else whether the
    /// link was spent, ran out, or works. A calculation: it refuses nothing.</returns>
    public static InvitationLink Read(bool invited, string? record, string? securityStamp, DateTimeOffset now, TimeSpan lifetime)
    {
        var parts = record?.Split(' ');
        if (!invited || parts is not [var made, var fingerprint]
            || !DateTimeOffset.TryParse(made, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var madeAt))
        {
            return InvitationLink.None;
        }

        return fingerprint != Fingerprint(securityStamp) ? InvitationLink.Spent
            : madeAt + lifetime <= now ? InvitationLink.RanOut
            : InvitationLink.Works;
    }

    /// <summary>A one-way fingerprint, so the row holds no copy of the stamp itself.</summary>
    private static string Fingerprint(string? securityStamp) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(securityStamp ?? "")));
}
