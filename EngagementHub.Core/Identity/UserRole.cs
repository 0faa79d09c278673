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

public static class RoleNames
{
    public const string Admin = nameof(UserRole.Admin);
    public const string Editor = nameof(UserRole.Editor);
    public const string Viewer = nameof(UserRole.Viewer);
}
