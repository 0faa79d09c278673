namespace EngagementHub.Core.Identity;

/// <summary>The account-wide lockout (ASP.NET Core Identity's), for guessing spread across many addresses.</summary>
public static class AccountLockout
{
    /// <summary>
    /// Wrong passwords from anywhere, with no success between, before the account is locked for 15 minutes. High, because
    /// anyone can cause it: guessing from one address is stopped far sooner, for that address only (the web app's
    /// sign-in throttle). It never refuses a browser the person signed in from before (the web app's device cookie), so
    /// nobody outside can keep a person locked out of their own account.
    /// </summary>
    public const int MaxFailedAccessAttempts = 50;
}
