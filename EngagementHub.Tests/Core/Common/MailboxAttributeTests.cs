using EngagementHub.Core.Accounts;
using EngagementHub.Core.Common;

namespace EngagementHub.Tests.Core.Common;

/// <summary>Which e-mail addresses the forms take: one that mail can reach, not any text with an "@" in it.</summary>
public sealed class MailboxAttributeTests
{
    [Theory]
    [InlineData("lena.khan@link.example.org")]
    [InlineData("j.o'neill+board@council.gov.uk")]
    [InlineData(" colin@nhs.net ")]
    public void IsMailbox_AnAddressMailCanReach_Taken(string address) => Assert.True(MailboxAttribute.IsMailbox(address));

    [Theory]
    [InlineData("a@b")]
    [InlineData("not-an-email")]
    [InlineData("lena@.org")]
    [InlineData("lena@link.")]
    [InlineData("lena@link..org")]
    [InlineData("Lena Khan <lena@link.org>")]
    [InlineData("lena@link.org, colin@nhs.net")]
    [InlineData("")]
    public void IsMailbox_NotOne_Refused(string address) => Assert.False(MailboxAttribute.IsMailbox(address));

    // An invitation to "a@b" was "sent" and could never arrive.
    [Fact]
    public void Validate_AnInvitationToAnAddressWithoutADomain_RefusedAtTheEmailField()
    {
        var input = new InvitationInput { Email = "a@b" };

        Assert.Contains(new FieldError(nameof(input.Email), MailboxAttribute.Message), InputValidation.Validate(input));
    }
}
