using System.Globalization;
using EngagementHub.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EngagementHub.Core.Maintenance;

public sealed record BackupResult(bool Performed, string Message, string? Path = null, long Bytes = 0);

/// <summary>
/// The nightly safety net of the embedded deployment: checks the SQLite file's integrity, then writes a consistent copy
/// with <c>VACUUM INTO</c> (safe while the app is running) and keeps the last few. A failed check throws, so the job
/// shows as failed and is retried instead of quietly copying a damaged file over good backups.
/// On PostgreSQL, backups are the database server's job (see the deployment docs), and this does nothing.
/// </summary>
public sealed class DatabaseBackup(
    IDbContextFactory<EngagementHubDbContext> dbFactory,
    TimeProvider clock,
    IOptions<EngagementHubOptions> options,
    ILogger<DatabaseBackup> logger)
{
    /// <summary>How every backup file's name begins, before its UTC time stamp: "engagementhub-20261130T020000Z.db".</summary>
    public const string FilePrefix = "engagementhub-";

    /// <summary>
    /// Checks the SQLite database, copies it into the backup folder and deletes the oldest copies beyond
    /// <see cref="BackupOptions.Keep"/> (at least the new one is kept). Runs as the system (nightly job); refuses nobody.
    /// </summary>
    /// <returns>What was made (path and size in bytes), or why nothing was (PostgreSQL, an in-memory database).</returns>
    /// <exception cref="InvalidOperationException">The database failed its integrity check; no backup was made and the old ones stay.</exception>
    public async Task<BackupResult> RunAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!db.Database.IsSqlite())
        {
            return new BackupResult(false, "Backups of a database server are made by the server's own tools.");
        }

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var source = connection.DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:")
        {
            return new BackupResult(false, "An in-memory database has nothing to back up.");
        }

        await db.Database.OpenConnectionAsync(ct);
        await using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check";
            var verdict = (string?)await check.ExecuteScalarAsync(ct);
            if (verdict != "ok")
            {
                logger.LogError("SQLite integrity check failed for {Database}: {Verdict}", source, verdict);
                throw new InvalidOperationException($"The database failed its integrity check ({verdict}); no backup was made.");
            }
        }

        var directory = options.Value.Backup.Directory ?? System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(source))!, "backups");
        Directory.CreateDirectory(directory);
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var target = System.IO.Path.Combine(directory, $"{FilePrefix}{stamp}.db");
        if (File.Exists(target))
        {
            File.Delete(target); // VACUUM INTO refuses to overwrite; a rerun in the same second replaces its own copy.
        }

        await using (var vacuum = connection.CreateCommand())
        {
            vacuum.CommandText = "VACUUM INTO $target";
            vacuum.Parameters.AddWithValue("$target", target);
            await vacuum.ExecuteNonQueryAsync(ct);
        }

        foreach (var old in Directory.GetFiles(directory, $"{FilePrefix}*.db").OrderDescending().Skip(Math.Max(1, options.Value.Backup.Keep)))
        {
            File.Delete(old);
        }

        var bytes = new FileInfo(target).Length;
        logger.LogInformation("Backed up {Database} to {Target} ({Bytes} bytes)", source, target, bytes);
        return new BackupResult(true, "Integrity check passed; backup written.", target, bytes);
    }
}
