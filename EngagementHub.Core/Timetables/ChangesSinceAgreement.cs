using EngagementHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Timetables;

/// <summary>How a date differs from its year's last agreement, when it does.</summary>
public enum SinceAgreement
{
    /// <summary>The date as every organisation asked agreed it.</summary>
    AsAgreed,

    /// <summary>Added to the year after the year was agreed; not yet agreed.</summary>
    Added,

    /// <summary>Changed (moved, re-worded, made public) after the year was agreed; not yet agreed.</summary>
    Changed,
}

/// <summary>
/// Which dates of agreed years have been added or changed since their year was last agreed. A year agreed once stays
/// published while its changes are checked and agreed again (ADR 7), showing its dates as they now stand; what leaves
/// the system (the public timetable, its CSV and JSON, the calendar feeds) marks the dates nobody has agreed yet, so a
/// reader never takes one partner's change for the partnership's agreement.
/// </summary>
public static class ChangesSinceAgreement
{
    /// <summary>
    /// The dates among <paramref name="events"/> that a year they fall in has logged a change to since its last
    /// agreement (<see cref="AnnualTimetable.RecordChange"/>; agreeing the year again clears the flag and so the marks),
    /// unless the audit log shows the change undone since (a date moved and moved back).
    /// </summary>
    /// <param name="db">Read only.</param>
    /// <param name="events">The dates shown; those of years never agreed are never marked.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>Each marked date's id with <see cref="SinceAgreement.Added"/> (created after the agreement) or
    /// <see cref="SinceAgreement.Changed"/>; dates as agreed are left out. Refuses nothing: the callers decide what may be
    /// shown.</returns>
    public static async Task<IReadOnlyDictionary<int, SinceAgreement>> OfAsync(
        EngagementHubDbContext db, IReadOnlyCollection<TimetableEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return new Dictionary<int, SinceAgreement>();
        }

        var ids = events.Select(e => e.Id).ToList();
        // Only years flagged as changed since their agreement hold changes nobody has agreed; their logs are short. The
        // moments are compared here, not in SQL, as SQLite stores them as text.
        var logged = await (from c in db.TimetableChanges.AsNoTracking()
                            join t in db.AnnualTimetables.AsNoTracking() on c.TimetableId equals t.Id
                            where t.ChangedSinceAgreement && t.AgreedAt != null && c.EventId != null && ids.Contains(c.EventId.Value)
                            select new { EventId = c.EventId!.Value, c.At, AgreedAt = t.AgreedAt!.Value })
            .ToListAsync(ct);
        var agreedBefore = logged.Where(c => c.At > c.AgreedAt)
            .GroupBy(c => c.EventId)
            .ToDictionary(g => g.Key, g => g.Min(c => c.AgreedAt));
        if (agreedBefore.Count == 0)
        {
            return new Dictionary<int, SinceAgreement>();
        }

        // A date moved and moved back is as agreed again: its edits since the agreement, read from the audit log, leave
        // every field as the first of them found it.
        var keys = agreedBefore.Keys.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var edits = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(TimetableEvent) && a.Action == Auditing.AuditAction.Modified && keys.Contains(a.EntityId))
            .Select(a => new { a.Id, a.EntityId, a.At, a.Changes })
            .ToListAsync(ct);
        // Only when the log holds those edits: a change it has no record of stays a change.
        bool UndoneSince(TimetableEvent e)
        {
            var since = edits.Where(a => a.EntityId == e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.At > agreedBefore[e.Id])
                .OrderBy(a => a.Id).SelectMany(a => a.Changes).ToList();
            return since.Count > 0 && since.GroupBy(c => c.Property).All(g => g.First().Before == g.Last().After);
        }

        return events.Where(e => agreedBefore.ContainsKey(e.Id))
            .Select(e => (e.Id, Since: e.CreatedAt > agreedBefore[e.Id] ? SinceAgreement.Added
                : UndoneSince(e) ? SinceAgreement.AsAgreed : SinceAgreement.Changed))
            .Where(e => e.Since != SinceAgreement.AsAgreed)
            .ToDictionary(e => e.Id, e => e.Since);
    }

    /// <summary>The words a public page or feed puts beside a marked date (a date as agreed is not marked).</summary>
    /// <returns>"Added since the timetable was agreed; not yet agreed", "Changed since …", or "As the partners agreed it".</returns>
    public static string Label(this SinceAgreement since) => since switch
    {
        SinceAgreement.Added => "Added since the timetable was agreed; not yet agreed",
        SinceAgreement.Changed => "Changed since the timetable was agreed; not yet agreed",
        SinceAgreement.AsAgreed => "As the partners agreed it",
        _ => since.ToString(),
    };
}
