using System.Linq.Expressions;
using EngagementHub.Core.Identity;

namespace EngagementHub.Core.Notifications;

/// <summary>A person who might be told of a step: enough of their account to decide whether they are.</summary>
public sealed record RecipientCandidate(string UserId, int OrganisationId, UserRole Role, bool IsDisabled, string? NormalizedEmail);

/// <summary>
/// A named contact's address and the organisation that named them: an account with that address is told as the contact
/// only while it is in that organisation.
/// </summary>
/// <param name="Email">The address as the contact record holds it; compared trimmed and ignoring case.</param>
/// <param name="OrganisationId">The organisation whose contact they are (the one a deadline or hand-off was sent to).</param>
public sealed record ContactAddress(string Email, int OrganisationId);

/// <summary>Who is told of a workflow step: the one rule, kept pure so it is tested on its own.</summary>
public static class NotificationRecipients
{
    /// <summary>
    /// Who is reminded of a deadline in place of the person a side is reminded through, when that person cannot be (the
    /// LINk's owner who left; the answering organisation's named contact who is missing or cannot be reached): the
    /// organisation's editors and administrators, who can act for it, never its viewers (ADR 6). The sweep and the mailer
    /// both ask it, with <c>AccountStanding.MayUseTheApp</c>, so they agree on who stands in.
    /// </summary>
    public static readonly Expression<Func<ApplicationUser, bool>> MayStandIn = u => u.Role == UserRole.Editor || u.Role == UserRole.Admin;

    /// <summary>
    /// The people of the organisations concerned who can act for them (editors and admins), the named contact when they
    /// have an account in the organisation that named them, and the owner — never the person who acted, never a disabled
    /// account, each once. An account with the contact's address in another organisation is not the contact as far as
    /// the app knows: it cannot open the record, and its organisation may not read about it (ADR 4).
    /// </summary>
    /// <param name="candidates">The accounts that might be told (any organisation; the rule picks).</param>
    /// <param name="organisationIds">The organisations concerned, whose editors and admins are told.</param>
    /// <param name="contact">The named contact's address and organisation, matched to an account in that
    /// organisation as Identity matches addresses (<see cref="AccountAddress"/>); null when none.</param>
    /// <param name="ownerUserId">The record's owner (e.g. the LINk person following a deadline up), told whatever their role; null for none.</param>
    /// <param name="actorUserId">The person who acted, never told of their own step; null for the system.</param>
    /// <param name="ownerOrganisationId">When given, the owner is told only while in this organisation (the one whose
    /// record they follow up): moved to another, they are told as anyone there would be.</param>
    /// <returns>User ids in a fixed (ordinal) order, so concurrent writers insert in the same order.</returns>
    public static IReadOnlyList<string> Resolve(
        IEnumerable<RecipientCandidate> candidates, IReadOnlyCollection<int> organisationIds, ContactAddress? contact, string? ownerUserId, string? actorUserId,
        int? ownerOrganisationId = null)
    {
        var contactEmail = AccountAddress.Normalise(contact?.Email);
        return candidates
            .Where(c => !c.IsDisabled && c.UserId != actorUserId)
            .Where(c => (organisationIds.Contains(c.OrganisationId) && c.Role is UserRole.Editor or UserRole.Admin)
                        || (contactEmail is not null && c.NormalizedEmail == contactEmail && c.OrganisationId == contact!.OrganisationId)
                        || (c.UserId == ownerUserId && (ownerOrganisationId is null || c.OrganisationId == ownerOrganisationId)))
            .Select(c => c.UserId)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
