using System.Globalization;
using Microsoft.Data.Sqlite;

namespace EngagementHub.Core.Data;

/// <summary>
/// Keeps a start-up from silently making a new, empty SQLite database where one existed: a deleted file, or a data
/// volume that did not mount, would otherwise look like a first start and the partnership would find everything gone.
/// The first start leaves a marker file beside the database (<c>engagementhub.db.created</c>); a later start that finds
/// the marker, or backups, but no database refuses to start and says what to do.
/// </summary>
public static class SqliteDatabaseFile
{
    public const string MarkerSuffix = ".created";

    /// <summary>The database file a SQLite connection string names, or null for an in-memory database.</summary>
    public static string? PathOf(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" ? null : Path.GetFullPath(source);
    }

    /// <summary>
    /// Refuses to start on a missing or empty database file where one existed, checked before anything opens (and so
    /// creates) the file.
    /// </summary>
    /// <param name="connectionString">The SQLite connection string; an in-memory database is never checked.</param>
    /// <param name="backupDirectory">Where nightly backups go (null: the default "backups" folder beside the database).</param>
    /// <exception cref="StartRefusedException">The database is missing or empty although one existed here.</exception>
    public static void EnsureNotLost(string connectionString, string? backupDirectory)
    {
        if (PathOf(connectionString) is not { } path || (File.Exists(path) && new FileInfo(path).Length > 0))
        {
            return;
        }

        var marker = path + MarkerSuffix;
        var backups = backupDirectory ?? Path.Combine(Path.GetDirectoryName(path)!, "backups");
        var newestBackup = Directory.Exists(backups)
            ? Directory.GetFiles(backups, "*.db").OrderDescending().FirstOrDefault()
            : null;
        if (!File.Exists(marker) && newestBackup is null)
        {
            return; // A first start: nothing says a database was ever here.
        }

        throw new StartRefusedException(
            $"The database file {path} is missing or empty, but "
            + (File.Exists(marker) ? $"{marker} shows one was created here" : "backups of one exist")
            + (newestBackup is null ? "" : $" (newest backup: {newestBackup})")
            + ". The app will not start on a new, empty database in its place. If the file is on a volume that did not "
            + "mount, mount it; otherwise restore the newest backup to that path (stop the app, copy the backup file there). "
            + $"To start afresh on purpose, delete {marker}.");
    }

    /// <summary>
    /// EF Core serialises migrations with a row in <c>__EFMigrationsLock</c>; a process stopped in the middle of migrating
    /// (killed, or the machine lost power) leaves the row behind, and every later start would wait for it forever. A
    /// SQLite database belongs to one app on one machine, so a row found before this start migrates is always such a
    /// leftover: it is removed.
    /// </summary>
    /// <returns>When the abandoned lock was taken (as EF recorded it), or null when there was none.</returns>
    public static string? ClearAbandonedMigrationLock(string connectionString)
    {
        if (PathOf(connectionString) is not { } path || !File.Exists(path))
        {
            return null;
        }

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var find = connection.CreateCommand();
        find.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'";
        if (find.ExecuteScalar() is null)
        {
            return null;
        }

        using var read = connection.CreateCommand();
        read.CommandText = "SELECT \"Timestamp\" FROM \"__EFMigrationsLock\" LIMIT 1";
        if (read.ExecuteScalar() is not string takenAt)
        {
            return null;
        }

        using var clear = connection.CreateCommand();
        clear.CommandText = "DELETE FROM \"__EFMigrationsLock\"";
        clear.ExecuteNonQuery();
        return takenAt;
    }

    /// <summary>After a successful start: records that a database exists here, if not yet recorded.</summary>
    public static void MarkCreated(string connectionString, DateTimeOffset now)
    {
        if (PathOf(connectionString) is { } path && !File.Exists(path + MarkerSuffix))
        {
            File.WriteAllText(path + MarkerSuffix,
                $"EngagementHub created its database here at {now.ToString("O", CultureInfo.InvariantCulture)}.\n"
                + "While this file exists the app refuses to start without the database beside it (a deleted file or an\n"
                + "unmounted volume must not look like a first start). Delete it only to start afresh on purpose.\n");
        }
    }
}
