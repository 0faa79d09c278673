using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Notifications;

/// <summary>What an unsubscribe link did: whose category, and whether it had already been set to "in the app only".</summary>
public sealed record UnsubscribeResult(string DisplayName, NotificationCategory Category, bool AlreadyInAppOnly);

/// <summary>
/// Each person's choice, per category, of how they hear of notifications; and the one-click unsubscribe that sets a
/// category to "in the app only". Everyone may change only their own; the unsubscribe link speaks for the person it
/// was sent to, by a token ASP.NET Core Data Protection signed and encrypted (so it cannot be forged or altered).
/// </summary>
public sealed class NotificationPreferences(IDbContextFactory<EngagementHubDbContext> dbFactory, IDataProtectionProvider protection, TimeProvider clock)
{
    private const string Purpose = "EngagementHub.Notifications.Unsubscribe.v1";

    /// <summary>The person's choice for every category, the default where they have made none.</summary>
    /// <returns>A choice for each category (default: <see cref="NotificationPreference.DefaultFor"/>). Refuses nobody: it reads only the actor's own.</returns>
    public async Task<IReadOnlyDictionary<NotificationCategory, DeliveryPreference>> ForAsync(Actor actor, CancellationToken ct = default)
    {
        var chosen = new Dictionary<NotificationCategory, DeliveryPreference>();
        if (actor.UserId is { } userId)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Category, p => p.Delivery, ct);
        }

        return Enum.GetValues<NotificationCategory>().ToDictionary(c => c, c => chosen.TryGetValue(c, out var d) ? d : NotificationPreference.DefaultFor(c));
    }

    /// <summary>
    /// Sets the signed-in person's own choice for one category; signed-out or system actors change nothing. Moving a
    /// category from a digest to "immediately" e-mails, each on its own and at once, the notices that were waiting for
    /// that digest: no digest carries the category any more, and each digest carries everything since the previous one
    /// (ADR 14), so nothing is left unsent. Nothing already e-mailed, or carried by a digest, goes again.
    /// </summary>
    /// <remarks>Refuses nobody: nobody can set another person's choice through it.</remarks>
    public async Task SetAsync(Actor actor, NotificationCategory category, DeliveryPreference delivery, CancellationToken ct = default)
    {
        if (actor.UserId is { } userId)
        {
            await SetAsync(userId, category, delivery, ct);
        }
    }

    /// <summary>When the person's digests go: their choice, or the defaults (08:00 UK time; weekly on Mondays).</summary>
    /// <returns>The hour of the day (0 to 23, UK time) and the weekly digest's day. Refuses nobody: it reads only the actor's own.</returns>
    public async Task<(int Hour, DayOfWeek Day)> DigestScheduleAsync(Actor actor, CancellationToken ct = default)
    {
        DigestSchedule? schedule = null;
        if (actor.UserId is { } userId)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            schedule = await db.DigestSchedules.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId, ct);
        }

        return (schedule?.Hour ?? DigestSchedule.DefaultHour, schedule?.Day ?? DigestSchedule.DefaultDay);
    }

    /// <summary>Sets the signed-in person's own digest hour (UK time) and weekly day; signed-out or system actors change nothing.</summary>
    /// <returns>
    /// Failed, tied to the field ("Hour", "Day"), for an hour outside 0–23 or a day that is not one; nothing is saved.
    /// Refuses nobody otherwise: nobody can set another person's schedule through it.
    /// </returns>
    public async Task<Outcome> SetDigestScheduleAsync(Actor actor, int hour, DayOfWeek day, CancellationToken ct = default)
    {
        if (hour is < 0 or > 23)
        {
            return Outcome.Invalid(new FieldError("Hour", "Choose an hour from 00:00 to 23:00."));
        }

        if (!Enum.IsDefined(day))
        {
            return Outcome.Invalid(new FieldError("Day", "Choose a day of the week."));
        }

        if (actor.UserId is not { } userId)
        {
            return Outcome.Success;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var existing = await db.DigestSchedules.FirstOrDefaultAsync(s => s.UserId == userId, ct);
            if (existing is null)
            {
                db.DigestSchedules.Add(new DigestSchedule(userId, hour, day, clock.GetUtcNow()));
            }
            else
            {
                existing.Change(hour, day, clock.GetUtcNow());
            }

            try
            {
                await db.SaveChangesAsync(ct);
                return Outcome.Success;
            }
            catch (DbUpdateException) when (existing is null && attempt < 2)
            {
                // Saved from two tabs at once: the other inserted the row first; update it instead.
            }
        }
    }

    /// <summary>The token an e-mail's unsubscribe link carries: this person, this category.</summary>
    /// <returns>An opaque, URL-safe token, protected by ASP.NET Core Data Protection; it does not expire. Refuses
    /// nobody: the e-mail it goes into is the person's own.</returns>
    public string UnsubscribeToken(string userId, NotificationCategory category) =>
        protection.CreateProtector(Purpose).Protect($"{category}\n{userId}");

    /// <summary>
    /// Sets the token's category to "in the app only" for the person it was issued to. Safe to use twice (mail systems
    /// and people do): the second use changes nothing and says it was already so.
    /// </summary>
    /// <returns>Null for a token that was not issued here, was altered, or names a person who no longer exists or may not
    /// use the app (disabled, or of a deactivated organisation: their links in e-mails do not work, <see cref="AccountStanding"/>,
    /// ADR 4); nothing is changed then. Refuses nobody: the link is the proof, and an unusable one is an answer, not an
    /// exception.</returns>
    public async Task<UnsubscribeResult?> UnsubscribeAsync(string? token, CancellationToken ct = default)
    {
        if (await UsableAsync(token, ct) is not var (userId, category, name))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var before = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId && p.Category == category)
            .Select(p => (DeliveryPreference?)p.Delivery).FirstOrDefaultAsync(ct) ?? NotificationPreference.DefaultFor(category);
        await SetAsync(userId, category, DeliveryPreference.InAppOnly, ct);
        return new UnsubscribeResult(name, category, before == DeliveryPreference.InAppOnly);
    }

    /// <summary>
    /// Whether an unsubscribe link works now, without changing anything (the confirm page asks it): a token issued here,
    /// naming a person who may use the app (<see cref="AccountStanding"/>).
    /// </summary>
    /// <returns>The person, their name and the token's category; null for a token <see cref="Read"/> refuses, or one
    /// naming a person who no longer exists, is disabled or belongs to a deactivated organisation. Refuses nobody: the
    /// link is the proof, and an unusable one is an answer, not an exception.</returns>
    public async Task<(string UserId, NotificationCategory Category, string DisplayName)?> UsableAsync(string? token, CancellationToken ct = default)
    {
        if (Read(token) is not var (userId, category))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.Users.AsNoTracking().Where(u => u.Id == userId).Where(AccountStanding.MayUseTheApp(db))
            .Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        return name is null ? null : (userId, category, name);
    }

    /// <summary>Who and which category a token names, without changing anything; null when not valid. It does not look
    /// the person up: <see cref="UsableAsync"/> says whether the link works.</summary>
    /// <returns>The user id and category the token names; null for a missing, altered or forged token, or one naming no
    /// category. Refuses nobody: the link is the proof, and an unusable one is an answer, not an exception.</returns>
    public (string UserId, NotificationCategory Category)? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        try
        {
            var parts = protection.CreateProtector(Purpose).Unprotect(token).Split('\n', 2);
            return parts.Length == 2 && Enum.TryParse<NotificationCategory>(parts[0], out var category) && Enum.IsDefined(category)
                ? (parts[1], category)
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>
    /// Queues the e-mail of each notice of the category that was waiting for the person's <paramref name="digest"/>: those
    /// after the end of their last digest of that kind (or, before their first, of the other kind, or else since they
    /// chose it) that no digest carried and that were not e-mailed on their own, less any from a spell "in the app only"
    /// (<see cref="DigestSweep.Items"/>'s rule). A notice whose own e-mail was cancelled because the digest was chosen
    /// before it went has that e-mail queued again; one whose e-mail failed stays with the administrators. Each goes as a
    /// notice's e-mail does, dated when it is sent long after it happened (<see cref="ReminderMailer.SentLateAfter"/>).
    /// Added to <paramref name="db"/>, saved with the choice.
    /// </summary>
    private async Task EmailWhatWaitedForTheDigestAsync(EngagementHubDbContext db, NotificationPreference choice, DigestKind digest, CancellationToken ct)
    {
        var (userId, category) = (choice.UserId, choice.Category);
        var steps = new[] { DigestSchedule.StepFor(digest), DigestSchedule.StepFor(digest == DigestKind.Daily ? DigestKind.Weekly : DigestKind.Daily) };
        var ends = await db.ReminderDeliveries.AsNoTracking().Where(d => d.Recipient == userId && steps.Contains(d.Step) && d.WindowEnd != null)
            .GroupBy(d => d.Step).Select(g => new { Step = g.Key, End = g.Max(d => d.WindowEnd) }).ToListAsync(ct);
        var start = ends.FirstOrDefault(e => e.Step == steps[0])?.End ?? ends.FirstOrDefault()?.End ?? choice.UpdatedAt;
        var waiting = await DigestSweep.Items(db, userId, [category], start, clock.GetUtcNow()).Select(n => n.Id).ToListAsync(ct);
        if (waiting.Count == 0)
        {
            return;
        }

        var cancelled = await db.ReminderDeliveries.Where(d => d.NotificationId != null && waiting.Contains(d.NotificationId.Value)).ToListAsync(ct);
        foreach (var email in cancelled.Where(d => d.Status == DeliveryStatus.Cancelled))
        {
            email.QueueAgain();
        }

        var now = clock.GetUtcNow();
        foreach (var id in waiting.Except(cancelled.Select(d => d.NotificationId!.Value)))
        {
            db.ReminderDeliveries.Add(new ReminderDelivery(id, userId, now));
        }
    }

    /// <summary>One person's choice for <paramref name="category"/>, or its default when they made none.</summary>
    /// <returns>How they hear of it. Refuses nobody: the mailer asks it at send time.</returns>
    public static async Task<DeliveryPreference> ChoiceAsync(EngagementHubDbContext db, string userId, NotificationCategory category, CancellationToken ct = default) =>
        await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId && p.Category == category)
            .Select(p => (DeliveryPreference?)p.Delivery).FirstOrDefaultAsync(ct) ?? NotificationPreference.DefaultFor(category);

    /// <summary>Of <paramref name="userIds"/>, those whose choice for <paramref name="category"/> (or its default) is <paramref name="delivery"/>.</summary>
    /// <returns>Those user ids (a subset of <paramref name="userIds"/>); empty when none chose it. Refuses nobody: the
    /// step recording a notice asks it.</returns>
    public static async Task<HashSet<string>> ChoosingAsync(
        EngagementHubDbContext db, IReadOnlyCollection<string> userIds, NotificationCategory category, DeliveryPreference delivery, CancellationToken ct = default)
    {
        var chosen = await db.NotificationPreferences.AsNoTracking()
            .Where(p => p.Category == category && userIds.Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, p => p.Delivery, ct);
        return [.. userIds.Where(id => (chosen.TryGetValue(id, out var d) ? d : NotificationPreference.DefaultFor(category)) == delivery)];
    }

    private async Task SetAsync(string userId, NotificationCategory category, DeliveryPreference delivery, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var existing = await db.NotificationPreferences.FirstOrDefaultAsync(p => p.UserId == userId && p.Category == category, ct);
            if (existing is null)
            {
                db.NotificationPreferences.Add(new NotificationPreference(userId, category, delivery, clock.GetUtcNow()));
            }
            else
            {
                if (delivery == DeliveryPreference.Immediately && DigestSchedule.KindFor(existing.Delivery) is { } digest)
                {
                    await EmailWhatWaitedForTheDigestAsync(db, existing, digest, ct);
                }

                existing.Change(delivery, clock.GetUtcNow());
            }

            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (existing is null && attempt < 2)
            {
                // The same link used twice at once: the other request inserted the row first; update it instead.
            }
        }
    }
}
