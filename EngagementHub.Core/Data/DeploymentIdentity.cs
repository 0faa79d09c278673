using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Data;

/// <summary>
/// This deployment's own name, the right-hand side of every identifier that leaves the system (calendar UIDs, e-mail
/// Message-IDs), so two deployments never emit the same id for different things and a mail service never drops one
/// deployment's message as a duplicate of another's. One row, created once at first start (under the start-up lock,
/// so every node of a deployment reads the same row) and never changed after, so ids stay stable across restarts,
/// nodes and later changes of address.
/// </summary>
public sealed class DeploymentIdentity
{
    /// <summary>The key of the one row.</summary>
    public const int RowId = 1;

    /// <summary>The longest domain name DNS allows.</summary>
    public const int MaxDomainLength = 253;

    private DeploymentIdentity()
    {
        Domain = "";
    }

    public int Id { get; private set; }

    /// <summary>The configured public host at first start (e.g. "engage.example.org.uk"), else "{16 hex digits}.engagementhub.invalid".</summary>
    public string Domain { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// The domain for a new deployment: the host of <paramref name="publicBaseUrl"/> when it is a DNS name other than a
    /// loopback one, else a random name under the reserved ".invalid" top-level domain (RFC 2606), which no one else can
    /// own and which nothing resolves.
    /// </summary>
    public static string NewDomain(string? publicBaseUrl) =>
        Uri.TryCreate(publicBaseUrl?.Trim(), UriKind.Absolute, out var uri) && uri.HostNameType == UriHostNameType.Dns && !uri.IsLoopback
            ? uri.IdnHost.ToLowerInvariant()
            : $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.engagementhub.invalid";

    /// <summary>
    /// The deployment's domain, creating the row first when it does not exist yet (normally at first start, see
    /// <see cref="DatabaseInitializer"/>). When another node creates it at the same moment, that node's row is read back.
    /// </summary>
    /// <param name="db">The context to read and, at first use, write the row with.</param>
    /// <param name="publicBaseUrl">The configured public address, used only if the row is created now.</param>
    /// <param name="now">The moment recorded as the row's creation, if it is created now (UTC).</param>
    /// <param name="ct">Cancels the read and the write.</param>
    /// <returns>The domain in lower case, e.g. "engagement.example.org"; the same for the deployment's whole life.</returns>
    public static async Task<string> DomainAsync(EngagementHubDbContext db, string? publicBaseUrl, DateTimeOffset now, CancellationToken ct = default)
    {
        if (await db.DeploymentIdentities.AsNoTracking().Where(d => d.Id == RowId).Select(d => d.Domain).FirstOrDefaultAsync(ct) is { } domain)
        {
            return domain;
        }

        var created = new DeploymentIdentity { Id = RowId, Domain = NewDomain(publicBaseUrl), CreatedAt = now };
        db.DeploymentIdentities.Add(created);
        try
        {
            await db.SaveChangesAsync(ct);
            return created.Domain;
        }
        catch (DbUpdateException)
        {
            db.Entry(created).State = EntityState.Detached;
            return await db.DeploymentIdentities.AsNoTracking().Where(d => d.Id == RowId).Select(d => d.Domain).FirstAsync(ct);
        }
    }
}
