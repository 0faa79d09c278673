using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Timetables;

/// <summary>
/// The year's change log: what a partner reads about a change to the timetable after it was proposed or agreed, and
/// where that note is saved. A change to an event and its note land in one transaction, so no failure or retry can
/// keep the change while skipping the note (and with it the end of an agreement round).
/// </summary>
public static class TimetableChangeLog
{
    /// <summary>"Added 'Board' (Tue 12 Jan 2027)." — the wording for a new event.</summary>
    public static string Added(TimetableEvent added) => $"Added '{UntrustedText.Isolate(added.Title)}' ({added.When}).";

    /// <summary>The wording for a removed event.</summary>
    public static string Removed(TimetableEvent removed) => $"Removed '{UntrustedText.Isolate(removed.Title)}' ({removed.When}).";

    /// <summary>The wording for the stages of a commissioning cycle added at once.</summary>
    public static string CycleAdded(CycleTemplate template, int stages) => stages == 1 ? $"Added the stage of '{UntrustedText.Isolate(template.Name)}'." : $"Added the {stages} stages of '{UntrustedText.Isolate(template.Name)}'.";

    /// <summary>"Moved 'Board' from Tue 12 Jan 2027 to Tue 19 Jan 2027." — what a partner needs to know changed.</summary>
    /// <returns>The sentence, or null when nothing a partner would notice changed.</returns>
    public static string? Describe(TimetableEventInput before, TimetableEvent after)
    {
        var parts = new List<string>();
        var whenBefore = TimetableRules.DescribeWhen(before.StartDate!.Value, before.EndDate ?? before.StartDate.Value, before.StartTime, before.EndTime);
        if (whenBefore != after.When)
        {
            parts.Add($"moved from {whenBefore} to {after.When}");
        }

        if (before.Title.Trim() != after.Title)
        {
            parts.Add($"renamed from '{UntrustedText.Isolate(before.Title.Trim())}'");
        }

        if (before.Kind != after.Kind)
        {
            parts.Add($"now a {after.Kind.Label().ToLowerInvariant()}");
        }

        if (before.Visibility != after.Visibility)
        {
            parts.Add(after.Visibility == EventVisibility.Public ? "now public" : "now for partners only");
        }

        if (!before.ExerciseIds.Order().SequenceEqual(after.ExerciseIds))
        {
            parts.Add("linked exercises changed");
        }

        if (before.IsFormal != after.IsFormal || before.IsMovable != after.IsMovable
            || InputValidation.Clean(before.Description) != after.Description || InputValidation.Clean(before.Location) != after.Location)
        {
            parts.Add("details changed");
        }

        return parts.Count == 0 ? null : $"'{UntrustedText.Isolate(after.Title)}' {string.Join("; ", parts)}.";
    }

    /// <summary>How many times a note is tried against the year's row: each conflict means another partner's note (or a
    /// step of the round) was saved first, and a retry costs one read, so a busy morning of several partners' edits at
    /// once still saves every one.</summary>
    public const int Tries = 8;

    /// <summary>
    /// Notes a change to an event in each of <paramref name="years"/> that has a timetable (<see cref="RecordAsync"/>): the
    /// years the event's days fell in before the change and fall in after it, since each year's partners agreed, or are
    /// to agree, the days of it in their year (ADR 7). The years are noted in the order of their rows (their keys): each
    /// note saves its year's row, so two changes across 31 March in opposite directions, or a change and a deactivation
    /// that settles several years in one save (which writes rows in key order), take the rows in the same order and one
    /// waits for the other, where taking them in opposite orders would deadlock.
    /// </summary>
    /// <exception cref="InvalidOperationException">No transaction is open on <paramref name="db"/>.</exception>
    /// <exception cref="DbUpdateConcurrencyException">A year's row kept changing through <see cref="Tries"/> tries (<see cref="RecordAsync"/>).</exception>
    public static async Task RecordInYearsAsync(
        EngagementHubDbContext db, Actor actor, IEnumerable<int> years, int? eventId, int organisationId, string summary, TimeProvider clock, CancellationToken ct)
    {
        int[] touched = [.. years.Distinct()];
        var inKeyOrder = await db.AnnualTimetables.AsNoTracking().Where(t => touched.Contains(t.Year)).OrderBy(t => t.Id).Select(t => t.Year).ToListAsync(ct);
        foreach (var year in inKeyOrder)
        {
            await RecordAsync(db, actor, year, eventId, organisationId, summary, clock, ct);
        }
    }

    /// <summary>
    /// Notes a change on the year's timetable once it has been proposed (nothing before:
    /// <see cref="AnnualTimetable.NeverProposed"/>), whether it is out for agreement, back with its proposer or agreed,
    /// with the notices it causes, and saves them in the caller's open transaction, after the event's own save: the
    /// caller commits both or neither. Every note saves the year's row (<see cref="SaveGateway.SaveUnderItsVersion"/>), so partners changing the
    /// year at once meet on it: a conflict is re-read and retried, up to <see cref="Tries"/> tries, the tracked entities
    /// cleared first.
    /// </summary>
    /// <exception cref="InvalidOperationException">No transaction is open on <paramref name="db"/>.</exception>
    /// <exception cref="DbUpdateConcurrencyException">The timetable row kept changing through <see cref="Tries"/> tries: the caller's
    /// transaction is not committed, so nothing of the change is saved (pages tell the person so, AppComponentBase).</exception>
    public static async Task RecordAsync(
        EngagementHubDbContext db, Actor actor, int year, int? eventId, int organisationId, string summary, TimeProvider clock, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A timetable change is logged in the transaction that saves the change.");
        }

        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var timetable = await db.AnnualTimetables.FirstOrDefaultAsync(t => t.Year == year, ct);
            if (timetable is null || timetable.NeverProposed)
            {
                return;
            }

            var (wasProposed, wasChanged) = (timetable.Status == TimetableStatus.Proposed, timetable.ChangedSinceAgreement);
            if (wasChanged)
            {
                // Whom the change asks depends on what each partner still had to check (TimetableNotices).
                await db.Entry(timetable).Collection(t => t.Changes).LoadAsync(ct);
                await db.Entry(timetable).Collection(t => t.ChangeChecks).LoadAsync(ct);
            }

            timetable.RecordChange(eventId, organisationId, actor.DisplayName, summary, clock.GetUtcNow());
            // Saved with the year's row even when the year was already flagged: a partner's check of the changes saved
            // meanwhile (which saves it too) then makes this note re-read with it, so whom it asks is decided on it;
            // and the year's changes are numbered in the order they are saved (AnnualTimetable.ChangesToCheckFor).
            db.SaveUnderItsVersion(timetable);
            await TimetableNotices.TimetableChangedAsync(db, actor, timetable, wasProposed, wasChanged, summary, clock.GetUtcNow(), ct);
            try
            {
                await db.ActingAs(actor).SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Tries - 1)
            {
                // Someone changed the year a moment ago: read it again and note the change on their version.
            }
        }
    }
}
