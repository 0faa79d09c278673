using EngagementHub.Core.Maintenance;
using Hangfire;

namespace EngagementHub.Web.Jobs;

/// <summary>Nightly integrity check and backup of the embedded database. Thin: the work is Core's.</summary>
public sealed class DatabaseBackupJob(DatabaseBackup backup)
{
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var result = await backup.RunAsync(cancellationToken);
        return result.Path is null ? result.Message : $"{result.Message} {result.Path} ({result.Bytes:N0} bytes)";
    }
}
