using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EngagementHub.Core.Notifications;

public sealed record FailedDelivery(
    long Id, int DeadlineId, string DeadlineSubject, string Step, string Recipient, int Attempts, string? LastError, DateTimeOffset CreatedAt);

/// <summary>
/// Sends one recorded reminder e-mail, by delivery id. Safe to run twice, or on two nodes at once: each attempt first
/// claims the delivery in the database for a limited lease, and only the attempt holding the claim sends. A delivery
/// already sent, failed or cancelled is left alone, and a deadline answered or withdrawn since the sweep cancels it
/// rather than sending.
/// </summary>
public sealed class ReminderMailer(
    IDbContextFactory<EngagementHubDbContext> dbFactory, IEmailSender sender, OrganisationAccess access, TimeProvider clock, ILogger<ReminderMailer> logger)
{
    /// <summary>
    /// How long a claim holds. Far longer than one SMTP attempt (30 seconds by default), so only a holder that died lets
    /// it lapse; short enough that such an e-mail goes within the next sweep or two.
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A send still running this close to the end of its lease is abandoned (and counted as a failed attempt), so no
    /// attempt is ever still sending once another may take the claim.
    /// </summary>
    public static readonly TimeSpan LeaseMargin = TimeSpan.FromMinutes(2);

    /// <param name="maxAttempts">The attempts the caller will make in all (Hangfire: 1 + its retries); the last failure marks it failed.</param>
    /// <exception cref="Exception">Whatever the sender threw, after recording it, so the caller retries.</exception>
    public async Task SendAsync(long deliveryId, int maxAttempts, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // Claimed in one conditional update, which the database decides: of two attempts racing (the sweep's job and a
        // start-up re-queue, or jobs on two nodes) exactly one moves the row to Sending under its own token. A claim whose
        // lease has run out belonged to an attempt that died (the process stopped mid-send); it may be taken again.
        var now = clock.GetUtcNow();
        var token = Guid.NewGuid();
        var expires = now + ClaimLease;
        var claimed = await db.ReminderDeliveries
            .Where(d => d.Id == deliveryId && d.Channel == DeliveryChannel.Email
                        && (d.Status == DeliveryStatus.Pending || (d.Status == DeliveryStatus.Sending && d.ClaimExpiresAt < now)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Sending)
                .SetProperty(d => d.ClaimToken, token)
                .SetProperty(d => d.ClaimExpiresAt, expires), ct);
        if (claimed == 0)
        {
            return;
        }

        // Loaded after the claim, so the token is the row's original value: every save below is refused (a concurrency
        // conflict) if another attempt has taken the claim since.
        var delivery = await db.ReminderDeliveries.SingleAsync(d => d.Id == deliveryId, ct);
        var deadline = await db.Deadlines.AsNoTracking().FirstOrDefaultAsync(d => d.Id == delivery.DeadlineId, ct);
        if (deadline is not { IsOpen: true })
        {
            delivery.MarkCancelled();
            await SaveHoldingTheClaimAsync(db, delivery);
            logger.LogInformation("Reminder {Delivery} not sent: deadline {Deadline} is no longer open", deliveryId, delivery.DeadlineId);
            return;
        }

        var forOwner = delivery.Recipient == deadline.OwnerUserId;
        var to = forOwner
            ? await db.Users.Where(u => u.Id == delivery.Recipient).Select(u => u.Email).FirstOrDefaultAsync(ct)
            : delivery.Recipient;
        var (title, body) = ReminderText.Compose(delivery.Step, deadline.Subject, deadline.KindName, deadline.DueDate, forOwner);
        using var leaseEnding = new CancellationTokenSource(ClaimLease - LeaseMargin, clock);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(ct, leaseEnding.Token);
        try
        {
            if (string.IsNullOrWhiteSpace(to))
            {
                throw new InvalidOperationException("The recipient has no e-mail address.");
            }

            await sender.SendAsync(new EmailMessage(to, title, body, ReminderDelivery.MessageIdFor(delivery.Id)), sending.Token);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The process is stopping: give the claim back uncounted, so the job's rerun (or the next start-up) sends it.
            delivery.ReleaseClaim();
            await SaveHoldingTheClaimAsync(db, delivery);
            throw;
        }
        catch (Exception ex)
        {
            var error = leaseEnding.IsCancellationRequested ? "The send did not finish within its claim." : $"{ex.GetType().Name}: {ex.Message}";
            delivery.RecordFailure(error, maxAttempts);
            await SaveHoldingTheClaimAsync(db, delivery);
            logger.LogWarning(ex, "Reminder e-mail {Delivery} to {To}: attempt {Attempt} of {Max} failed", deliveryId, to, delivery.Attempts, maxAttempts);
            throw;
        }

        delivery.MarkSent(clock.GetUtcNow());
        await SaveHoldingTheClaimAsync(db, delivery);
    }

    /// <summary>
    /// E-mail deliveries with no live attempt: recorded but not yet sent (after a restart their jobs are gone with the
    /// in-memory queue), or claimed by an attempt whose lease has run out (its node stopped mid-send). A claim still
    /// within its lease is left alone, so a node starting while another is sending never sends the same e-mail.
    /// </summary>
    public async Task<IReadOnlyList<long>> UnsentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.ReminderDeliveries.AsNoTracking()
            .Where(d => d.Channel == DeliveryChannel.Email
                        && (d.Status == DeliveryStatus.Pending || (d.Status == DeliveryStatus.Sending && d.ClaimExpiresAt < now)))
            .OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(ct);
    }

    /// <summary>E-mail deliveries whose claim has lapsed: the attempt holding it died, and nothing else will retry it.</summary>
    public async Task<IReadOnlyList<long>> LapsedClaimsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.ReminderDeliveries.AsNoTracking()
            .Where(d => d.Channel == DeliveryChannel.Email && d.Status == DeliveryStatus.Sending && d.ClaimExpiresAt < now)
            .OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(ct);
    }

    /// <summary>Saves the attempt's outcome only while it still holds the claim; never cancelled, so an outcome is not lost.</summary>
    private async Task SaveHoldingTheClaimAsync(EngagementHubDbContext db, ReminderDelivery delivery)
    {
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Only possible if this attempt outlived its lease despite the margin (a stalled process): the new holder
            // decides, and may send once more under the same Message-ID.
            logger.LogWarning("Reminder {Delivery}: the claim lapsed and was taken by another attempt before this one recorded {Status}",
                delivery.Id, delivery.Status);
        }
    }

    /// <summary>Reminder e-mails that could not be sent after every attempt, newest first, for administrators.</summary>
    public async Task<IReadOnlyList<FailedDelivery>> FailedAsync(Actor actor, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "see failed e-mails");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from r in db.ReminderDeliveries.AsNoTracking()
                      where r.Status == DeliveryStatus.Failed && r.Channel == DeliveryChannel.Email
                      join d in db.Deadlines on r.DeadlineId equals d.Id
                      join u in db.Users on r.Recipient equals u.Id into users
                      from u in users.DefaultIfEmpty()
                      orderby r.Id descending
                      select new FailedDelivery(r.Id, d.Id, d.Subject, r.Step, u != null ? u.Email ?? r.Recipient : r.Recipient, r.Attempts, r.LastError, r.CreatedAt))
            .ToListAsync(ct);
    }
}
