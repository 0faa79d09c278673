namespace EngagementHub.Core.Identity;

/// <summary>What a person may do. Each user has exactly one role, within one organisation.</summary>
public enum UserRole
{
    /// <summary>Reads the shared plan.</summary>
    Viewer,
    /// <summary>Acts for their own organisation.</summary>
    Editor,
    /// <summary>Acts for their own organisation and manages organisations and users.</summary>
    Admin,
}

/// <summary>A role in words, as the users list, the role picker, a person's account page and the history show it.</summary>
public static class UserRoleTerms
{
    /// <returns>"Viewer", "Editor" or "Administrator" (the word the app's pages use for the role).</returns>
    public static string Label(this UserRole role) => role switch
    {
        UserRole.Admin => "Administrator",
        UserRole.Editor => "Editor",
        _ => "Viewer",
    };
}

/// <summary>The roles' names as the authorisation policies and claims carry them (code, not words).</summary>
public static class RoleNames
{
    public const string Admin = nameof(UserRole.Admin);
    public const string Editor = nameof(UserRole.Editor);
    public const string Viewer = nameof(UserRole.Viewer);
}
