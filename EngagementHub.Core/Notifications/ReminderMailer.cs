using System.Globalization;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EngagementHub.Core.Notifications;

/// <summary>An e-mail (a reminder, a notification's or a digest) as administrators see it: failed, or queued again by one of them lately.</summary>
/// <param name="Id">The delivery's id, which a resend names.</param>
/// <param name="DeadlineId">The deadline a reminder is about; null for a workflow notification's e-mail.</param>
/// <param name="DeadlineSubject">The deadline's subject, or the notification's title.</param>
/// <param name="Step">The reminder step's key (e.g. "before-5", "overdue-1") or the notification's event.</param>
/// <param name="Recipient">The address it was for.</param>
/// <param name="Attempts">How many times sending was tried.</param>
/// <param name="LastError">What the mail server or the connection said the last time it failed.</param>
/// <param name="CreatedAt">When the delivery was recorded (UTC).</param>
/// <param name="Status">Failed, or where a resend has got to.</param>
/// <param name="SentAt">When it was sent at last (UTC), after a resend.</param>
/// <param name="ResentAt">When an administrator queued it again (UTC).</param>
/// <param name="ResentBy">The name of that administrator.</param>
/// <param name="NotificationLink">Where a workflow notification's e-mail pointed; null for a reminder, and for one whose
/// person has left the organisation it was addressed under.</param>
/// <param name="LeftOrganisation">The name of the organisation its notice (or the notice a reminder is linked to) was
/// addressed to its person under (for an older deadline reminder with no notice linked, the one its deadline says it was
/// addressed under), when they have been moved out of it since (ADR 4): then neither its title nor its link
/// is given (<see cref="ReminderMailer.MovedSinceSubject"/>), and it is not resent. Null otherwise.</param>
public sealed record FailedDelivery(
    long Id, int? DeadlineId, string DeadlineSubject, string Step, string Recipient, int Attempts, string? LastError, DateTimeOffset CreatedAt,
    DeliveryStatus Status = DeliveryStatus.Failed, DateTimeOffset? SentAt = null, DateTimeOffset? ResentAt = null, string? ResentBy = null,
    string? NotificationLink = null, string? LeftOrganisation = null)
{
    /// <summary>Failed, and still for its person: one addressed under an organisation they have left since
    /// (<see cref="LeftOrganisation"/>) would be cancelled when it went.</summary>
    public bool CanResend => Status == DeliveryStatus.Failed && LeftOrganisation is null;

    /// <summary>Where the e-mail was about, as a notification stores a link (<see cref="PageLink.Stored"/>): the deadline's
    /// page, the page the notification linked to, or else the notification centre; null for one whose person has left the
    /// organisation it was addressed under (<see cref="LeftOrganisation"/>).</summary>
    public string? Link => LeftOrganisation is not null ? null : DeadlineId is { } id ? PageLink.Deadline(id).Stored : NotificationLink ?? PageLink.Notifications.Stored;
}

/// <summary>
/// Sends one recorded reminder e-mail, or a workflow notification's e-mail, by delivery id. Safe to run twice, or on two nodes at once: each attempt first
/// claims the delivery in the database for a limited lease, and only the attempt holding the claim sends. A delivery
/// already sent, failed or cancelled is left alone, and a deadline answered or withdrawn since the sweep, a person who
/// has since chosen not to be e-mailed about its category, or one moved since to another organisation than the one its
/// notice was addressed under (<see cref="Notification.StillTheirs"/>), cancels it rather than sending.
/// </summary>
public sealed class ReminderMailer(
    IDbContextFactory<EngagementHubDbContext> dbFactory, IEmailSender sender, OrganisationAccess access, TimeProvider clock, ILogger<ReminderMailer> logger,
    NotificationPreferences preferences, IOptions<EngagementHubOptions> options, IPageLinks links, IDeadlineReminders deadlines, IOutstandingWork outstanding)
{
    /// <summary>Where the links in an e-mail point when <see cref="EngagementHubOptions.PublicBaseUrl"/> is not set: the development address.</summary>
    public const string DefaultBaseUrl = EmailLinks.DefaultBaseUrl;

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

    /// <summary>
    /// Claims one recorded e-mail, composes it at send time and sends it, at most once. Runs as the system (a job);
    /// refuses nobody.
    /// </summary>
    /// <param name="deliveryId">The recorded delivery to send; one already sent, failed, cancelled, claimed by another live attempt or gone is left alone.</param>
    /// <param name="maxAttempts">The attempts the caller will make in all (Hangfire: 1 + its retries); the last failure marks it failed.</param>
    /// <param name="ct">Cancels the attempt; the claim then lapses after <see cref="ClaimLease"/>.</param>
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
        // A reminder is linked to its notice (so a digest knows it was e-mailed) but is composed as a reminder, at send time.
        var composed = delivery.DeadlineId is not null
            ? await ComposeReminderAsync(db, delivery, ct)
            : delivery.NotificationId is { } notificationId
                ? await ComposeNotificationAsync(db, delivery, notificationId, ct)
                : delivery.Digest is { } kind
                    ? await ComposeDigestAsync(db, delivery, kind, ct)
                    : null;
        if (composed is not (var to, var title, var body, var unsubscribeFor, var carried))
        {
            delivery.MarkCancelled();
            await SaveHoldingTheClaimAsync(db, delivery);
            logger.LogInformation("E-mail {Delivery} not sent: its deadline closed, or its person no longer wants it now", deliveryId);
            return;
        }

        Uri? unsubscribe = null;
        if (unsubscribeFor is { } person)
        {
            var (userId, category) = person;
            unsubscribe = Absolute(links.PathTo(PageLink.Unsubscribe(preferences.UnsubscribeToken(userId, category))));
            body += $"\n\nStop e-mails about {category.Label().ToLowerInvariant()} (you will still see them in the app): {unsubscribe}"
                    + $"\nChoose how you hear of each kind of notification: {Absolute(links.PathTo(PageLink.NotificationPreferences))}";
        }

        using var leaseEnding = new CancellationTokenSource(ClaimLease - LeaseMargin, clock);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(ct, leaseEnding.Token);
        try
        {
            if (string.IsNullOrWhiteSpace(to))
            {
                throw new InvalidOperationException("The recipient has no e-mail address.");
            }

            await sender.SendAsync(new EmailMessage(to ?? "", title, body, ReminderDelivery.MessageIdFor(delivery.Id, domain), unsubscribe), sending.Token);
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
        if (carried is { Count: > 0 })
        {
            // Sent: no other digest carries these again (ADR 14). After the send, so a digest that failed carries them
            // when resent; were the process to stop in between, one might be carried again, never lost.
            await db.Notifications.Where(n => carried.Contains(n.Id) && n.CarriedByDigestId == null)
                .ExecuteUpdateAsync(n => n.SetProperty(x => x.CarriedByDigestId, deliveryId), CancellationToken.None);
        }
    }

    /// <summary>An e-mail as composed at send time.</summary>
    /// <param name="To">The address.</param>
    /// <param name="Title">The subject.</param>
    /// <param name="Body">The plain-text body.</param>
    /// <param name="UnsubscribeFor">The person and category its one-click unsubscribe stops; null for none.</param>
    /// <param name="Carried">For a digest, the notifications it carries, marked as carried once it is sent.</param>
    private sealed record Composed(string? To, string Title, string Body, (string UserId, NotificationCategory Category)? UnsubscribeFor,
        IReadOnlyList<long>? Carried = null);

    /// <summary>
    /// A deadline reminder's e-mail, worded as of the day it goes; null (cancel it) when the deadline has closed or its due
    /// date moved, a later reminder to the same address superseded it, the deadline names another contact now, the
    /// organisation it was sent to has been deactivated (for its contact), the named contact can be reached again (for an
    /// editor reminded in their place), the deadline was handed to a new owner since (for the owner before, or a LINk
    /// stand-in), its person has moved since to another organisation than the one their notice of the step was addressed
    /// under, or may not or chose not to be e-mailed.
    /// </summary>
    private async Task<Composed?> ComposeReminderAsync(EngagementHubDbContext db, ReminderDelivery delivery, CancellationToken ct)
    {
        if (delivery.DeadlineId is not { } deadlineId || await deadlines.OpenForStepAsync(db, deadlineId, delivery.Step, ct) is not { } deadline)
        {
            return null;
        }

        // Planned for a due date that has since moved: its text ("due today", "overdue") would be wrong now. The plan
        // for the new date has its own keys.
        if (!deadline.StepIsForDueDate)
        {
            logger.LogInformation("Reminder {Delivery} not sent: deadline {Deadline} is now due on {DueDate}", delivery.Id, deadline.Id, deadline.DueDate);
            return null;
        }

        // Going on a later day than it was recorded (held, or resent), when a later reminder of the deadline to the same
        // address has been recorded since: that one says where things stand, and this one, worded as of today, would
        // repeat it. Two steps recorded the same day (still overdue, and consider referral) both go, as planned.
        var (recipient, id) = (delivery.Recipient, delivery.Id);
        if (UkTime.Today(delivery.CreatedAt) != UkTime.Today(clock)
            && await db.ReminderDeliveries.AnyAsync(d => d.DeadlineId == deadlineId && d.Recipient == recipient && d.Channel == DeliveryChannel.Email && d.Id > id
                                                         && d.Status != DeliveryStatus.Cancelled && d.Status != DeliveryStatus.Failed, ct))
        {
            logger.LogInformation("Reminder {Delivery} not sent: a later reminder of deadline {Deadline} was recorded for the same person", delivery.Id, deadline.Id);
            return null;
        }

        // Linked to the account's notice of the same step: moved since to another organisation than the one it was
        // addressed under (the owner or a stand-in out of the LINk, the contact out of the organisation that named them),
        // the person is told nothing more of that organisation's business.
        if (delivery.NotificationId is { } noticeId
            && await db.Notifications.AsNoTracking().Where(n => n.Id == noticeId)
                .Select(n => new { n.UserId, n.OrganisationId, Now = db.Users.Where(u => u.Id == n.UserId).Select(u => (int?)u.OrganisationId).FirstOrDefault() })
                .FirstOrDefaultAsync(ct) is { } notice
            && notice.Now != notice.OrganisationId)
        {
            logger.LogInformation("Reminder {Delivery} not sent: {UserId} has moved from organisation {From}, which their reminder of deadline {Deadline} was addressed under, to {To}",
                delivery.Id, notice.UserId, notice.OrganisationId, deadline.Id, notice.Now);
            return null;
        }

        // Who it is for, as the sweep decided (ReminderSweep.PlanAsync), checked again now: the LINk's owner, the named
        // contact's address, or an editor reminded in the place of either, and told why.
        var standIn = ReminderStandIn.None;
        bool forOwner;
        string? to;
        string? person;
        if (delivery.Recipient == deadline.OwnerUserId)
        {
            // An owner disabled, deactivated or moved to another organisation since is told of nothing.
            forOwner = true;
            var sentBy = deadline.SentByOrganisationId;
            to = await db.Users.AsNoTracking().Where(AccountStanding.MayUseTheApp(db))
                .Where(u => u.Id == delivery.Recipient && u.OrganisationId == sentBy).Select(u => u.Email).FirstOrDefaultAsync(ct);
            if (to is null)
            {
                return null;
            }

            person = delivery.Recipient;
        }
        else if (deadline.ContactEmail is { } named && ReminderDelivery.ContactRecipient(named) == delivery.Recipient)
        {
            // The named contact is e-mailed at their address; when they also have an account, their own choice applies.
            // Recorded in its key form (ReminderDelivery.ContactRecipient): compared in that form, then sent, and matched
            // to an account, by the address as the deadline names it (a capital such as "ẞ" does not survive lower case).
            forOwner = false;
            if (await ReachableContactAsync(db, deadline, ct) is not var (address, account))
            {
                logger.LogInformation("Reminder {Delivery} not sent: the named contact of deadline {Deadline} can no longer be reached", delivery.Id, deadline.Id);
                return null;
            }

            (to, person) = (address, account);
        }
        else
        {
            // An editor or administrator the sweep reminded in another's place: of the LINk, for an owner who could no
            // longer be reminded; of the answering organisation, for a named contact who was missing or could not be
            // reached, and only while that is still so (a contact reachable again gets the deadline's next reminder).
            // Anyone else is no longer reminded of it: the address of a contact the organisation has replaced since the
            // sweep (perhaps someone who left) is told nothing, and the new contact gets the deadline's next reminder.
            var user = await db.Users.AsNoTracking().Where(AccountStanding.MayUseTheApp(db)).Where(NotificationRecipients.MayStandIn)
                .Where(u => u.Id == delivery.Recipient).Select(u => new { u.OrganisationId, u.Email }).FirstOrDefaultAsync(ct);
            if (user?.OrganisationId == deadline.SentByOrganisationId)
            {
                // Only while the owner cannot be reminded: once the deadline is handed to someone who can (ADR 12), a
                // stand-in's reminder, or the owner's before, that had not gone yet is not sent; the new owner gets the next one.
                var owner = deadline.OwnerUserId;
                if (await db.Users.Where(AccountStanding.MayUseTheApp(db)).AnyAsync(u => u.Id == owner && u.OrganisationId == deadline.SentByOrganisationId, ct))
                {
                    logger.LogInformation("Reminder {Delivery} not sent: deadline {Deadline} is followed up by its owner now", delivery.Id, deadline.Id);
                    return null;
                }

                (forOwner, standIn) = (true, ReminderStandIn.ForOwner);
            }
            else if (user?.OrganisationId == deadline.ToOrganisationId && await ReachableContactAsync(db, deadline, ct) is null)
            {
                (forOwner, standIn) = (false, deadline.NamesAContact ? ReminderStandIn.ForUnreachableContact : ReminderStandIn.NoNamedContact);
            }
            else
            {
                logger.LogInformation("Reminder {Delivery} not sent: deadline {Deadline} no longer reminds that person or address", delivery.Id, deadline.Id);
                return null;
            }

            (to, person) = (user.Email, delivery.Recipient);
        }

        if (person is not null && (await NotificationPreferences.ChoosingAsync(db, [person], NotificationCategory.Deadlines, DeliveryPreference.Immediately, ct)).Count == 0)
        {
            return null;
        }

        // Sent on a later day than it was planned for (resent after it failed, or held while the app was down): worded as
        // of today, so "due today" or "due in 5 working days" does not reach anyone after the fact.
        var step = ReminderText.StepAsOf(delivery.Step, deadline.DueDate, UkTime.Today(delivery.CreatedAt), UkTime.Today(clock));
        var (title, body) = ReminderText.Compose(step, deadline.Subject, deadline.KindName, deadline.DueDate, forOwner, deadline.AcknowledgementMeetsIt, standIn);
        return new Composed(to, title, $"{body}\n\nOpen it: {Absolute(links.PathTo(PageLink.Deadline(deadline.Id)))}",
            person is null ? null : (person, NotificationCategory.Deadlines));
    }

    /// <summary>
    /// The deadline's named contact as the sweep judges them, read now: reached at their address (trimmed, as the contact
    /// record holds it) when it is nobody's account, or is the account, at the organisation that owes the answer, of someone
    /// who may use the app (then returned, so their own choices apply). Null when it names no contact, the contact has no
    /// usable address, that organisation has been deactivated (ADR 4), or the address is an account that may not use the
    /// app or is in another organisation: then its editors are reminded in the contact's place.
    /// </summary>
    private static async Task<(string To, string? Person)?> ReachableContactAsync(EngagementHubDbContext db, RemindedDeadline deadline, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(deadline.ContactEmail))
        {
            return null;
        }

        var answering = deadline.ToOrganisationId;
        if (!await db.Organisations.AnyAsync(o => o.Id == answering && o.IsActive, ct))
        {
            return null;
        }

        var to = deadline.ContactEmail.Trim();
        var normalized = AccountAddress.Normalise(to);
        var person = await db.Users.AsNoTracking().Where(AccountStanding.MayUseTheApp(db))
            .Where(u => u.NormalizedEmail == normalized && u.OrganisationId == answering)
            .OrderBy(u => u.Id).Select(u => u.Id).FirstOrDefaultAsync(ct);
        return person is null && await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct) ? null : (to, person);
    }

    /// <summary>
    /// A workflow notification's e-mail; null (cancel it) when the person may no longer use the app, has been moved since to
    /// another organisation than the one it was addressed under, or has since chosen not to hear of its category at once.
    /// </summary>
    private async Task<Composed?> ComposeNotificationAsync(EngagementHubDbContext db, ReminderDelivery delivery, long notificationId, CancellationToken ct)
    {
        var notification = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == notificationId, ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == delivery.Recipient).Where(AccountStanding.MayUseTheApp(db))
            .Select(u => new { u.Email, u.OrganisationId }).FirstOrDefaultAsync(ct);
        // A digest carried it since its own e-mail failed (the person chose a digest meanwhile): not sent twice.
        if (notification is null || user is null || notification.CarriedByDigestId is not null)
        {
            return null;
        }

        // Addressed to them as a member of an organisation an administrator has moved them out of since (between the step
        // and the send): it tells of that organisation's business, which their new one may not read (ADR 4).
        if (notification.OrganisationId != user.OrganisationId)
        {
            logger.LogInformation("Notification e-mail {Delivery} not sent: {UserId} has moved from organisation {From}, which notice {Notification} was addressed under, to {To}",
                delivery.Id, delivery.Recipient, notification.OrganisationId, notification.Id, user.OrganisationId);
            return null;
        }

        // The person chose since not to hear of its category at once: a digest carries it instead, unless this is an
        // administrator's resend of an e-mail that failed before that digest's window (the digest will not carry it), which
        // goes unless they chose the app only.
        var choice = await NotificationPreferences.ChoiceAsync(db, delivery.Recipient, notification.Category, ct);
        if (choice != DeliveryPreference.Immediately && (delivery.ResentAt is null || choice == DeliveryPreference.InAppOnly))
        {
            return null;
        }

        var body = links.PathToStored(notification.Link) is { } link ? $"{notification.Body}\n\nOpen it: {Absolute(link)}" : notification.Body;
        return new Composed(user.Email, notification.Title, Late(notification.CreatedAt, delivery.ResentAt) + body, (delivery.Recipient, notification.Category));
    }

    /// <summary>
    /// A notice's e-mail goes out as the notice was worded when it happened. Sent much later (an administrator resent it
    /// after it failed, or the app was down for a while), what it asks may have been done or moved on since; the reader
    /// is told when it happened, before the notice's own words.
    /// </summary>
    public static readonly TimeSpan SentLateAfter = TimeSpan.FromHours(1);

    /// <returns>A first paragraph dating the notice when it is sent more than <see cref="SentLateAfter"/> after it
    /// happened, saying an administrator resent it when one did; otherwise nothing.</returns>
    private string Late(DateTimeOffset happened, DateTimeOffset? resent)
    {
        if (clock.GetUtcNow() - happened <= SentLateAfter)
        {
            return "";
        }

        var why = resent is { } at ? $"It could not be sent at the time, and an administrator sent it again on {UkTime.Format(at)}. " : "";
        return $"This notice is from {UkTime.Format(happened)}. {why}It may have been dealt with or changed since: open it to see where things stand now.\n\n";
    }

    /// <summary>What a digest says before a notice that asked its reader to act when it was recorded, and no longer does.</summary>
    public const string NoLongerNeedsYou = "Done since: this no longer needs you.";

    /// <summary>How far ahead a digest's "coming up" looks: open deadlines due within this many working days.</summary>
    public const int DigestLooksAheadWorkingDays = 5;

    /// <summary>
    /// The most deadlines a digest's "coming up" lists, soonest due first; the deadlines page lists them all. A digest
    /// is read in a mail program, where a longer list buries the notices above it.
    /// </summary>
    public const int DigestComingUpShown = 20;

    /// <summary>
    /// The most deliveries one call of <see cref="UnattemptedNotificationEmailsAsync"/> or
    /// <see cref="UnattemptedDigestsAsync"/> returns, oldest first; the rest are returned by the next call (every few
    /// seconds, or the next sweep), so none is left behind, and one call never queues an unbounded number of jobs.
    /// </summary>
    public const int QueueBatch = 500;

    /// <summary>
    /// A digest's e-mail: the window's notifications in "needs you" (those that asked the reader's side to act and still
    /// do at send time: the reader's "My work" links to their page, <see cref="IOutstandingWork"/>) and "what changed" (the
    /// rest; one that asked and no longer does says so, <see cref="NoLongerNeedsYou"/>), newest first, and the open
    /// deadlines concerning the person due in the next <see cref="DigestLooksAheadWorkingDays"/> working days ("coming
    /// up", at most <see cref="DigestComingUpShown"/>), each with a link. Null (cancel it) when the person may no longer
    /// use the app (disabled, or of a deactivated organisation) or, by their choice now, nothing is left in it. A notice
    /// addressed under an organisation the person has been moved out of since the digest was recorded is left out
    /// (<see cref="DigestSweep.Items"/>), and the leaving out logged.
    /// </summary>
    private async Task<Composed?> ComposeDigestAsync(EngagementHubDbContext db, ReminderDelivery delivery, DigestKind kind, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == delivery.Recipient).Where(AccountStanding.MayUseTheApp(db))
            .Select(u => new { u.Email, u.OrganisationId }).FirstOrDefaultAsync(ct);
        var preference = DigestSchedule.PreferenceFor(kind);
        var categories = await db.NotificationPreferences.AsNoTracking()
            .Where(p => p.UserId == delivery.Recipient && p.Delivery == preference).Select(p => p.Category).ToListAsync(ct);
        if (user is null || categories.Count == 0)
        {
            return null;
        }

        var items = await DigestSweep.Items(db, delivery.Recipient, categories, delivery.WindowStart!.Value, delivery.WindowEnd!.Value)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).ToListAsync(ct);
        var (recipient, from, to) = (delivery.Recipient, delivery.WindowStart.Value, delivery.WindowEnd.Value);
        var elsewhere = await db.Notifications.AsNoTracking()
            .CountAsync(n => n.UserId == recipient && categories.Contains(n.Category) && n.CreatedAt > from && n.CreatedAt <= to && n.CarriedByDigestId == null
                             && n.OrganisationId != user.OrganisationId, ct);
        if (elsewhere > 0)
        {
            logger.LogInformation("Digest {Delivery}: {Count} notices to {UserId} left out, addressed under an organisation they have moved from",
                delivery.Id, elsewhere, recipient);
        }

        if (items.Count == 0)
        {
            return null;
        }

        var comingUp = await deadlines.ComingUpAsync(db, delivery.Recipient, user.OrganisationId, UkTime.Today(clock), DigestLooksAheadWorkingDays, DigestComingUpShown, ct);

        // What still needs the reader now, not when each notice was recorded: a step a colleague took since is done, and
        // "My work" lists each step a notice asked for until it is taken (ADR 10, ADR 14).
        var stillAsked = items.Any(n => n.NeedsAction) ? await outstanding.StillAskedAsync(delivery.Recipient, ct) : new HashSet<string>();
        var asking = Notification.AskingNow(items, stillAsked);
        bool Needs(Notification n) => asking.Contains(n.Id);
        var needs = items.Where(Needs).ToList();
        var changed = items.Where(n => !Needs(n)).ToList();
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"What happened in EngagementHub between {UkTime.Format(delivery.WindowStart.Value)} and {UkTime.Format(delivery.WindowEnd.Value)}.\n");
        Section("Needs you", needs.Select(n => (n.Title, n.Body, links.PathToStored(n.Link), (DateTimeOffset?)n.CreatedAt)));
        Section($"Coming up (due in the next {DigestLooksAheadWorkingDays} working days)",
            comingUp.Select(d => ($"Due {UkTime.FormatDate(d.DueDate)}: {UntrustedText.Isolate(d.Subject)}", "", (string?)links.PathTo(PageLink.Deadline(d.Id)), (DateTimeOffset?)null)));
        Section("What changed", changed.Select(n => (n.Title, n.NeedsAction ? $"{NoLongerNeedsYou} {n.Body}" : n.Body, links.PathToStored(n.Link), (DateTimeOffset?)n.CreatedAt)));

        // One-click unsubscribe names one category (the header carries one address): the one with most in this digest.
        // The others each have their own link in the body.
        var main = items.GroupBy(n => n.Category).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        foreach (var other in items.Select(n => n.Category).Distinct().Where(c => c != main).Order())
        {
            var unsubscribe = Absolute(links.PathTo(PageLink.Unsubscribe(preferences.UnsubscribeToken(delivery.Recipient, other))));
            text.Append(CultureInfo.InvariantCulture, $"\nStop e-mails about {other.Label().ToLowerInvariant()}: {unsubscribe}");
        }

        var title = (kind == DigestKind.Daily ? "Your daily digest" : "Your weekly digest")
                    + (needs.Count > 0 ? $": {needs.Count} need{(needs.Count == 1 ? "s" : "")} you" : $": {Counted.Of(items.Count, "update")}");
        return new Composed(user.Email, title, text.ToString().TrimEnd(), (delivery.Recipient, main), [.. items.Select(n => n.Id)]);

        void Section(string heading, IEnumerable<(string Title, string Body, string? Link, DateTimeOffset? At)> entries)
        {
            var list = entries.ToList();
            if (list.Count == 0)
            {
                return;
            }

            text.Append(CultureInfo.InvariantCulture, $"\n{heading.ToUpperInvariant()}\n");
            foreach (var entry in list)
            {
                text.Append("\n- ").Append(entry.Title).Append(entry.At is { } at ? $" ({UkTime.Format(at)})" : "").Append('\n');
                if (!string.IsNullOrWhiteSpace(entry.Body))
                {
                    text.Append(CultureInfo.InvariantCulture, $"  {entry.Body}\n");
                }

                if (entry.Link is { } link)
                {
                    text.Append(CultureInfo.InvariantCulture, $"  Open it: {Absolute(link)}\n");
                }
            }
        }
    }

    private Uri Absolute(string path) => EmailLinks.Absolute(options.Value.PublicBaseUrl, path);

    /// <summary>
    /// E-mail deliveries with no live attempt: recorded but not yet sent (after a restart their jobs are gone with the
    /// in-memory queue), or claimed by an attempt whose lease has run out (its node stopped mid-send). A claim still
    /// within its lease is left alone, so a node starting while another is sending never sends the same e-mail.
    /// </summary>
    /// <returns>The deliveries' ids, oldest first, for the caller to queue; none when every e-mail is sent or in hand.
    /// Refuses nobody: the start-up catch-up calls it, not a person.</returns>
    public async Task<IReadOnlyList<long>> UnsentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.ReminderDeliveries.AsNoTracking()
            .Where(d => d.Channel == DeliveryChannel.Email
                        && (d.Status == DeliveryStatus.Pending || (d.Status == DeliveryStatus.Sending && d.ClaimExpiresAt < now)))
            .OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(ct);
    }

    /// <summary>
    /// Workflow notifications' e-mails recorded and never yet attempted: what to queue now, for those who chose to hear at
    /// once. Queuing one twice (two nodes) is harmless: the claim lets one attempt send it.
    /// </summary>
    /// <returns>The delivery ids, oldest first, at most <see cref="QueueBatch"/>. Refuses nobody: the background jobs
    /// call it, not a person.</returns>
    public async Task<IReadOnlyList<long>> UnattemptedNotificationEmailsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReminderDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.Channel == DeliveryChannel.Email && d.NotificationId != null && d.Attempts == 0)
            .OrderBy(d => d.Id).Select(d => d.Id).Take(QueueBatch).ToListAsync(ct);
    }

    /// <summary>
    /// Digests recorded and never yet attempted: a sweep that recorded one and stopped before queuing it leaves it here
    /// for the next sweep (on any node) to queue. Queuing one twice is harmless: the claim lets one attempt send it.
    /// </summary>
    /// <returns>The delivery ids, oldest first, at most <see cref="QueueBatch"/>. Refuses nobody: the background jobs
    /// call it, not a person.</returns>
    public async Task<IReadOnlyList<long>> UnattemptedDigestsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReminderDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.Channel == DeliveryChannel.Email && d.WindowEnd != null && d.Attempts == 0)
            .OrderBy(d => d.Id).Select(d => d.Id).Take(QueueBatch).ToListAsync(ct);
    }

    /// <summary>E-mail deliveries whose claim has lapsed: the attempt holding it died, and nothing else will retry it.</summary>
    /// <returns>The delivery ids, oldest first, every one (a lapsed claim is rare: a node stopped mid-send). Refuses
    /// nobody: the background jobs call it, not a person.</returns>
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
    /// E-mails (reminders, notifications' and digests) that could not be sent after every attempt, and those an
    /// administrator queued again in the last <see cref="ResentListedFor"/> (so whoever resent one sees what became of
    /// it), newest first. One whose notice (or the notice a reminder is linked to; for an older deadline reminder with no
    /// notice linked, the organisation its deadline says it was addressed under) was addressed to its person under an
    /// organisation they have been moved out of since is listed, so the failure is seen, but without its title or link,
    /// which tell of that organisation's business (<see cref="MovedSinceSubject"/>; ADR 4, as the notification centre
    /// leaves it out), and is not offered to resend; moved back, they have it again.
    /// </summary>
    /// <returns>Every such delivery, not paged, with the recipient's address where they have an account.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator (logged).</exception>
    public async Task<IReadOnlyList<FailedDelivery>> FailedAsync(Actor actor, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "see failed e-mails");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resentSince = clock.GetUtcNow() - ResentListedFor;
        var rows = await (from r in db.ReminderDeliveries.AsNoTracking()
                          where r.Channel == DeliveryChannel.Email && (r.Status == DeliveryStatus.Failed || r.ResentAt >= resentSince)
                          join n in db.Notifications on r.NotificationId equals n.Id into notifications
                          from n in notifications.DefaultIfEmpty()
                          join u in db.Users on r.Recipient equals u.Id into users
                          from u in users.DefaultIfEmpty()
                          orderby r.Id descending
                          select new
                          {
                              Delivery = r, Title = n != null ? n.Title : null, Link = n != null ? n.Link : null, Email = u != null ? u.Email : null,
                              // Addressed to its person under an organisation they have been moved out of since (ADR 4).
                              LeftOrganisation = n != null && u != null && n.OrganisationId != u.OrganisationId
                                  ? db.Organisations.Where(o => o.Id == n.OrganisationId).Select(o => o.Name).FirstOrDefault() ?? ""
                                  : null,
                          })
            .ToListAsync(ct);

        // The deadlines' subjects in a second read: the deadlines are the Deadlines folder's, read through its port.
        var listed = await deadlines.ListedAsync(db, [.. rows.Where(x => x.Delivery.DeadlineId != null).Select(x => x.Delivery.DeadlineId!.Value).Distinct()], ct);
        var unlinkedLeft = await LeftSinceUnlinkedAsync(db, [.. rows.Select(x => x.Delivery)], listed, ct);
        return [.. rows.Select(x => Listed(x.Delivery, x.Title, x.Link, x.Email, x.LeftOrganisation ?? unlinkedLeft.GetValueOrDefault(x.Delivery.Id)))];

        FailedDelivery Listed(ReminderDelivery r, string? title, string? link, string? email, string? leftOrganisation) => leftOrganisation is null
            ? new(
                r.Id, r.DeadlineId,
                r.DeadlineId is { } id && listed.TryGetValue(id, out var deadline) ? deadline.Subject : title ?? (r.WindowEnd != null ? "Digest" : ""),
                r.Step, email ?? r.Recipient, r.Attempts, r.LastError, r.CreatedAt, r.Status, r.SentAt, r.ResentAt, r.ResentBy, link)
            // What the notice (or the reminder linked to it) was about is that organisation's business, not its person's now:
            // listed, so the failure is seen, without its title or its link, as the notification centre leaves it out.
            : new(
                r.Id, r.DeadlineId, MovedSinceSubject(leftOrganisation), r.Step, email ?? r.Recipient, r.Attempts, r.LastError, r.CreatedAt, r.Status, r.SentAt,
                r.ResentAt, r.ResentBy, null, LeftOrganisation: leftOrganisation);
    }

    /// <summary>
    /// The deadline reminders among <paramref name="deliveries"/> recorded before reminders were linked to their person's
    /// notice, whose person has been moved since out of the organisation the reminder was addressed under (ADR 4): with no
    /// notice to say which, the deadline does, as the send would judge it now. The owner was reminded under the LINk that
    /// sent it, and a named contact (by the account their address is) under the organisation that owes the answer; an
    /// editor reminded in the place of either was in one of the two, and has left when they are in neither. Such a
    /// reminder tells of that organisation's business: listed without its subject or link, and not resent, as one linked
    /// to a notice.
    /// </summary>
    /// <returns>The organisation each such delivery was addressed under (both, joined by "or", for a stand-in), by
    /// delivery id.</returns>
    private async Task<Dictionary<long, string>> LeftSinceUnlinkedAsync(
        EngagementHubDbContext db, IReadOnlyCollection<ReminderDelivery> deliveries, IReadOnlyDictionary<int, RemindedDeadline>? listed, CancellationToken ct)
    {
        var unlinked = deliveries.Where(d => d.NotificationId is null && d.DeadlineId is not null).ToList();
        var left = new Dictionary<long, string>();
        if (unlinked.Count == 0)
        {
            return left;
        }

        listed ??= await deadlines.ListedAsync(db, [.. unlinked.Select(d => d.DeadlineId!.Value).Distinct()], ct);
        var recipients = unlinked.Select(d => d.Recipient).Distinct().ToList();
        var addresses = recipients.Select(AccountAddress.Normalise).OfType<string>().Distinct().ToList();
        var accounts = await db.Users.AsNoTracking()
            .Where(u => recipients.Contains(u.Id) || (u.NormalizedEmail != null && addresses.Contains(u.NormalizedEmail)))
            .Select(u => new { u.Id, u.NormalizedEmail, u.OrganisationId }).ToListAsync(ct);
        var organisationIds = listed.Values.SelectMany(d => new[] { d.SentByOrganisationId, d.ToOrganisationId }).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        string Name(int id) => names.GetValueOrDefault(id) ?? "";

        foreach (var delivery in unlinked)
        {
            if (!listed.TryGetValue(delivery.DeadlineId!.Value, out var deadline))
            {
                continue;
            }

            var account = accounts.FirstOrDefault(a => a.Id == delivery.Recipient);
            string? addressedUnder;
            if (account is not null)
            {
                addressedUnder = delivery.Recipient == deadline.OwnerUserId
                    ? account.OrganisationId == deadline.SentByOrganisationId ? null : Name(deadline.SentByOrganisationId)
                    : account.OrganisationId == deadline.SentByOrganisationId || account.OrganisationId == deadline.ToOrganisationId
                        ? null
                        : $"{Name(deadline.SentByOrganisationId)} or {Name(deadline.ToOrganisationId)}";
            }
            else
            {
                // A named contact's address: theirs to be told while it is nobody's account or an account at the organisation
                // that owes the answer.
                var normalised = AccountAddress.Normalise(delivery.Recipient);
                var contact = accounts.FirstOrDefault(a => a.Id != delivery.Recipient && a.NormalizedEmail == normalised);
                addressedUnder = contact is null || contact.OrganisationId == deadline.ToOrganisationId ? null : Name(deadline.ToOrganisationId);
            }

            if (addressedUnder is not null)
            {
                left[delivery.Id] = addressedUnder;
            }
        }

        return left;
    }

    /// <summary>
    /// What the administrators' list says an e-mail was about when its person has been moved, since its notice was
    /// addressed, out of the organisation it was addressed under (ADR 4): not the notice's title, which tells of that
    /// organisation's business.
    /// </summary>
    /// <returns>"A notice from their time at X, which they have since left", the name isolated. A calculation: it refuses nothing.</returns>
    public static string MovedSinceSubject(string organisationName) =>
        $"A notice from their time at {UntrustedText.Isolate(organisationName)}, which they have since left";

    /// <summary>
    /// Why an e-mail whose person has been moved out of the organisation its notice was addressed under is not resent
    /// (<see cref="ResendAsync"/>'s refusal, and the list's state): it would be cancelled when it went.
    /// </summary>
    /// <returns>The message, naming the organisation (isolated) and what would send it again. Refuses nothing itself.</returns>
    public static string MovedSinceMessage(string organisationName) =>
        $"Not sent: its person has moved from {UntrustedText.Isolate(organisationName)} since it was addressed to them there, so it is no longer theirs to be told. "
        + "It can be resent only if they are moved back.";

    /// <summary>
    /// An administrator queues a failed e-mail again: back to Pending with a fresh set of attempts, so it goes through
    /// the same claim as every send and still cannot go twice. The caller then queues the send job by id (and the
    /// start-up catch-up would, should that job be lost). Recorded in the audit log as the administrator's action.
    /// </summary>
    /// <returns>Success; failed with a message for the administrator when it is no longer failed (e.g. someone resent it
    /// first), or when its person has been moved since out of the organisation its notice (or, with none linked, its
    /// deadline) was addressed under
    /// (<see cref="MovedSinceMessage"/>: it would not be sent to them, ADR 4).</returns>
    /// <exception cref="AccessDeniedException">Not an administrator (the refusal is logged).</exception>
    public async Task<Outcome> ResendAsync(Actor actor, long deliveryId, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "resend a failed e-mail");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // Addressed to its person under an organisation they have been moved out of since: the send would cancel it (its
        // notice is no longer theirs, ADR 4), so it is not queued, and the administrator is told why.
        var left = await (from d in db.ReminderDeliveries.AsNoTracking()
                          where d.Id == deliveryId
                          join n in db.Notifications on d.NotificationId equals n.Id
                          join u in db.Users on d.Recipient equals u.Id
                          where n.OrganisationId != u.OrganisationId
                          select db.Organisations.Where(o => o.Id == n.OrganisationId).Select(o => o.Name).FirstOrDefault() ?? "")
            .FirstOrDefaultAsync(ct);
        // An older deadline reminder with no notice linked: the deadline says which organisation it was addressed under.
        if (left is null && await db.ReminderDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId && d.NotificationId == null && d.DeadlineId != null, ct) is { } unlinked)
        {
            left = (await LeftSinceUnlinkedAsync(db, [unlinked], null, ct)).GetValueOrDefault(deliveryId);
        }

        if (left is not null)
        {
            return Outcome.Failed(MovedSinceMessage(left));
        }

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
            .Select(d => new { d.Status, d.ResentAt, d.ResentBy, d.DeadlineId })
            .FirstOrDefaultAsync(ct);
        if (current is null)
        {
            return "This e-mail is no longer on record (its deadline was removed), so there is nothing to resend.";
        }

        var now = current.Status switch
        {
            DeliveryStatus.Sent => "it has been sent",
            DeliveryStatus.Cancelled when current.DeadlineId is not null => "it was not sent because the deadline was answered, withdrawn or given a new due date",
            DeliveryStatus.Cancelled => "it was not sent because the person no longer hears of this by e-mail at once (they chose a digest or the app only, may no longer use the app, or have moved to another organisation)",
            _ => "it is waiting to be sent",
        };
        return current is { ResentAt: { } at, ResentBy: { } by }
            ? $"{by} already queued this e-mail again on {UkTime.Format(at)}, and {now}. It was not queued a second time."
            : $"This e-mail has not failed: {now}. It was not queued again.";
    }
}
