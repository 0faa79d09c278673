using System.ComponentModel.DataAnnotations;
using EngagementHub.Core.Common;
using EngagementHub.Core.Identity;

namespace EngagementHub.Core.Accounts;

/// <summary>The "add a user" form: an invitation's fields and a first password. Users never register themselves: an
/// admin creates them.</summary>
public sealed class NewUserInput : InvitationInput
{
    [Required(ErrorMessage = "Set a first password; the person can be told it in person.")]
    public string Password { get; set; } = "";
}

/// <summary>The "edit a user" form.</summary>
public sealed class UserInput
{
    [Required(ErrorMessage = "Enter the person's name.")]
    [MaxLength(ApplicationUser.DisplayNameMaxLength, ErrorMessage = "The name can be at most 200 characters.")]
    public string DisplayName { get; set; } = "";

    [Range(1, int.MaxValue, ErrorMessage = UserAdministration.ChooseOrganisation)]
    public int OrganisationId { get; set; }

    public UserRole Role { get; set; } = UserRole.Viewer;

    /// <summary>The account's <see cref="UserSummary.Version"/> when the form was opened.</summary>
    public Guid Version { get; set; }

    /// <returns>The form filled in with the account as listed, and its version.</returns>
    public static UserInput From(UserSummary user) =>
        new() { DisplayName = user.DisplayName, OrganisationId = user.OrganisationId, Role = user.Role, Version = user.Version };
}

/// <summary>A row of the users page.</summary>
/// <param name="Id">The account's id.</param>
/// <param name="Email">The address the person signs in with and receives e-mail at.</param>
/// <param name="DisplayName">The name shown to others.</param>
/// <param name="OrganisationId">The organisation the person acts for.</param>
/// <param name="OrganisationName">Its name.</param>
/// <param name="Role">Viewer, editor or administrator.</param>
/// <param name="IsDisabled">Disabled by an administrator: cannot sign in, and gets no e-mail.</param>
/// <param name="IsLockedOut">Locked out now after too many wrong passwords.</param>
/// <param name="LockedUntil">When the lock-out ends (UTC), if locked out.</param>
/// <param name="IsInvited">Invited by e-mail and has not yet chosen a password (cannot sign in yet).</param>
/// <param name="Invitation">Whether the newest invitation's link still works (<see cref="InvitationLink.None"/> when
/// the person is not invited, or was invited before links were recorded).</param>
/// <param name="OrganisationActive">Whether the person's organisation is still in the partnership (not deactivated).</param>
public sealed record UserSummary(
    string Id, string Email, string DisplayName, int OrganisationId, string OrganisationName, UserRole Role,
    bool IsDisabled, bool IsLockedOut, DateTimeOffset? LockedUntil, bool IsInvited = false,
    InvitationLink Invitation = InvitationLink.None, bool OrganisationActive = true)
{
    /// <summary>
    /// Whether an administrator must send the invitation again for the person to get in: invited, free to use the app
    /// (enabled, organisation active: otherwise sending it is refused until they are), and the newest link spent or run
    /// out (ADR 18).
    /// </summary>
    public bool InvitationToSendAgain =>
        IsInvited && !IsDisabled && OrganisationActive && Invitation is InvitationLink.Spent or InvitationLink.RanOut;

    /// <summary>The users list's status of an invitation to send again (<see cref="InvitationToSendAgain"/>).</summary>
    /// <returns>"Invitation no longer works: send it again" or "Invitation ran out: send it again"; null when there is
    /// nothing to send again.</returns>
    public string? InvitationStatus => !InvitationToSendAgain ? null
        : Invitation == InvitationLink.Spent ? "Invitation no longer works: send it again"
        : "Invitation ran out: send it again";

    /// <summary>What the administrator is told where they gave the person access back (enabled the account, reactivated
    /// or left a deactivated organisation), and in the users list: what happened to the link and what to do.</summary>
    /// <returns>The sentence, naming the person; null when there is nothing to send again.</returns>
    public string? InvitationToSendAgainText => !InvitationToSendAgain ? null
        : Invitation == InvitationLink.Spent
            ? $"{DisplayName} has not accepted their invitation, and the link e-mailed to them no longer works: it stopped working when their "
              + "access was removed (the account disabled, or its organisation deactivated), and giving it back does not revive it. "
              + "Send the invitation again so they can choose their password."
            : $"{DisplayName} has not accepted their invitation, and the link e-mailed to them has run out. "
              + "Send the invitation again so they can choose their password.";

    /// <summary>The version of what an administrator edits (<see cref="ApplicationUser.AdministeredVersion"/>).</summary>
    public Guid Version => ApplicationUser.AdministeredVersion(DisplayName, OrganisationId, Role);

    /// <summary>
    /// What unlocking the account means for its person, for the confirmation: they can sign in again, unless the
    /// account is also disabled, which unlocking does not undo.
    /// </summary>
    /// <returns>The sentence to show once unlocked.</returns>
    public string UnlockedText => IsDisabled
        ? $"{DisplayName} is unlocked, but the account is still disabled: they cannot sign in until it is enabled."
        : $"{DisplayName} can sign in again.";
}

/// <summary>The "invite a user" form: the person chooses their own password from the e-mailed link.</summary>
public class InvitationInput
{
    [Required(ErrorMessage = "Enter the person's e-mail address.")]
    [Mailbox]
    [MaxLength(ApplicationUser.EmailMaxLength, ErrorMessage = "The e-mail address can be at most 256 characters.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter the person's name.")]
    [MaxLength(ApplicationUser.DisplayNameMaxLength, ErrorMessage = "The name can be at most 200 characters.")]
    public string DisplayName { get; set; } = "";

    [Range(1, int.MaxValue, ErrorMessage = UserAdministration.ChooseOrganisation)]
    public int OrganisationId { get; set; }

    public UserRole Role { get; set; } = UserRole.Viewer;
}

/// <summary>Choosing a password from an invitation or reset link.</summary>
public sealed class NewPasswordInput
{
    [Required(ErrorMessage = "Enter the password you want.")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Enter the same password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    public string ConfirmPassword { get; set; } = "";
}

/// <summary>Changing one's own password: the current one first, so a session left open cannot be taken over.</summary>
public sealed class ChangePasswordInput
{
    [Required(ErrorMessage = "Enter your current password.")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Enter the new password.")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Enter the new password again.")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords are not the same.")]
    public string ConfirmPassword { get; set; } = "";
}

/// <summary>An invitation was made: the new account's id, and what went wrong sending the e-mail, if anything did.</summary>
/// <param name="UserId">The new account's id.</param>
/// <param name="EmailProblem">Null when the e-mail went; else a sentence for the administrator (the account exists; resend later).</param>
public sealed record Invited(string UserId, string? EmailProblem);

/// <summary>What a link from an account e-mail is worth now.</summary>
public enum AccountLinkState
{
    /// <summary>It works: the form may be shown.</summary>
    Valid,

    /// <summary>It ran out, was used, or a newer one was sent (a token cannot tell these apart).</summary>
    ExpiredOrUsed,

    /// <summary>An invitation whose person has already chosen a password.</summary>
    AlreadyAccepted,

    /// <summary>No such account (e.g. the invitation was cancelled), or the link is not one of ours.</summary>
    NotFound,
}
