using Microsoft.AspNetCore.Identity;

namespace EngagementHub.Core.Identity;

/// <summary>A person who signs in. They belong to one organisation and act for it with one role.</summary>
public class ApplicationUser : IdentityUser
{
    /// <summary>The longest name shown to others, in characters (the column's length and the forms' limit).</summary>
    public const int DisplayNameMaxLength = 200;

    /// <summary>The longest e-mail address, in characters: Identity's own column length for it (and the user name).</summary>
    public const int EmailMaxLength = 256;

    /// <returns>
    /// The version of what an administrator edits (name, organisation and role), which the edit form sends back so a save
    /// over someone else's newer edit is refused. Derived from those values rather than Identity's concurrency stamp,
    /// which also changes when the person signs in or mistypes their password: neither is an edit an administrator has
    /// missed. A hash of the values, lengths first so no name can make two different sets read the same.
    /// </returns>
    public static Guid AdministeredVersion(string displayName, int organisationId, UserRole role) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{displayName.Length}:{displayName}|{organisationId}|{(int)role}"))).AsSpan(0, 16));

    public string DisplayName { get; set; } = "";
    /// <summary>The organisation the person belongs to and acts for (<c>Organisations/Organisation</c>).</summary>
    public int OrganisationId { get; set; }
    public UserRole Role { get; set; } = UserRole.Viewer;

    /// <summary>A disabled user cannot sign in, and loses an existing session at the next revalidation.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
