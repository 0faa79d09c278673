using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EngagementHub.Core.Notifications;

public sealed record FailedDelivery(
    long Id, int DeadlineId, string DeadlineSubject, string Step, string Recipient, int Attempts, string? LastError, DateTimeOffset CreatedAt);

/// <summary>
/// Sends one recorded reminder e-mail, by delivery id. Safe to run twice: a delivery already sent, failed or
/// cancelled is left alone, and a deadline answered or withdrawn since the sweep cancels it rather than sending.
/// </summary>
public sealed class ReminderMailer(
    IDbContextFactory<EngagementHubDbContext> dbFactory, IEmailSender sender, OrganisationAccess access, TimeProvider clock, ILogger<ReminderMailer> logger)
{
    /// <param name="maxAttempts">The attempts the caller will make in all (Hangfire: 1 + its retries); the last failure marks it failed.</param>
    /// <exception cref="Exception">Whatever the sender threw, after recording it, so the caller retries.</exception>
    public async Task SendAsync(long deliveryId, int maxAttempts, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var delivery = await db.ReminderDeliveries.FirstOrDefaultAsync(d => d.Id == deliveryId && d.Channel == DeliveryChannel.Email, ct);
        if (delivery is not { Status: DeliveryStatus.Pending })
        {
            return;
        }

        // Claim it in one conditional update: if the sweep's job and a start-up re-queue (or two nodes) run the same
        // delivery at once, only the one that moves it from Pending to Sending goes on to send.
        var claimed = await db.ReminderDeliveries
            .Where(d => d.Id == deliveryId && d.Status == DeliveryStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Sending), ct);
        if (claimed == 0)
        {
            return;
        }

        // The row was loaded as Pending: record the claim as its original value too, so a release back to Pending saves.
        db.Entry(delivery).Property(d => d.Status).OriginalValue = DeliveryStatus.Sending;
        delivery.ClaimedForSending();
        var deadline = await db.Deadlines.AsNoTracking().FirstOrDefaultAsync(d => d.Id == delivery.DeadlineId, ct);
        if (deadline is not { IsOpen: true })
        {
            delivery.MarkCancelled();
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Reminder {Delivery} not sent: deadline {Deadline} is no longer open", deliveryId, delivery.DeadlineId);
            return;
        }

        var forOwner = delivery.Recipient == deadline.OwnerUserId;
        var to = forOwner
            ? await db.Users.Where(u => u.Id == delivery.Recipient).Select(u => u.Email).FirstOrDefaultAsync(ct)
            : delivery.Recipient;
        var (title, body) = ReminderText.Compose(delivery.Step, deadline.Subject, deadline.KindName, deadline.DueDate, forOwner);
        try
        {
            if (string.IsNullOrWhiteSpace(to))
            {
                throw new InvalidOperationException("The recipient has no e-mail address.");
            }

            await sender.SendAsync(new EmailMessage(to, title, body, ReminderDelivery.MessageIdFor(delivery.Id)), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            delivery.RecordFailure($"{ex.GetType().Name}: {ex.Message}", maxAttempts);
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogWarning(ex, "Reminder e-mail {Delivery} to {To}: attempt {Attempt} of {Max} failed", deliveryId, to, delivery.Attempts, maxAttempts);
            throw;
        }

        delivery.MarkSent(clock.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>E-mail deliveries recorded but not yet sent: after a restart their jobs are gone with the in-memory queue.</summary>
    /// <remarks>
    /// Claims left in Sending by a process that stopped mid-send are released first. On one node nothing else is sending
    /// at start-up; with several nodes, a node starting while another is mid-send could resend that one e-mail, under
    /// the same Message-ID (see docs/decisions/0006).
    /// </remarks>
    public async Task<IReadOnlyList<long>> PendingAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.ReminderDeliveries
            .Where(d => d.Status == DeliveryStatus.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Pending), ct);
        return await db.ReminderDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.Channel == DeliveryChannel.Email)
            .OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(ct);
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
