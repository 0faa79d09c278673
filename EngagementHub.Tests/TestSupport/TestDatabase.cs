using EngagementHub.Core;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Notifications;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// A real database of its own for one test: a temporary SQLite file, or a fresh database on the PostgreSQL server
/// ./test.sh starts (named by <see cref="PostgresVariable"/>). <see cref="CreateAsync(DatabaseProvider)"/> applies the committed migrations
/// of the provider. Deleted (dropped) on dispose, except a PostgreSQL copy of a template, which is put back as the template
/// was and given to the next test that asks for one (<see cref="CopyOf"/>).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>The connection string of a PostgreSQL server where the tests may create and drop databases.</summary>
    public const string PostgresVariable = "ENGAGEMENTHUB_TEST_POSTGRES";

    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "engagementhub-tests", Guid.NewGuid().ToString("N"));
    private readonly string? _postgresServer;
    private readonly string? _postgresName;

    /// <summary>An empty database: no schema at all until something migrates it.</summary>
    public TestDatabase(DatabaseProvider provider = DatabaseProvider.Sqlite)
        : this(provider, template: null)
    {
    }

    /// <summary>
    /// A PostgreSQL copy of <paramref name="template"/> taken from its pool of copies (<see cref="CopyOf"/>): one a
    /// finished test gave back and <see cref="TryResetPooledCopy"/> put back as the template was.
    /// </summary>
    private TestDatabase(TestDatabase template, string pooledName)
    {
        Provider = DatabaseProvider.PostgreSql;
        System.IO.Directory.CreateDirectory(_directory);
        _postgresServer = template._postgresServer;
        _postgresName = pooledName;
        _pooledFrom = template;
        ConnectionString = new NpgsqlConnectionStringBuilder(_postgresServer) { Database = _postgresName }.ConnectionString;
    }

    /// <summary>An empty database, or a copy of <paramref name="template"/> (same provider) when one is given.</summary>
    private TestDatabase(DatabaseProvider provider, TestDatabase? template)
    {
        Provider = provider;
        System.IO.Directory.CreateDirectory(_directory);
        if (provider == DatabaseProvider.Sqlite)
        {
            // Pooled, as the app's own connections are (Microsoft.Data.Sqlite's default): a connection opened afresh reads
            // and parses the whole schema, which every test paid at each save when these were not pooled (about a fifth
            // of the SQLite classes' CPU). Written as the app writes it (HostingExtensions), so both share one pool.
            ConnectionString = new SqliteConnectionStringBuilder { DataSource = System.IO.Path.Combine(_directory, "engagementhub.db") }.ToString();
            if (template is not null)
            {
                File.Copy(template.Path, Path);
            }

            return;
        }

        _postgresServer = PostgresServer();
        _postgresName = "engagementhub_test_" + Guid.NewGuid().ToString("N");
        Execute(_postgresServer, CreateStatement(_postgresName, template));
        ConnectionString = new NpgsqlConnectionStringBuilder(_postgresServer) { Database = _postgresName }.ConnectionString;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The SQLite file (SQLite only).</summary>
    public string Path => Provider == DatabaseProvider.Sqlite
        ? System.IO.Path.Combine(_directory, "engagementhub.db")
        : throw new InvalidOperationException("A PostgreSQL test database has no file.");

    /// <summary>A temporary folder of the test's own (backups, mail pickup, received e-mail), for either provider.</summary>
    public string Directory => _directory;

    public string ConnectionString { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));

    public DbContextOptions<EngagementHubDbContext> Options => OptionsFor(Provider, ConnectionString, Clock);

    /// <summary>The options a test's own contexts use: the app's provider set-up and its audit, on <paramref name="clock"/>.</summary>
    internal static DbContextOptions<EngagementHubDbContext> OptionsFor(DatabaseProvider provider, string connectionString, TimeProvider clock) =>
        new DbContextOptionsBuilder<EngagementHubDbContext>()
            .UseEngagementHubDatabase(provider, connectionString)
            .AddInterceptors(new AuditInterceptor(clock))
            .Options;

    public EngagementHubDbContext CreateContext() => new(Options);

    public IDbContextFactory<EngagementHubDbContext> Factory => new TestDbContextFactory(this);

    /// <summary>
    /// Waits until <paramref name="step"/> waits for a row another transaction holds (PostgreSQL's own view of its
    /// sessions), or has finished, at most <see cref="RaceGate.Patience"/>. On SQLite, one writer at a time, a second writer
    /// waits for the first whenever it comes: nothing to wait for.
    /// </summary>
    public async Task WaitingForALockAsync(Task step)
    {
        if (Provider != DatabaseProvider.PostgreSql)
        {
            return;
        }

        await using var db = CreateContext();
        var until = DateTime.UtcNow + RaceGate.Patience;
        while (!step.IsCompleted && DateTime.UtcNow < until
               && await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").SingleAsync() == 0)
        {
            await Task.Yield();
        }
    }

    /// <summary>Notification preferences on this database, with unsubscribe links signed by keys that live as long as the test.</summary>
    public NotificationPreferences Preferences() => new(Factory, _protection, Clock);

    private readonly Microsoft.AspNetCore.DataProtection.IDataProtectionProvider _protection = new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider();

    /// <summary>
    /// A database with the provider's committed migrations applied and the shipped bank holidays of England and Wales
    /// (<see cref="BankHolidayCalendar.EnsureSeededAsync"/>), which every start of the app adds to a database without them:
    /// working days count as in any deployment. Nothing else is seeded.
    /// </summary>
    /// <remarks>
    /// A copy of one database migrated and seeded once per test run and provider: copying a small database (a file, or
    /// PostgreSQL's CREATE DATABASE ... TEMPLATE) is a fraction of migrating one, and seeding the holidays (about 220
    /// rows and their audit entries) in each test that counts working days cost about 11 core-seconds a run.
    /// </remarks>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite) =>
        CopyOf(await TemplateAsync(provider, "migrated, bank holidays", MigrateWithHolidaysAsync));

    /// <summary>
    /// A copy of a template holding what <see cref="CreateAsync(DatabaseProvider)"/> holds and what <paramref name="seed"/>
    /// adds to it, seeded once per test run and provider: for a test class whose tests all start from the same records
    /// (organisations, people, rules). <paramref name="key"/> names that content, e.g. the class; the seed sets the
    /// template's clock first when the records' times matter, as the test would have set its own.
    /// </summary>
    public static async Task<TestDatabase> CreateSeededAsync(DatabaseProvider provider, string key, Func<TestDatabase, Task> seed) =>
        CopyOf(await TemplateAsync(provider, "migrated, bank holidays, " + key, async template =>
        {
            await MigrateWithHolidaysAsync(template);
            await seed(template);
        }));

    private static async Task MigrateWithHolidaysAsync(TestDatabase template)
    {
        await using var db = template.CreateContext();
        await db.Database.MigrateAsync();
        await BankHolidayCalendar.EnsureSeededAsync(db);
    }

    /// <summary>
    /// A copy of the template of this test run for <paramref name="provider"/> and <paramref name="key"/>, which
    /// <paramref name="build"/> fills from empty the first time it is asked for (see <see cref="TemplateAsync"/>).
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, string key, Func<TestDatabase, Task> build) =>
        CopyOf(await TemplateAsync(provider, key, build));

    /// <summary>
    /// A copy of <paramref name="template"/> for one test. SQLite: a copy of its file. PostgreSQL: a database from the
    /// template's pool of copies when one is free, else a new copy made ready to be pooled (<see cref="PoolSetUp"/>).
    /// </summary>
    private static TestDatabase CopyOf(TestDatabase template)
    {
        if (template.Provider == DatabaseProvider.Sqlite)
        {
            return new(template.Provider, template);
        }

        if (template._freeCopies.TryTake(out var name))
        {
            return new(template, name);
        }

        var copy = new TestDatabase(template.Provider, template);
        using (var connection = new NpgsqlConnection(copy.ConnectionString))
        {
            connection.Open();
            using var setUp = new NpgsqlCommand(PoolSetUp, connection);
            setUp.ExecuteNonQuery();
        }

        copy._pooledFrom = template;
        // Dropped when the test run ends, as templates are; ./test.sh throws the whole server away in any case.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Execute(copy._postgresServer!, $"DROP DATABASE IF EXISTS \"{copy._postgresName}\" WITH (FORCE)");
        return copy;
    }

    /// <summary>
    /// The template of this test run for <paramref name="provider"/> and <paramref name="key"/>: an empty database that
    /// <paramref name="build"/> filled, the first time it was asked for. Callers wanting the same content must use the
    /// same key; the key must say everything the content depends on. Nothing connects to a template after it is built
    /// (PostgreSQL copies a database only while nobody is connected to it); it is dropped when the test run ends.
    /// </summary>
    /// <exception cref="Exception">Whatever <paramref name="build"/> threw; the next caller builds afresh.</exception>
    internal static async Task<TestDatabase> TemplateAsync(DatabaseProvider provider, string key, Func<TestDatabase, Task> build)
    {
        var lazy = Templates.GetOrAdd((provider, key), _ => new(() => BuildTemplateAsync(provider, build)));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            Templates.TryRemove(new((provider, key), lazy));
            throw;
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(DatabaseProvider, string), Lazy<Task<TestDatabase>>> Templates = new();

    private static async Task<TestDatabase> BuildTemplateAsync(DatabaseProvider provider, Func<TestDatabase, Task> build)
    {
        var template = new TestDatabase(provider);
        try
        {
            await build(template);
            // SQLite: EF Core creates its databases in WAL mode, so until the last connection closes recent writes are in
            // the -wal file beside the database, which a copy of the file alone would leave out. PostgreSQL: idle
            // sessions (the app's, Hangfire's) would stop it copying the database.
            template.ClosePooledConnections();
            if (provider == DatabaseProvider.PostgreSql)
            {
                Execute(template._postgresServer!,
                    $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{template._postgresName}' AND pid <> pg_backend_pid()");
            }
        }
        catch
        {
            await template.DisposeAsync();
            throw;
        }

        // Dropped when the test run ends; ./test.sh throws the whole server away in any case.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return template;
    }

    /// <summary>
    /// Replaces this database with a copy of <paramref name="template"/>, before anything has used it (a SQLite file not
    /// yet created, a PostgreSQL database with no tables).
    /// </summary>
    /// <returns>False, changing nothing, when the database is already in use.</returns>
    internal bool TryCopyFrom(TestDatabase template)
    {
        if (Provider != template.Provider)
        {
            throw new ArgumentException($"A {template.Provider} template cannot fill a {Provider} database.", nameof(template));
        }

        if (Provider == DatabaseProvider.Sqlite)
        {
            if (File.Exists(Path))
            {
                return false;
            }

            File.Copy(template.Path, Path);
            return true;
        }

        using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString))
        {
            connection.Open();
            using var tables = new NpgsqlCommand(
                "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')", connection);
            if (Convert.ToInt64(tables.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                return false;
            }
        }

        Execute(_postgresServer!, $"DROP DATABASE \"{_postgresName}\" WITH (FORCE)");
        Execute(_postgresServer!, CreateStatement(_postgresName!, template));
        return true;
    }

    private static string CreateStatement(string name, TestDatabase? template) => template is null
        ? $"CREATE DATABASE \"{name}\""
        : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template._postgresName}\" STRATEGY FILE_COPY";

    /// <summary>Makes the database unusable while an app is running on it: a SQLite file overwritten, a PostgreSQL database dropped.</summary>
    public async Task BreakAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            // The idle pooled connections go first, as PostgreSQL's FORCE ends the sessions: the app's next connection
            // opens the broken file rather than one still reading the database as it was.
            ClosePooledConnections();
            await File.WriteAllTextAsync(Path, "this is not a SQLite database");
            return;
        }

        Execute(_postgresServer!, $"DROP DATABASE \"{_postgresName}\" WITH (FORCE)");
    }

    /// <summary>
    /// Makes the PostgreSQL database refuse writes while still answering reads, as a managed server does when its storage
    /// is full (a full disk cannot be made in a test): every new session's transactions are read-only, and this process's
    /// idle pooled sessions, which kept the old default, are closed.
    /// </summary>
    public void RefuseWrites()
    {
        if (Provider != DatabaseProvider.PostgreSql)
        {
            throw new NotSupportedException("Only a PostgreSQL test database can be made read-only from outside (tests run as root, who can write any file).");
        }

        Execute(_postgresServer!, $"ALTER DATABASE \"{_postgresName}\" SET default_transaction_read_only = on");
        ClosePooledConnections();
    }

    /// <summary>
    /// Undoes <see cref="RefuseWrites"/>, so that an app on the database can stop as usual: new sessions write again, this
    /// process's idle pooled sessions are closed, and the sessions still open from before (held by the app's job server)
    /// are ended, as a server restarted once its storage is freed would end them.
    /// </summary>
    /// <remarks>
    /// A session keeps the read-only default it started with for its whole life. Hangfire's expiration manager holds one
    /// while it tries to take its distributed lock, and on a read-only session it retries at once, again and again: the
    /// app's stop then waited the job server's whole 15-second shutdown timeout with a core busy, in about half the runs.
    /// Ended, that session is replaced by a new, writable one.
    /// </remarks>
    public void AcceptWrites()
    {
        using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_postgresServer) { Pooling = false }.ConnectionString);
        server.Open();
        using var now = new NpgsqlCommand("SELECT clock_timestamp()", server);
        var readOnlyUntil = (DateTime)now.ExecuteScalar()!;
        using var writable = new NpgsqlCommand($"ALTER DATABASE \"{_postgresName}\" SET default_transaction_read_only = off", server);
        writable.ExecuteNonQuery();
        ClosePooledConnections();

        // The sessions that started before the default changed back, the read-only ones among them.
        using var end = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND backend_start < @until", server);
        end.Parameters.AddWithValue("name", _postgresName!);
        end.Parameters.AddWithValue("until", readOnlyUntil);
        end.ExecuteNonQuery();
    }

    public ValueTask DisposeAsync()
    {
        if (_pooledFrom is not null && TryResetPooledCopy())
        {
            _pooledFrom._freeCopies.Add(_postgresName!);
            DeleteDirectory();
            return ValueTask.CompletedTask;
        }

        ClosePooledConnections();
        if (_postgresServer is not null)
        {
            // FORCE ends sessions a finished test host may still hold (its pooled connections, Hangfire's listener).
            Execute(_postgresServer, $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)");
        }

        DeleteDirectory();
        return ValueTask.CompletedTask;
    }

    private void DeleteDirectory()
    {
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finished test is left to the temp folder's own clean-up.
        }
    }

    /// <summary>
    /// Puts a pooled PostgreSQL copy back as its template was, in one statement (<see cref="PoolSetUp"/>'s
    /// <c>test_pool.reset()</c>), keeping this process's idle connections to it for the next test.
    /// </summary>
    /// <returns>False when the copy cannot be put back: its schema or settings changed, the database is gone, or a
    /// session of the finished test still holds a lock; the caller then drops it.</returns>
    private bool TryResetPooledCopy()
    {
        try
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            connection.Open();
            using var reset = new NpgsqlCommand("SELECT test_pool.reset()", connection);
            return reset.ExecuteScalar() is true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private TestDatabase? _pooledFrom;
    private readonly System.Collections.Concurrent.ConcurrentBag<string> _freeCopies = [];

    /// <summary>
    /// Run once in each new PostgreSQL copy of a template: saves the copy's rows, sequences and a fingerprint of its
    /// schema and settings in the schemas <c>test_pool</c> and <c>test_pool_rows</c>, and adds <c>test_pool.reset()</c>,
    /// which empties every table a test wrote to, restores the saved rows and sequences, and returns true; or, when the
    /// schema, its settings or its other schemas differ from the fingerprint (a test broke or extended the database, or an
    /// app added its job storage), changes nothing and returns false. A reset cost the server about 10 milliseconds,
    /// against about 40 for creating, first connecting to and dropping a database, and the test host keeps its warm
    /// connections. Rows are compared by <c>xmin</c>, so the server must not have wrapped its transaction ids during
    /// the run (a throw-away server never does).
    /// </summary>
    private const string PoolSetUp = """
        CREATE SCHEMA test_pool;
        CREATE SCHEMA test_pool_rows;
        CREATE FUNCTION test_pool.fingerprint() RETURNS text LANGUAGE sql AS $f$
            SELECT md5(coalesce((
                SELECT string_agg(format('%s.%s.%s:%s:%s:%s', n.nspname, c.relname, c.relkind, a.attname, a.atttypid, a.attnotnull), ',' ORDER BY n.nspname, c.relname, a.attnum)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'test_pool', 'test_pool_rows') AND n.nspname NOT LIKE 'pg\_%'), '')
              || coalesce((SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint WHERE connamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace, 'test_pool'::regnamespace, 'test_pool_rows'::regnamespace)), '')
              || coalesce((SELECT string_agg(tgname, ',' ORDER BY tgname) FROM pg_trigger WHERE NOT tgisinternal), '')
              || coalesce((SELECT string_agg(array_to_string(setconfig, ','), ';') FROM pg_db_role_setting WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())), ''))
        $f$;
        CREATE TABLE test_pool.tables (schema_name name, table_name name, row_count bigint);
        DO $d$
        DECLARE t record; n bigint;
        BEGIN
            FOR t IN SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema', 'test_pool', 'test_pool_rows') LOOP
                EXECUTE format('SELECT count(*) FROM %I.%I', t.schemaname, t.tablename) INTO n;
                INSERT INTO test_pool.tables VALUES (t.schemaname, t.tablename, n);
                IF n > 0 THEN
                    EXECUTE format('CREATE TABLE test_pool_rows.%I AS SELECT * FROM %I.%I', t.schemaname || '.' || t.tablename, t.schemaname, t.tablename);
                END IF;
            END LOOP;
        END $d$;
        CREATE TABLE test_pool.sequences AS
            SELECT format('%I.%I', schemaname, sequencename) AS name, last_value FROM pg_sequences WHERE schemaname NOT IN ('test_pool', 'test_pool_rows');
        -- Rows written after this transaction have a later xmin: a table of saved rows with none of them, and its count
        -- unchanged, still holds exactly the saved rows.
        CREATE TABLE test_pool.state AS SELECT txid_current() % 4294967296 AS last_xid;
        CREATE FUNCTION test_pool.reset() RETURNS boolean LANGUAGE plpgsql AS $f$
        DECLARE t record; s record; written boolean; since bigint := (SELECT last_xid FROM test_pool.state);
        BEGIN
            IF test_pool.fingerprint() IS DISTINCT FROM (SELECT value FROM test_pool.saved) THEN
                RETURN false;
            END IF;
            -- What the finished test left running is ended, as dropping the database with FORCE ended it: a late write
            -- must not land in the next test's database. Its idle pooled sessions stay for the next test.
            PERFORM pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle';
            SET LOCAL lock_timeout = '2s';
            SET LOCAL session_replication_role = replica;
            FOR t IN SELECT schema_name, table_name, row_count FROM test_pool.tables LOOP
                IF t.row_count = 0 THEN
                    EXECUTE format('SELECT EXISTS (SELECT FROM %I.%I)', t.schema_name, t.table_name) INTO written;
                ELSE
                    EXECUTE format('SELECT (SELECT count(*) FROM %I.%I) <> %s OR EXISTS (SELECT FROM %I.%I WHERE xmin::text::bigint > %s)',
                        t.schema_name, t.table_name, t.row_count, t.schema_name, t.table_name, since) INTO written;
                END IF;
                IF written THEN
                    EXECUTE format('DELETE FROM %I.%I', t.schema_name, t.table_name);
                    IF t.row_count > 0 THEN
                        EXECUTE format('INSERT INTO %I.%I OVERRIDING SYSTEM VALUE SELECT * FROM test_pool_rows.%I',
                            t.schema_name, t.table_name, t.schema_name || '.' || t.table_name);
                    END IF;
                END IF;
            END LOOP;
            FOR s IN SELECT q.name, q.last_value FROM test_pool.sequences q JOIN pg_sequences p ON format('%I.%I', p.schemaname, p.sequencename) = q.name
                     WHERE p.last_value IS DISTINCT FROM q.last_value LOOP
                IF s.last_value IS NULL THEN PERFORM setval(s.name, 1, false); ELSE PERFORM setval(s.name, s.last_value, true); END IF;
            END LOOP;
            UPDATE test_pool.state SET last_xid = txid_current() % 4294967296;
            RETURN true;
        END
        $f$;
        CREATE TABLE test_pool.saved AS SELECT test_pool.fingerprint() AS value;
        """;

    /// <summary>
    /// The server from the environment. Without it the PostgreSQL variants fail rather than skip: the test command runs
    /// every test, and ./test.sh always provides a server.
    /// </summary>
    private static string PostgresServer() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"This is the PostgreSQL variant of a test and needs a PostgreSQL server. Run ./test.sh, which starts a throw-away one, "
                + $"or set {PostgresVariable} to a connection string for a server where you may create databases "
                + "(e.g. Host=127.0.0.1;Port=5432;Username=postgres).");

    /// <summary>
    /// Closes this process's idle pooled connections to this database, on either provider: the test's and its app's,
    /// which share one pool (the same connection string).
    /// </summary>
    private void ClosePooledConnections()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            using var connection = new SqliteConnection(ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
        else
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    private static void Execute(string connectionString, string sql)
    {
        // The maintenance connection is pooled: a run creates and drops about six hundred databases, and a session of
        // its own for each statement cost the server a new process every time (about a tenth of the PostgreSQL
        // classes' CPU).
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private sealed class TestDbContextFactory(TestDatabase database) : IDbContextFactory<EngagementHubDbContext>
    {
        public EngagementHubDbContext CreateDbContext() => database.CreateContext();
    }
}
