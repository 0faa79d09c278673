using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;

namespace EngagementHub.Tests.Core.Notifications;

public sealed class NotificationRecipientsTests
{
    private const int Link = 1;
    private const int Commissioner = 2;
    private const int Other = 3;

    private static readonly RecipientCandidate[] People =
    [
        new("link-editor", Link, UserRole.Editor, false, "LENA@LINK.TEST"),
        new("link-admin", Link, UserRole.Admin, false, "ADA@LINK.TEST"),
        new("link-viewer", Link, UserRole.Viewer, false, "VIC@LINK.TEST"),
        new("link-disabled", Link, UserRole.Editor, true, "GONE@LINK.TEST"),
        new("pct-editor", Commissioner, UserRole.Editor, false, "COLIN@PCT.TEST"),
        new("pct-viewer-contact", Commissioner, UserRole.Viewer, false, "JANET@PCT.TEST"),
        new("other-editor", Other, UserRole.Editor, false, "OTTO@OTHER.TEST"),
    ];

    [Fact]
    public void Resolve_OrganisationConcerned_ItsEditorsAndAdminsOnly()
    {
        var recipients = NotificationRecipients.Resolve(People, [Link], null, null, actorUserId: "pct-editor");

        Assert.Equal(["link-admin", "link-editor"], recipients);
    }

    [Fact]
    public void Resolve_NamedContactWithAnAccount_IncludedWhateverTheirRoleMatchedIgnoringCase()
    {
        var recipients = NotificationRecipients.Resolve(People, [Commissioner], new(" janet@pct.test ", Commissioner), null, actorUserId: "link-editor");

        Assert.Equal(["pct-editor", "pct-viewer-contact"], recipients);
    }

    // Identity stores an account's address composed (Unicode form C); a contact's address typed with a combining accent
    // is the same address.
    [Theory]
    [InlineData("rene\u0301@pct.test", "REN\u00c9@PCT.TEST")]
    [InlineData("ren\u00e9@pct.test", "REN\u00c9@PCT.TEST")]
    public void Resolve_NamedContactTypedInAnotherUnicodeForm_MatchedToTheAccountAsIdentityMatchesAddresses(string typed, string stored)
    {
        RecipientCandidate[] people = [.. People, new("pct-viewer-rene", Commissioner, UserRole.Viewer, false, stored)];

        var recipients = NotificationRecipients.Resolve(people, [Link], new(typed, Commissioner), null, actorUserId: "pct-editor");

        Assert.Contains("pct-viewer-rene", recipients);
    }

    // The LINk's follower-up moved to the commissioner: told of the LINk's request as the commissioner's viewer would be
    // (not at all), not as its owner.
    [Fact]
    public void Resolve_OwnerNoLongerInTheOrganisationTheyFollowItUpFor_NotToldAsOwner()
    {
        var recipients = NotificationRecipients.Resolve(People, [Link], null, ownerUserId: "pct-viewer-contact", actorUserId: "pct-editor", ownerOrganisationId: Link);

        Assert.Equal(["link-admin", "link-editor"], recipients);
    }

    [Fact]
    public void Resolve_Owner_IncludedEvenWhenTheirOrganisationIsNotConcerned()
    {
        var recipients = NotificationRecipients.Resolve(People, [Other], null, ownerUserId: "link-viewer", actorUserId: "pct-editor");

        Assert.Equal(["link-viewer", "other-editor"], recipients);
    }

    [Fact]
    public void Resolve_TheActor_NeverToldOfTheirOwnActionEvenAsOwnerOrContact()
    {
        var recipients = NotificationRecipients.Resolve(People, [Link], new("LENA@LINK.TEST", Link), ownerUserId: "link-editor", actorUserId: "link-editor");

        Assert.Equal(["link-admin"], recipients);
    }

    // The commissioner named as its contact an address that is an account at the LINk (or another commissioner): that
    // account cannot open the commissioner's record, so it is not told of it as the contact, whatever its role.
    [Theory]
    [InlineData("lena@link.test", "link-editor")]
    [InlineData("otto@other.test", "other-editor")]
    public void Resolve_NamedContactWhoseAccountIsInAnotherOrganisation_NotToldAsTheContact(string address, string account)
    {
        var recipients = NotificationRecipients.Resolve(People, [Commissioner], new(address, Commissioner), null, actorUserId: "pct-editor");

        Assert.DoesNotContain(account, recipients);
        Assert.Empty(recipients);
    }

    [Fact]
    public void Resolve_DisabledAccount_NeverTold()
    {
        var recipients = NotificationRecipients.Resolve(People, [Link], new("gone@link.test", Link), ownerUserId: "link-disabled", actorUserId: null);

        Assert.DoesNotContain("link-disabled", recipients);
    }

    [Fact]
    public void Resolve_SomeoneBothContactAndEditor_ToldOnce()
    {
        var recipients = NotificationRecipients.Resolve(People, [Commissioner], new("colin@pct.test", Commissioner), ownerUserId: "pct-editor", actorUserId: "link-editor");

        Assert.Equal(["pct-editor"], recipients);
    }
}
