namespace EngagementHub.Core;

/// <summary>The "EngagementHub" configuration section.</summary>
public sealed class EngagementHubOptions
{
    public const string Section = "EngagementHub";

    public DatabaseOptions Database { get; set; } = new();

    /// <summary>
    /// Seed the demo partnership and demo accounts into an empty database. False unless configured: only
    /// appsettings.Development.json turns it on. Refused together with a bootstrap administrator.
    /// </summary>
    public bool DemoData { get; set; }

    public BootstrapAdminOptions Bootstrap { get; set; } = new();

    public BackupOptions Backup { get; set; } = new();

    public SignInLimitOptions SignIn { get; set; } = new();

    public KeyProtectionOptions DataProtection { get; set; } = new();

    public AccountOptions Accounts { get; set; } = new();

    /// <summary>
    /// The partnership's place name, e.g. "Birmingham": calendar programs show the feed as "Birmingham partnership
    /// timetable", and the public pages are headed "Birmingham partnership". Empty: "EngagementHub partnership
    /// timetable" and "EngagementHub partnership".
    /// </summary>
    public string? PartnershipName { get; set; }

    /// <summary>The public pages' settings (the accessibility statement's contact).</summary>
    public Public.PublicSiteOptions PublicSite { get; set; } = new();

    /// <summary>The LINk's work programme (how soon the referrer of an issue must be told the panel's decision).</summary>
    public WorkProgramme.WorkProgrammeOptions WorkProgramme { get; set; } = new();

    /// <summary>
    /// The address people reach the app at, e.g. "https://engage.example.org.uk", for links that leave the app (calendar
    /// feed URLs and the links back in each event). Empty: the address of the request, which is right unless a proxy
    /// in front of the app changes the scheme or host.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// The app is reached only through a reverse proxy that ends TLS: trust its X-Forwarded-Proto and X-Forwarded-For,
    /// so HTTPS is recognised (Secure cookies, HSTS, no redirect loop) and logs show the browser's address. Off by
    /// default: with it on, anyone who can reach the app directly could claim any address.
    /// </summary>
    public bool TrustForwardedHeaders { get; set; }

    /// <summary>
    /// When <see cref="PublicBaseUrl"/> is empty: the host names (optionally with ":port") whose requests may supply the
    /// address for links in calendar feeds. A request under any other Host header gets links to the first of these;
    /// with none configured, only loopback hosts (localhost, 127.0.0.1, [::1]) are trusted and other requests get feeds
    /// without links, so a spoofed Host header can never put an address of its own into a feed.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// SQLite only: below this much free space (megabytes) on the disk holding the database, <c>/health</c> reports the
    /// app unhealthy, so monitoring hears of a filling disk before saves start failing. Reads keep working on a full
    /// disk, so a query alone would not notice.
    /// </summary>
    public int MinimumFreeMegabytes { get; set; } = 100;

    /// <summary>
    /// The deployer says this start is the deployment's first (ADR 24). Only then does a start set up an empty PostgreSQL
    /// database as a new deployment, or give a database whose deployment identity row was deleted a new identity (a copy
    /// meant to run beside the original); otherwise both are refused, because a dropped and recreated database, a restore
    /// that did not happen or a connection string naming the wrong database look exactly like a first start. False
    /// unless configured: appsettings.Development.json turns it on so that <c>dotnet run</c> starts on any fresh
    /// database. SQLite's first start needs no setting (its marker file, <see cref="Data.SqliteDatabaseFile"/>).
    /// </summary>
    public bool FirstStart { get; set; }
}

/// <summary>
/// The first administrator of a real (non-demo) deployment, created at start-up when no administrator exists yet.
/// Remove the password from configuration once they have signed in and changed it.
/// </summary>
public sealed class BootstrapAdminOptions
{
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    public string AdminName { get; set; } = "Administrator";

    /// <summary>The organisation the first admin belongs to; created (as a LINk) if it does not exist.</summary>
    public string? OrganisationName { get; set; }
}

/// <summary>How many sign-in attempts one network address may make (OWASP ASVS 5.0 V6.3: resist password spraying).</summary>
public sealed class SignInLimitOptions
{
    /// <summary>
    /// Sign-in attempts (right or wrong) per address in any ten minutes. Generous, because an office or a council's
    /// network may put hundreds of people behind one address; wrong passwords for one account are stopped far sooner.
    /// </summary>
    public int AttemptsPerAddress { get; set; } = 60;
}

/// <summary>
/// How the data-protection keys (which sign the sign-in and antiforgery cookies) are protected where they are stored, in
/// the application database. Without a certificate they are stored as plain XML, so anyone holding a copy of the
/// database or a backup could forge a sign-in cookie; with one, each new key is encrypted with it and can be read only
/// where the certificate is installed (every node needs the same certificate).
/// </summary>
public sealed class KeyProtectionOptions
{
    /// <summary>A PKCS#12 (.pfx) file with the certificate and its private key. Empty: keys are stored unencrypted.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The .pfx file's password, if it has one. Put it in an environment variable or a secret store, not a file.</summary>
    public string? CertificatePassword { get; set; }
}

/// <summary>How long the links in account e-mails work (each works once: using it changes the account's security stamp).</summary>
public sealed class AccountOptions
{
    /// <summary>An invitation link; default 7 days, long enough to reach someone back from a week's leave.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A "forgot password" link; default 1 hour: the person asked for it just now (OWASP's forgot-password advice).</summary>
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromHours(1);
}

public sealed class BackupOptions
{
    /// <summary>Where nightly SQLite backups go; default: a "backups" folder beside the database file.</summary>
    public string? Directory { get; set; }

    /// <summary>
    /// How many backups to keep; older ones are deleted after a successful backup. The one just made is always kept, so
    /// 0 or less keeps one.
    /// </summary>
    public int Keep { get; set; } = 7;
}
