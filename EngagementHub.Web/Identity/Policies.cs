namespace EngagementHub.Web.Identity;

public static class Policies
{
    /// <summary>Administrators only: organisation and user administration, the jobs dashboard.</summary>
    public const string Admin = "Admin";
}
