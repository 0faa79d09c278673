using System.ComponentModel.DataAnnotations;

namespace EngagementHub.Core.Identity;

/// <summary>The "add a user" form. Users never register themselves: an admin creates them.</summary>
public sealed class NewUserInput
{
    [Required(ErrorMessage = "Enter the person's e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.org.")]
    [MaxLength(256)]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter the person's name.")]
    [MaxLength(200, ErrorMessage = "The name can be at most 200 characters.")]
    public string DisplayName { get; set; } = "";

    [Range(1, int.MaxValue, ErrorMessage = "Choose the organisation this person acts for.")]
    public int OrganisationId { get; set; }

    public UserRole Role { get; set; } = UserRole.Viewer;

    [Required(ErrorMessage = "Set a first password; the person can be told it in person.")]
    public string Password { get; set; } = "";
}

/// <summary>The "edit a user" form.</summary>
public sealed class UserInput
{
    [Required(ErrorMessage = "Enter the person's name.")]
    [MaxLength(200, ErrorMessage = "The name can be at most 200 characters.")]
    public string DisplayName { get; set; } = "";

    [Range(1, int.MaxValue, ErrorMessage = "Choose the organisation this person acts for.")]
    public int OrganisationId { get; set; }

    public UserRole Role { get; set; } = UserRole.Viewer;
}

/// <summary>A row of the users page.</summary>
public sealed record UserSummary(
    string Id, string Email, string DisplayName, int OrganisationId, string OrganisationName, UserRole Role,
    bool IsDisabled, bool IsLockedOut, DateTimeOffset? LockedUntil);
