using EngagementHub.Core.Identity;

namespace EngagementHub.Core.Notifications;

/// <summary>A person who might be told of a step: enough of their account to decide whether they are.</summary>
public sealed record RecipientCandidate(string UserId, int OrganisationId, UserRole Role, bool IsDisabled, string? NormalizedEmail);

/// <summary>Who is told of a workflow step: the one rule, kept pure so it is tested on its own.</summary>
public static class NotificationRecipients
{
    /// <summary>
    /// The people of the organisations concerned who can act for them (editors and admins), the named contact when they
    /// have an account, and the owner — never the person who acted, never a disabled account, each once.
    /// </summary>
    /// <param name="candidates">The accounts that might be told (any organisation; the rule picks).</param>
    /// <param name="organisationIds">The organisations concerned, whose editors and admins are told.</param>
    /// <param name="contactEmail">The named contact's e-mail address, matched case-insensitively to an account; null when none.</param>
    /// <param name="ownerUserId">The record's owner (e.g. the LINk person following a deadline up), told whatever their role; null for none.</param>
    /// <param name="actorUserId">The person who acted, never told of their own step; null for the system.</param>
    /// <param name="ownerOrganisationId">When given, the owner is told only while in this organisation (the one whose
    /// record they follow up): moved to another, they are told as anyone there would be.</param>
    /// <returns>User ids in a fixed (ordinal) order, so concurrent writers insert in the same order.</returns>
    public static IReadOnlyList<string> Resolve(
        IEnumerable<RecipientCandidate> candidates, IReadOnlyCollection<int> organisationIds, string? contactEmail, string? ownerUserId, string? actorUserId,
        int? ownerOrganisationId = null)
    {
        var contact = string.IsNullOrWhiteSpace(contactEmail) ? null : contactEmail.Trim().ToUpperInvariant();
        return candidates
            .Where(c => !c.IsDisabled && c.UserId != actorUserId)
            .Where(c => (organisationIds.Contains(c.OrganisationId) && c.Role is UserRole.Editor or UserRole.Admin)
                        || (contact is not null && c.NormalizedEmail == contact)
                        || (c.UserId == ownerUserId && (ownerOrganisationId is null || c.OrganisationId == ownerOrganisationId)))
            .Select(c => c.UserId)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
