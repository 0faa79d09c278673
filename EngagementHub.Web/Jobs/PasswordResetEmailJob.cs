using EngagementHub.Core.Accounts;
using Hangfire;

namespace EngagementHub.Web.Jobs;

/// <summary>
/// Sends a "forgot password" link in the background, so the form answers at once and alike for every address (see
/// <see cref="PasswordService.RequestResetAsync"/>). Takes the address as typed, never a user id: the form must not look
/// anyone up. A retry sends a fresh link; any unused one of the same account works until the password changes.
/// </summary>
public sealed class PasswordResetEmailJob(PasswordService passwords)
{
    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(string email, CancellationToken cancellationToken) => passwords.RequestResetAsync(email, cancellationToken);
}

/// <summary>The "forgot password" queue as Hangfire jobs: one <see cref="PasswordResetEmailJob"/> per request.</summary>
public sealed class HangfirePasswordResetQueue(IBackgroundJobClient jobs) : IPasswordResetQueue
{
    public void Queue(string email) => jobs.Enqueue<PasswordResetEmailJob>(job => job.RunAsync(email, CancellationToken.None));
}
