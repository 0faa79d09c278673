using EngagementHub.Core;
using EngagementHub.Core.Maintenance;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Data;

public sealed class DatabaseBackupTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _backups = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _backups = Path.Combine(_database.Directory, "nightly");
        await using var db = _database.CreateContext();
        db.Organisations.AddRange(
            new Organisation("Birmingham LINk", OrganisationKind.Link),
            new Organisation("Care Quality Commission", OrganisationKind.Regulator),
            new Organisation("Be Birmingham", OrganisationKind.Partnership));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task RunAsync_PostgreSql_LeavesBackupsToTheServersTools()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        await using var services = CoreServices.Build(database, configure: o => o.Backup.Directory = _backups);

        var result = await services.GetRequiredService<DatabaseBackup>().RunAsync();

        Assert.False(result.Performed);
        Assert.False(Directory.Exists(_backups));
    }

    [Fact]
    public async Task RunAsync_RealFile_WritesIntactCopyIntoConfiguredDirectory()
    {
        await using var services = CoreServices.Build(_database, configure: o => o.Backup.Directory = _backups);

        var result = await services.GetRequiredService<DatabaseBackup>().RunAsync();

        Assert.True(result.Performed, result.Message);
        Assert.Equal(_backups, Path.GetDirectoryName(result.Path));
        Assert.Equal("engagementhub-20261001T090000Z.db", Path.GetFileName(result.Path));
        Assert.Equal(new FileInfo(result.Path!).Length, result.Bytes);
        await using var copy = new SqliteConnection($"Data Source={result.Path};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync();
        Assert.Equal("ok", await ScalarAsync(copy, "PRAGMA integrity_check"));
        Assert.Equal(3L, await ScalarAsync(copy, "SELECT COUNT(*) FROM Organisations"));
    }

    [Fact]
    public async Task RunAsync_SeveralNights_KeepsOnlyTheNewest()
    {
        await using var services = CoreServices.Build(_database, configure: o =>
        {
            o.Backup.Directory = _backups;
            o.Backup.Keep = 2;
        });
        var backup = services.GetRequiredService<DatabaseBackup>();
        var written = new List<string>();

        for (var night = 0; night < 4; night++)
        {
            written.Add(Path.GetFileName((await backup.RunAsync()).Path!));
            _database.Clock.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal(written.TakeLast(2), Directory.GetFiles(_backups).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task RunAsync_NoDirectoryConfigured_WritesBesideTheDatabase()
    {
        await using var services = CoreServices.Build(_database);

        var result = await services.GetRequiredService<DatabaseBackup>().RunAsync();

        Assert.Equal(Path.Combine(_database.Directory, "backups"), Path.GetDirectoryName(result.Path));
        Assert.True(File.Exists(result.Path));
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
