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
}
