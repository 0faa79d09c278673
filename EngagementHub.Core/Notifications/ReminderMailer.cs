using System.Globalization;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EngagementHub.Core.Notifications;

/// <summary>A reminder e-mail as administrators see it: failed, or queued again by one of them lately.</summary>
public sealed record FailedDelivery(
    long Id, int DeadlineId, string DeadlineSubject, string Step, string Recipient, int Attempts, string? LastError, DateTimeOffset CreatedAt,
    DeliveryStatus Status = DeliveryStatus.Failed, DateTimeOffset? SentAt = null, DateTimeOffset? ResentAt = null, string? ResentBy = null)
{
    public bool CanResend => Status == DeliveryStatus.Failed;
}

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
        // Read first, while nothing is tracked: if the row had to be created here, that save must carry nothing else.
        var domain = await DeploymentIdentity.DomainAsync(db, null, clock.GetUtcNow(), ct);

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

        // Planned for a due date that has since moved: its text ("due today", "overdue") would be wrong now. The plan
        // for the new date has its own keys.
        if (!ReminderSweep.IsForDueDate(delivery.Step, deadline.DueDate, deadline.LoggedDueDate))
        {
            delivery.MarkCancelled();
            await SaveHoldingTheClaimAsync(db, delivery);
            logger.LogInformation("Reminder {Delivery} not sent: deadline {Deadline} is now due on {DueDate}", deliveryId, delivery.DeadlineId, deadline.DueDate);
            return;
        }

        var forOwner = delivery.Recipient == deadline.OwnerUserId;
        var to = forOwner
            ? await db.Users.Where(u => u.Id == delivery.Recipient).Select(u => u.Email).FirstOrDefaultAsync(ct)
            : delivery.Recipient;
        var (title, body) = ReminderText.Compose(delivery.Step, deadline.Subject, deadline.KindName, deadline.DueDate, forOwner);
        var messageId = ReminderDelivery.MessageIdFor(delivery.Id, domain);
        using var leaseEnding = new CancellationTokenSource(ClaimLease - LeaseMargin, clock);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(ct, leaseEnding.Token);
        try
        {
            if (string.IsNullOrWhiteSpace(to))
            {
                throw new InvalidOperationException("The recipient has no e-mail address.");
            }

            await sender.SendAsync(new EmailMessage(to, title, body, messageId), sending.Token);
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


    /// <summary>How long an e-mail queued again stays on the administrators' list after it left the failed state.</summary>
    public static readonly TimeSpan ResentListedFor = TimeSpan.FromDays(7);

    /// <summary>
    /// Reminder e-mails that could not be sent after every attempt, and those an administrator queued again in the last
    /// <see cref="ResentListedFor"/> (so whoever resent one sees what became of it), newest first.
    /// </summary>
    public async Task<IReadOnlyList<FailedDelivery>> FailedAsync(Actor actor, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "see failed e-mails");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resentSince = clock.GetUtcNow() - ResentListedFor;
        return await (from r in db.ReminderDeliveries.AsNoTracking()
                      where r.Channel == DeliveryChannel.Email && (r.Status == DeliveryStatus.Failed || r.ResentAt >= resentSince)
                      join d in db.Deadlines on r.DeadlineId equals d.Id
                      join u in db.Users on r.Recipient equals u.Id into users
                      from u in users.DefaultIfEmpty()
                      orderby r.Id descending
                      select new FailedDelivery(r.Id, d.Id, d.Subject, r.Step, u != null ? u.Email ?? r.Recipient : r.Recipient, r.Attempts, r.LastError, r.CreatedAt,
                          r.Status, r.SentAt, r.ResentAt, r.ResentBy))
            .ToListAsync(ct);
    }

    /// <summary>
    /// An administrator queues a failed e-mail again: back to Pending with a fresh set of attempts, so it goes through
    /// the same claim as every send and still cannot go twice. The caller then queues the send job by id (and the
    /// start-up catch-up would, should that job be lost). Recorded in the audit log as the administrator's action.
    /// </summary>
    /// <returns>Failed with a message for the administrator when it is no longer failed, e.g. someone resent it first.</returns>
    /// <exception cref="AccessDeniedException">Not an administrator (the refusal is logged).</exception>
    public async Task<Outcome> ResendAsync(Actor actor, long deliveryId, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "resend a failed e-mail");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // One conditional update decides between two administrators clicking at once: only one moves it out of Failed.
        var queued = await db.ReminderDeliveries
            .Where(d => d.Id == deliveryId && d.Channel == DeliveryChannel.Email && d.Status == DeliveryStatus.Failed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Pending)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.ResentAt, now)
                .SetProperty(d => d.ResentBy, actor.DisplayName), ct);
        if (queued == 0)
        {
            return Outcome.Failed(await DescribeNotResentAsync(db, deliveryId, ct));
        }

        // The delivery row is a log outside the audit interceptor (ADR 6); the administrator's action is recorded here.
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            UserId = actor.UserId,
            UserName = actor.DisplayName,
            EntityType = nameof(ReminderDelivery),
            EntityId = deliveryId.ToString(CultureInfo.InvariantCulture),
            Action = AuditAction.Modified,
            Changes = [new AuditChange(nameof(ReminderDelivery.Status), nameof(DeliveryStatus.Failed), nameof(DeliveryStatus.Pending))],
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Reminder e-mail {Delivery} queued again by {UserId}", deliveryId, actor.UserId);
        return Outcome.Success;
    }

    private static async Task<string> DescribeNotResentAsync(EngagementHubDbContext db, long deliveryId, CancellationToken ct)
    {
        var current = await db.ReminderDeliveries.AsNoTracking()
            .Where(d => d.Id == deliveryId && d.Channel == DeliveryChannel.Email)
            .Select(d => new { d.Status, d.ResentAt, d.ResentBy })
            .FirstOrDefaultAsync(ct);
        if (current is null)
        {
            return "This e-mail is no longer on record (its deadline was removed), so there is nothing to resend.";
        }

        var now = current.Status switch
        {
            DeliveryStatus.Sent => "it has been sent",
            DeliveryStatus.Cancelled => "it was not sent because the deadline was answered or withdrawn",
            _ => "it is waiting to be sent",
        };
        return current is { ResentAt: { } at, ResentBy: { } by }
            ? $"{by} already queued this e-mail again at {UkTime.Format(at)}, and {now}. It was not queued a second time."
            : $"This e-mail has not failed: {now}. It was not queued again.";
    }
}
