using System.Data.Common;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using EngagementHub.Core;
using EngagementHub.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// Makes an app's database fail on demand with the provider's own errors, for a test that cannot make the real fault
/// without root (a full disk, a server gone) or must undo it (a deleted SQLite file cannot be put back under an app
/// holding it open): refusing writes as a full disk does (SQLite's SQLITE_FULL, PostgreSQL's disk_full), or not
/// answering at all. Reads keep working while only writes are refused, so a signed-in person's session still loads.
/// </summary>
public sealed partial class DatabaseFault : DbCommandInterceptor
{
    private volatile Mode _mode;
    private Func<DbCommand, bool> _refused = _ => true;

    private enum Mode
    {
        None,
        RefuseWrites,
        NotAnswering,
    }

    /// <summary>Every INSERT, UPDATE or DELETE fails as on a full disk, until the returned scope is disposed.</summary>
    public IDisposable RefuseWrites() => RefuseWrites(_ => true);

    /// <summary>
    /// The writes <paramref name="refused"/> picks fail as on a full disk, the rest go through: for a failure part-way
    /// through an act of several saves. Until the returned scope is disposed.
    /// </summary>
    public IDisposable RefuseWrites(Func<DbCommand, bool> refused)
    {
        _refused = refused;
        return Set(Mode.RefuseWrites);
    }

    /// <summary>Every command fails as when the database cannot be reached, until the returned scope is disposed.</summary>
    public IDisposable StopAnswering() => Set(Mode.NotAnswering);

    private Scope Set(Mode mode)
    {
        _mode = mode;
        return new Scope(this);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    private void Check(DbCommand command)
    {
        var sqlite = command is SqliteCommand;
        switch (_mode)
        {
            case Mode.NotAnswering:
                throw sqlite
                    ? new SqliteException("SQLite Error 10: 'disk I/O error'.", 10)
                    : new NpgsqlException("Failed to connect to the database server", new SocketException((int)SocketError.ConnectionRefused));
            case Mode.RefuseWrites when WritePattern().IsMatch(command.CommandText) && _refused(command):
                throw sqlite
                    ? new SqliteException("SQLite Error 13: 'database or disk is full'.", 13)
                    : new PostgresException("could not extend file: No space left on device", "ERROR", "ERROR", PostgresErrorCodes.DiskFull);
        }
    }

    [GeneratedRegex(@"^\s*(INSERT|UPDATE|DELETE)\b", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex WritePattern();

    private sealed class Scope(DatabaseFault fault) : IDisposable
    {
        public void Dispose() => fault._mode = Mode.None;
    }
}

/// <summary>
/// The demo app with a <see cref="DatabaseFault"/> on its database and its log kept (<see cref="Logs"/>), shared by the
/// tests of a class (a class fixture): each test switches the fault on for the requests it means to fail.
/// </summary>
public class FaultyDatabaseApp(DatabaseProvider provider) : EngagementHubAppFactory(provider)
{
    public DatabaseFault Fault { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.ConfigureDbContext<EngagementHubDbContext>((_, options) => options.AddInterceptors(Fault), ServiceLifetime.Singleton);
        });
    }
}

public sealed class SqliteFaultyDatabaseApp() : FaultyDatabaseApp(DatabaseProvider.Sqlite);

public sealed class PostgreSqlFaultyDatabaseApp() : FaultyDatabaseApp(DatabaseProvider.PostgreSql);
