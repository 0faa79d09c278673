using EngagementHub.Core.Organisations;
using Microsoft.AspNetCore.Identity;

namespace EngagementHub.Core.Identity;

/// <summary>A person who signs in. They belong to one organisation and act for it with one role.</summary>
public class ApplicationUser : IdentityUser
{
    /// <summary>The longest name shown to others, in characters (the column's length and the forms' limit).</summary>
    public const int DisplayNameMaxLength = 200;

    /// <summary>The longest e-mail address, in characters: Identity's own column length for it (and the user name).</summary>
    public const int EmailMaxLength = 256;

    public string DisplayName { get; set; } = "";
    public int OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public UserRole Role { get; set; } = UserRole.Viewer;

    /// <summary>A disabled user cannot sign in, and loses an existing session at the next revalidation.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
