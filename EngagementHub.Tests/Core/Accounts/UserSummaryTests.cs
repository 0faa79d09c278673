using EngagementHub.Core.Accounts;
using EngagementHub.Core.Identity;

namespace EngagementHub.Tests.Core.Accounts;

public sealed class UserSummaryTests
{
    // Unlocking lifts the lockout only: a disabled account stays disabled, so the confirmation must not say the person
    // can sign in again.
    [Theory]
    [InlineData(false, "Vic Patel can sign in again.")]
    [InlineData(true, "Vic Patel is unlocked, but the account is still disabled: they cannot sign in until it is enabled.")]
    public void UnlockedText_ByWhetherTheAccountIsDisabled_SaysOnlyWhatIsTrue(bool disabled, string expected) =>
        Assert.Equal(expected, new UserSummary("vic", "vic@example.org", "Vic Patel", 1, "Be Birmingham", UserRole.Editor, disabled, false, null).UnlockedText);

    // ADR 18: an invitation is to be sent again when its link was spent or ran out, and only while the person may use
    // the app (sending it is refused to a disabled account or a deactivated organisation's member until they are back).
    [Theory]
    [InlineData(InvitationLink.Works, false, true, null)]
    [InlineData(InvitationLink.None, false, true, null)]
    [InlineData(InvitationLink.Spent, false, true, "Invitation no longer works: send it again")]
    [InlineData(InvitationLink.RanOut, false, true, "Invitation ran out: send it again")]
    [InlineData(InvitationLink.Spent, true, true, null)]
    [InlineData(InvitationLink.Spent, false, false, null)]
    public void InvitationStatus_ByTheLinkAndWhetherThePersonMayUseTheApp_SaysWhenToSendItAgain(
        InvitationLink link, bool disabled, bool organisationActive, string? expected)
    {
        var invited = new UserSummary("priya", "priya@example.org", "Priya Sharma", 1, "Be Birmingham", UserRole.Viewer, disabled, false, null,
            IsInvited: true, Invitation: link, OrganisationActive: organisationActive);

        Assert.Equal(expected, invited.InvitationStatus);
        Assert.Equal(expected is not null, invited.InvitationToSendAgain);
        Assert.Equal(expected is not null, invited.InvitationToSendAgainText?.StartsWith("Priya Sharma has not accepted their invitation", StringComparison.Ordinal) == true);
        Assert.Equal(expected is not null, invited.InvitationToSendAgainText?.EndsWith("Send the invitation again so they can choose their password.", StringComparison.Ordinal) == true);
    }
}
