namespace EngagementHub.Core.Accounts;

/// <summary>
/// Where a "forgot password" request is handed over to be handled in the background (by
/// <see cref="PasswordService.RequestResetAsync"/>), so the form answers at once and alike for every address. The
/// web app queues it with Hangfire; pages only see this port.
/// </summary>
public interface IPasswordResetQueue
{
    /// <summary>Queues the request for the address as typed (never a user id: the form must not look anyone up).</summary>
    void Queue(string email);
}
