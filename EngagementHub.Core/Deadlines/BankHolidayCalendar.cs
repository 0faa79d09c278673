using System.Text.Json;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Deadlines;

/// <summary>What an import of GOV.UK's list did (or, in a preview, would do), counted in holidays.</summary>
/// <param name="Added">Holidays on dates the calendar did not have.</param>
/// <param name="Renamed">Holidays already on the calendar whose name the list changes; the date stays.</param>
/// <param name="Unchanged">Holidays the calendar already had, name and all.</param>
/// <param name="DeadlinesMoved">Dates the import moved: open deadlines', and feedback still owed on issues (proposed
/// extensions it made impossible to agree are not moved, and not counted).</param>
/// <param name="Removed">Holidays of the published list (shipped from the statutory pattern, or imported before) on
/// dates the file does not list, within the part of their year it holds: the file's days replace them (ADR 0012,
/// "Partly filled years").</param>
public sealed record ImportResult(int Added, int Renamed, int Unchanged, int DeadlinesMoved = 0, int Removed = 0);

/// <summary>What an import of GOV.UK's list would do, for the administrator to confirm.</summary>
/// <param name="Result">The counts.</param>
/// <param name="Moved">The due dates it would move, before and after.</param>
/// <param name="Removed">The holidays it would remove: days of the published list the file does not list, within the
/// part of their year it holds (a holiday GOV.UK moved, at its old date).</param>
/// <param name="Kept">Days an administrator added, within the part of their year the file holds, that the file does not
/// list: they stay holidays, as additions to the list (a local or one-off day), and the administrator may remove them.</param>
public sealed record ImportPreview(ImportResult Result, IReadOnlyList<MovedDeadline> Moved, IReadOnlyList<Holiday> Removed, IReadOnlyList<Holiday> Kept);

/// <summary>What falls due on a date that a holiday change moves.</summary>
public enum MovedDateKind
{
    /// <summary>A response deadline's due date.</summary>
    Response,

    /// <summary>The date by which the person who raised a work programme issue is owed feedback on its decision.</summary>
    Feedback,

    /// <summary>The statutory due date (the count from receipt) of a deadline whose agreed extension still sets its due
    /// date, which stays.</summary>
    StatutoryDate,

    /// <summary>The due date missed before a late extension was agreed, from which the deadline's lateness is counted
    /// (ADR 12). It never moves onto or past the day an extension was first agreed late: there it stays as recorded.</summary>
    MissedDate,

    /// <summary>An extension waiting to be agreed that the change makes impossible to agree: a bank holiday declared on its
    /// date, or the due date moved onto or past it (<see cref="ResponseDeadline.ProposalOvertakenOn"/>). The proposal does
    /// not move, as it is not agreed; <see cref="MovedDeadline.To"/> is a working day that could be proposed instead
    /// (<see cref="ProposalOvertaken.ProposeInstead"/>).</summary>
    ProposedDate,

    /// <summary>An extension waiting to be agreed that could not be agreed before the change and can be again: the holiday
    /// on its date removed, or the due date moved back before it. The proposal does not move; <see cref="MovedDeadline.From"/>
    /// and <see cref="MovedDeadline.To"/> are both its date.</summary>
    ProposedDateAgreeable,
}

/// <summary>A date counted in working days that a holiday change moves (or, in a preview, would move): a deadline's due
/// date, its statutory date under an agreed extension, the date it missed before a late extension, or the date feedback
/// is owed on an issue; or a proposed extension it makes impossible to agree (<see cref="Kind"/>).</summary>
/// <param name="Id">The deadline's id; for feedback, the issue's.</param>
/// <param name="Subject">The deadline's subject; for feedback, the issue's title.</param>
/// <param name="ToOrganisation">The organisation the deadline was sent to; empty for feedback, which is owed to the person
/// who raised the issue (never named here).</param>
/// <param name="From">The UK date it was due.</param>
/// <param name="To">The UK date it falls due on the changed calendar; for a proposed extension, a working day that could be
/// proposed instead.</param>
/// <param name="Kind">What falls due.</param>
public sealed record MovedDeadline(int Id, string Subject, string ToOrganisation, DateOnly From, DateOnly To, MovedDateKind Kind = MovedDateKind.Response)
{
    /// <summary>A date that moves, as opposed to a proposed extension the change leaves impossible to agree, or possible
    /// again, which does not.</summary>
    public bool Moves => Kind is not (MovedDateKind.ProposedDate or MovedDateKind.ProposedDateAgreeable);
}

/// <summary>
/// The bank holidays in the database and the working-day calendar built from them. Everyone reads; admins add, rename,
/// remove and import GOV.UK's list.
/// </summary>
/// <remarks>
/// Due dates follow the calendar they were counted on: every change recounts the open deadlines in the same transaction
/// (<see cref="ResponseDeadline.Recount"/>: the due date, the statutory date and the date missed before a late extension
/// together), writes why in the history of each one whose dates move, and only of those, and tells both sides of the due
/// dates it moves; the others are only planned again for their reminders, which leaves them as they were. Answered deadlines
/// keep the date they were answered against; an agreed extension is a date both sides agreed, not a count, and stays,
/// unless a bank holiday falls on it (then the next working day) or the statutory count comes to end after it (then the
/// count: an extension never gives less time than the law, ADR 0012). The other dates counted in working days that features above this one store
/// (a referrer's feedback) follow the same path through <see cref="IRecountedDates"/>. Each change has a preview that
/// lists what it would move, for the admin to confirm.
/// </remarks>
public sealed class BankHolidayCalendar(
    IDbContextFactory<EngagementHubDbContext> dbFactory, OrganisationAccess access, TimeProvider clock, IEnumerable<IRecountedDates>? recountedElsewhere = null)
    : IWorkingDays
{
    /// <summary>Adds the shipped holidays to a database that has none (every deployment starts with 2005–2030). Refuses
    /// nothing: the app's start and the demo's seeding call it.</summary>
    public static async Task EnsureSeededAsync(EngagementHubDbContext db, CancellationToken ct = default)
    {
        if (await db.BankHolidays.AnyAsync(ct))
        {
            return;
        }

        db.BankHolidays.AddRange(EnglandAndWalesBankHolidays.All.Select(h => new BankHoliday(h.Date, h.Name, HolidaySource.Generated)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The calendar as it stands in the database now. One query of a few hundred rows.</summary>
    /// <returns>The working days: Monday to Friday, not a bank holiday in England and Wales (<see cref="CalendarOf"/>'s
    /// rule). Refuses nobody.</returns>
    public async Task<WorkingDayCalendar> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ReadAsync(db, ct);
    }

    /// <summary>The calendar of the bank holidays in <paramref name="db"/>, read in one query (no tracking).</summary>
    /// <returns>As <see cref="CalendarOf"/> of every row. Refuses nobody: the demo's seeding and the sweeps call it.</returns>
    public static async Task<WorkingDayCalendar> ReadAsync(EngagementHubDbContext db, CancellationToken ct = default) =>
        CalendarOf(await db.BankHolidays.AsNoTracking().ToListAsync(ct));

    /// <summary>
    /// The working-day calendar of these rows. The shipped and imported ones (<see cref="HolidaySource.Generated"/>,
    /// <see cref="HolidaySource.Imported"/>) are the published list; the ones an administrator added
    /// (<see cref="HolidaySource.Manual"/>) are additions to it, which never stand in for a year's list: a year holding
    /// only those keeps the statutory pattern's regular holidays (ADR 0012, "Partly filled years").
    /// </summary>
    /// <returns>The calendar (<see cref="WorkingDayCalendar"/> states the rule per year). Refuses nobody.</returns>
    public static WorkingDayCalendar CalendarOf(IEnumerable<BankHoliday> rows)
    {
        var all = rows.ToList();
        return new WorkingDayCalendar(
            all.Where(h => h.Source != HolidaySource.Manual).Select(h => new Holiday(h.Date, h.Name)),
            all.Where(h => h.Source == HolidaySource.Manual).Select(h => new Holiday(h.Date, h.Name)));
    }

    /// <summary>The bank holidays, for everyone to read.</summary>
    /// <param name="year">Only those in this calendar year (January to December), or all.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The holidays in date order; refuses nobody.</returns>
    public async Task<IReadOnlyList<BankHoliday>> ListAsync(int? year = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.BankHolidays.AsNoTracking();
        if (year is { } y)
        {
            var (from, to) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
            query = query.Where(h => h.Date >= from && h.Date <= to);
        }

        return await query.OrderBy(h => h.Date).ToListAsync(ct);
    }

    /// <summary>
    /// A message for admins when the published list of bank holidays (shipped or imported; days an administrator added
    /// do not extend it, <see cref="WorkingDayCalendar.KnownUntil"/>) runs out within a year of today, or null. After
    /// that date due dates count the regular holidays of the statutory pattern and only the one-off days added here.
    /// </summary>
    /// <returns>The warning in a sentence, or null when the list reaches a year past today's UK date. Refuses nobody:
    /// anyone in the partnership may read it.</returns>
    public async Task<string?> CoverageWarningAsync(CancellationToken ct = default)
    {
        var knownUntil = (await GetAsync(ct)).KnownUntil;
        var today = UkTime.Today(clock);
        return knownUntil is null
            ? "There is no published list of bank holidays in the calendar: due dates count the regular holidays of the statutory pattern and only the one-off days added here. Import GOV.UK's list."
            : knownUntil.Value < today.AddYears(1)
                ? $"The bank holiday calendar runs out on {UkTime.FormatDate(knownUntil.Value)}. Import GOV.UK's list: after then due dates count the regular holidays of the statutory pattern and only the one-off days added here."
                : null;
    }

    /// <summary>The due dates adding this holiday would move (open deadlines', feedback still owed), or why it cannot be added. Changes nothing.</summary>
    /// <returns>The dates, before and after, and the proposed extensions it would leave impossible to agree
    /// (<see cref="MovedDateKind.ProposedDate"/>); field messages as <see cref="AddAsync"/>'s.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator.</exception>
    public Task<Outcome<IReadOnlyList<MovedDeadline>>> PreviewAddAsync(Actor actor, DateOnly date, string name, CancellationToken ct = default) =>
        AddCoreAsync(actor, date, name, apply: false, ct);

    /// <summary>
    /// Adds a holiday and recounts the due dates it moves (open deadlines', feedback still owed); returns them. The day
    /// is an addition to the published list (<see cref="HolidaySource.Manual"/>): in a year without a published list the
    /// statutory pattern's regular holidays still count beside it, so adding a day never brings a due date forward
    /// (ADR 0012, "Partly filled years").
    /// </summary>
    /// <param name="actor">The administrator adding it.</param>
    /// <param name="date">The holiday's UK date; a weekday (a weekend holiday has a substitute day instead).</param>
    /// <param name="name">The holiday's name, e.g. "Coronation of King Charles III".</param>
    /// <param name="ct">Cancels the change; nothing is saved.</param>
    /// <returns>
    /// The moved dates and the proposed extensions left impossible to agree; field messages on "Name" (blank, too long, a control character or a line break) or "Date" (a weekend, already a holiday, also when added a
    /// moment before by someone else); a problem when a
    /// deadline or an issue changed during the save (nothing saved).
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator.</exception>
    public Task<Outcome<IReadOnlyList<MovedDeadline>>> AddAsync(Actor actor, DateOnly date, string name, CancellationToken ct = default) =>
        AddCoreAsync(actor, date, name, apply: true, ct);

    /// <summary>The due dates removing this holiday would move (open deadlines', feedback still owed). Changes nothing.</summary>
    /// <returns>The dates, before and after, and the proposed extensions it would leave impossible to agree; empty when the
    /// holiday is already gone; the problem
    /// <see cref="RemoveAsync"/> would refuse with.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator.</exception>
    public Task<Outcome<IReadOnlyList<MovedDeadline>>> PreviewRemoveAsync(Actor actor, int id, CancellationToken ct = default) =>
        RemoveCoreAsync(actor, id, apply: false, ct);

    /// <summary>
    /// Removes a holiday (nothing when it is already gone) and recounts the due dates it moves; returns them. Removing a
    /// day never pushes a due date later (ADR 0012, "Partly filled years"): a removal after which the statutory pattern
    /// would count another day (the last January or December holiday of a year's published list, which the rest of the
    /// year's days of the pattern would follow back) is refused. A day the pattern gives anyway (a regular holiday of a
    /// year with no published list, typed in by an administrator) stays a holiday once its row is removed.
    /// </summary>
    /// <returns>The moved dates and the proposed extensions left impossible to agree; a problem saying which days the statutory pattern would bring back (nothing saved),
    /// or when a deadline or an issue changed during the save (nothing saved).</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator.</exception>
    public Task<Outcome<IReadOnlyList<MovedDeadline>>> RemoveAsync(Actor actor, int id, CancellationToken ct = default) =>
        RemoveCoreAsync(actor, id, apply: true, ct);

    /// <summary>
    /// What importing this file would do: the holidays it adds, renames and removes, the days an administrator added that
    /// it keeps, and the due dates it would move. Changes nothing.
    /// </summary>
    /// <returns>The preview; a message on "File" when it cannot be read as GOV.UK's list.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator.</exception>
    public async Task<Outcome<ImportPreview>> PreviewImportGovUkAsync(Actor actor, Stream json, CancellationToken ct = default) =>
        await ImportCoreAsync(actor, json, apply: false, ct);

    /// <summary>
    /// Imports the England and Wales events of GOV.UK's <c>bank-holidays.json</c>: new dates are added, renamed ones
    /// renamed. A note such as "Substitute day" stays in the name: "Christmas Day (substitute day)". The file is the
    /// published list: for the part of each year it holds (its first to its last holiday of that calendar year), its days
    /// replace the statutory pattern's, so a regular holiday GOV.UK moved moves here (ADR 0012, "Partly filled years"):
    /// the shipped or earlier imported rows it does not list there are removed, audited like any removal. Outside that
    /// part nothing is removed (a holiday missing from the file may be older than its window). A day an administrator
    /// added is kept, listed or not: it is an addition to the list, not the list (a listed one becomes the list's when
    /// the list renames it). Open deadlines and feedback still owed are recounted on the new calendar in the same
    /// transaction, as for any holiday change, with the reason in their history, and both sides told.
    /// </summary>
    /// <returns>
    /// What was added, renamed, removed and left, and how many due dates moved; a message on "File" when it cannot be read as
    /// GOV.UK's list, or when someone added some of its holidays during the import (nothing saved); a problem when a
    /// deadline, an issue or a holiday it removes changed during the save (nothing saved).
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator.</exception>
    public async Task<Outcome<ImportResult>> ImportGovUkAsync(Actor actor, Stream json, CancellationToken ct = default)
    {
        var outcome = await ImportCoreAsync(actor, json, apply: true, ct);
        return outcome.Succeeded ? Outcome<ImportResult>.Ok(outcome.Value!.Result) : Outcome<ImportResult>.From(outcome);
    }

    /// <summary>
    /// The name GOV.UK gives an event: its title, with its notes in brackets when there are any ("Substitute day"
    /// becomes "(substitute day)", as in the shipped data). A file from elsewhere is untrusted input like any other:
    /// control and bidirectional characters are removed and line breaks become spaces, as they are refused in names
    /// typed into a form.
    /// </summary>
    /// <returns>The holiday's name as stored, e.g. "Christmas Day (substitute day)".</returns>
    public static string GovUkName(string title, string? notes)
    {
        title = UntrustedText.OneLine(UntrustedText.ForOutput(title)).Trim();
        notes = notes is null ? null : UntrustedText.OneLine(UntrustedText.ForOutput(notes)).Trim();
        return string.IsNullOrEmpty(notes) ? title
            : string.Equals(notes, "Substitute day", StringComparison.OrdinalIgnoreCase) ? $"{title} (substitute day)"
            : $"{title} ({notes})";
    }

    private async Task<Outcome<IReadOnlyList<MovedDeadline>>> AddCoreAsync(Actor actor, DateOnly date, string name, bool apply, CancellationToken ct)
    {
        access.EnsureAdministrator(actor, "add a bank holiday");
        if (string.IsNullOrWhiteSpace(name))
        {
            return Outcome<IReadOnlyList<MovedDeadline>>.Invalid(new FieldError("Name", "Give the holiday's name."));
        }

        if (InputValidation.TooLong("Name", name, BankHoliday.NameMaxLength, "The name") is { } tooLong)
        {
            return Outcome<IReadOnlyList<MovedDeadline>>.Invalid(tooLong);
        }

        if (InputValidation.CheckText(("Name", name)) is { Length: > 0 } textErrors)
        {
            return Outcome<IReadOnlyList<MovedDeadline>>.Invalid(textErrors);
        }

        if (InputValidation.CheckOneLine("Name", name) is { } twoLines)
        {
            return Outcome<IReadOnlyList<MovedDeadline>>.Invalid(twoLines);
        }

        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            // Named, with the day a substitute is usually given: the Monday after.
            var monday = date.AddDays(date.DayOfWeek == DayOfWeek.Saturday ? 2 : 1);
            return Outcome<IReadOnlyList<MovedDeadline>>.Invalid(new FieldError("Date",
                $"{UkTime.FormatDate(date)} is a {date.DayOfWeek}. Bank holidays fall on weekdays: a holiday at a weekend has a substitute day, "
                + $"usually the Monday after, {UkTime.FormatDate(monday)}. Add that day instead."));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = await db.BankHolidays.ToListAsync(ct);
        var alreadyOne = new FieldError("Date", $"{UkTime.FormatDate(date)} is already a bank holiday.");
        if (current.Any(h => h.Date == date))
        {
            return Outcome<IReadOnlyList<MovedDeadline>>.Invalid(alreadyOne);
        }

        var holiday = new BankHoliday(date, name, HolidaySource.Manual);
        if (Unsettles(current, [holiday], []) is { } problem)
        {
            return Outcome<IReadOnlyList<MovedDeadline>>.Failed(problem);
        }

        return await RecountAsync(db, actor, current, [holiday], [], apply, ct,
            taken: async () => await db.BankHolidays.AnyAsync(h => h.Date == date, ct) ? alreadyOne : null);
    }

    private async Task<Outcome<IReadOnlyList<MovedDeadline>>> RemoveCoreAsync(Actor actor, int id, bool apply, CancellationToken ct)
    {
        access.EnsureAdministrator(actor, "remove a bank holiday");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = await db.BankHolidays.ToListAsync(ct);
        if (current.FirstOrDefault(h => h.Id == id) is not { } holiday)
        {
            return Outcome<IReadOnlyList<MovedDeadline>>.Ok([]);
        }

        return Unsettles(current, [], [holiday]) is { } problem
            ? Outcome<IReadOnlyList<MovedDeadline>>.Failed(problem)
            : await RecountAsync(db, actor, current, [], [holiday], apply, ct);
    }

    /// <summary>
    /// Why an administrator's change would break "adding a day never takes another away, removing one never adds
    /// another" (ADR 0012, "Partly filled years"), or null. Each year the change touches is compared before and after, on
    /// the calendar's own rule. A removed day the pattern still gives (a regular holiday of a year with no published
    /// list) stays a holiday, which moves nothing, and is not refused.
    /// </summary>
    private static string? Unsettles(List<BankHoliday> current, List<BankHoliday> added, List<BankHoliday> removed)
    {
        var before = CalendarOf(current);
        var after = CalendarOf(current.Except(removed).Concat(added));
        foreach (var year in added.Concat(removed).Select(h => h.Date.Year).Distinct().Order())
        {
            var was = before.HolidaysIn(year).Select(h => h.Date).ToHashSet();
            var now = after.HolidaysIn(year);
            var lost = was.Where(d => now.All(h => h.Date != d) && removed.All(r => r.Date != d)).Order().ToList();
            if (lost.Count > 0)
            {
                return $"This change would stop counting {string.Join(", ", lost.Select(UkTime.FormatDate))} as bank holidays, so nothing was changed.";
            }

            // A removed day that the pattern still gives stays a holiday: its row was redundant, and nothing moves.
            var brought = now.Where(h => !was.Contains(h.Date) && added.All(a => a.Date != h.Date)).ToList();
            if (brought.Count > 0 && removed.FirstOrDefault(r => r.Date.Year == year) is { } holiday)
            {
                var why = after.IsFromRules(year)
                    ? $"no bank holidays are published for {year}, so its regular holidays are worked out from the statutory pattern"
                    : $"without it, {year}'s published list covers less of the year, and outside what it covers the regular holidays are worked out from the statutory pattern";
                return $"{UntrustedText.Isolate(holiday.Name)}, {UkTime.FormatDate(holiday.Date)} cannot be removed on its own: {why}, which would count "
                    + $"{string.Join(" and ", brought.Select(h => $"{h.Name}, {UkTime.FormatDate(h.Date)}"))} as {(brought.Count == 1 ? "a bank holiday" : "bank holidays")}. Import GOV.UK's list for {year} to change its regular holidays.";
            }

            // A published year's day the pattern would give back once removed (the year's first or last of the list, after
            // which the list speaks for less of the year) would stay a holiday: the removal would change nothing it says.
            if (!before.IsFromRules(year) && removed.FirstOrDefault(r => r.Date.Year == year && now.Any(h => h.Date == r.Date)) is { } back)
            {
                return $"{UntrustedText.Isolate(back.Name)}, {UkTime.FormatDate(back.Date)} cannot be removed on its own: without it, {year}'s published list "
                    + "covers less of the year, and outside what it covers the regular holidays are worked out from the statutory pattern, "
                    + $"which counts that day as a bank holiday. Import GOV.UK's list for {year} to change its regular holidays.";
            }
        }

        return null;
    }

    private async Task<Outcome<ImportPreview>> ImportCoreAsync(Actor actor, Stream json, bool apply, CancellationToken ct)
    {
        access.EnsureAdministrator(actor, "import bank holidays");
        List<(DateOnly Date, string Name)> events;
        try
        {
            using var document = await JsonDocument.ParseAsync(json, cancellationToken: ct);
            if (!document.RootElement.TryGetProperty("england-and-wales", out var division) || !division.TryGetProperty("events", out var list))
            {
                return Outcome<ImportPreview>.Invalid(new FieldError("File", "This is not GOV.UK's bank-holidays.json: it has no \"england-and-wales\" events."));
            }

            events = [.. list.EnumerateArray().Select(e => (
                DateOnly.ParseExact(e.GetProperty("date").GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                GovUkName(e.GetProperty("title").GetString() ?? "", e.TryGetProperty("notes", out var notes) && notes.ValueKind == JsonValueKind.String ? notes.GetString() : null)))];
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or ArgumentNullException)
        {
            return Outcome<ImportPreview>.Invalid(new FieldError("File", "The file could not be read as GOV.UK's bank-holidays.json. Download it again from GOV.UK and retry."));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = await db.BankHolidays.ToListAsync(ct);
        var existing = current.ToDictionary(h => h.Date);
        var added = new List<BankHoliday>();
        int renamed = 0, unchanged = 0;
        // Names come from a downloaded file: one longer than the column is shortened (ending "…"), not a failed import.
        foreach (var (date, name) in events.Where(e => !string.IsNullOrWhiteSpace(e.Name)).DistinctBy(e => e.Date)
                     .Select(e => (e.Date, Name: InputValidation.Shorten(e.Name.Trim(), BankHoliday.NameMaxLength))))
        {
            if (!existing.TryGetValue(date, out var holiday))
            {
                added.Add(new BankHoliday(date, name, HolidaySource.Imported));
            }
            else if (holiday.Name != name.Trim())
            {
                // A rename moves no date; in a preview it is counted but not made.
                if (apply)
                {
                    holiday.Rename(name, HolidaySource.Imported);
                }

                renamed++;
            }
            else
            {
                // A day an administrator added that GOV.UK now lists (a one-off holiday announced, then published) is the
                // list's from now on: a later import that no longer lists it removes it, as any other day of the list.
                if (apply && holiday.Source == HolidaySource.Manual)
                {
                    holiday.Rename(name, HolidaySource.Imported);
                }

                unchanged++;
            }
        }

        // Importing is publishing: within the part of each year the file holds, its days replace the list's (the shipped
        // pattern's, or an earlier import's), so a holiday GOV.UK moved leaves its old date. Days an administrator added
        // stay: they were never the list's, and may be a local or one-off day the file cannot know of.
        var listed = events.Select(e => e.Date).ToHashSet();
        var spans = listed.GroupBy(d => d.Year).Select(g => (From: g.Min(), To: g.Max())).ToList();
        var notListed = current.Where(h => !listed.Contains(h.Date) && spans.Any(s => h.Date >= s.From && h.Date <= s.To)).OrderBy(h => h.Date).ToList();
        var removed = notListed.Where(h => h.Source != HolidaySource.Manual).ToList();
        var kept = notListed.Where(h => h.Source == HolidaySource.Manual).Select(h => new Holiday(h.Date, h.Name)).ToList();

        var dates = added.Select(h => h.Date).ToList();
        var moved = await RecountAsync(db, actor, current, added, removed, apply, ct,
            taken: async () => await db.BankHolidays.AnyAsync(h => dates.Contains(h.Date), ct)
                ? new FieldError("File", "Someone added some of these holidays while the file was being imported, so nothing was saved. Import it again to add the rest.")
                : null);
        return moved.Succeeded
            ? Outcome<ImportPreview>.Ok(new ImportPreview(new ImportResult(added.Count, renamed, unchanged, moved.Value!.Count(m => m.Moves),
                    removed.Count), moved.Value!,
                [.. removed.Select(h => new Holiday(h.Date, h.Name))], kept))
            : Outcome<ImportPreview>.From(moved);
    }

    /// <summary>
    /// Works out which open deadlines, and which other dates counted in working days (<see cref="IRecountedDates"/>), the
    /// change moves, on the calendar as it will be. With <paramref name="apply"/>, saves the change, the recounted dates
    /// (each with its reason) and the notices in one transaction. When a holiday of <paramref name="added"/> was added by
    /// someone else a moment before (the unique index on the date refused the save), <paramref name="taken"/> says so.
    /// </summary>
    private async Task<Outcome<IReadOnlyList<MovedDeadline>>> RecountAsync(
        EngagementHubDbContext db, Actor actor, List<BankHoliday> current, List<BankHoliday> added, List<BankHoliday> removed, bool apply, CancellationToken ct,
        Func<Task<FieldError?>>? taken = null)
    {
        var calendar = CalendarOf(current.Except(removed).Concat(added));
        var calendarBefore = CalendarOf(current);
        // Open deadlines are counted again; an agreed extension moves only when a bank holiday now falls on its date, or
        // when the statutory count now ends after it (or, having done so, before it again).
        var counted = db.Deadlines.Where(ResponseDeadline.Open);
        var deadlines = apply ? await counted.ToListAsync(ct) : await counted.AsNoTracking().ToListAsync(ct);
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var changed = added.Select(h => (h.Date, h.Name, Verb: "added")).Concat(removed.Select(h => (h.Date, h.Name, Verb: "removed"))).ToList();

        // Only the deadlines whose dates the change moves are written, each with its note in the history: the others keep
        // their version, so nobody with one's page open is refused a save over a change that did not touch it (ADR 3).
        // The statutory date and the one missed before a late extension are counted again with the due date, also when
        // an agreed extension keeps the due date as it was. Each moves what the deadline says about lateness, so the
        // preview lists every date that moves and both sides are told of each deadline recounted.
        var moved = new List<(ResponseDeadline Deadline, bool DueDateMoved)>();
        var overtaken = new List<(ResponseDeadline Deadline, ProposalOvertaken Proposal)>();
        var agreeableAgain = new List<ResponseDeadline>();
        var rows = new List<MovedDeadline>();
        var today = UkTime.Today(clock);
        foreach (var deadline in deadlines.Where(d => WorkingDayCalendar.RefuseReceived(d.Received) is null))
        {
            var (before, statutoryBefore, missedBefore) = (deadline.DueDate, deadline.OriginalDueDate, deadline.LapsedDueDate);
            var dates = deadline.DatesOn(calendar);
            // A proposal waiting to be agreed does not move (it is no date of the deadline yet), but the change can leave
            // it impossible to agree: listed and told, so that the other side does not find out only when agreeing it.
            // Undone, the change makes it possible to agree again: listed and told too, as the page stops saying it cannot be.
            var (overtakenBefore, overtakenAfter) = (deadline.ProposalOvertakenOn(calendarBefore, today), deadline.ProposalOvertakenOn(calendar, today, dates.DueDate));
            if (overtakenAfter is { } proposal && overtakenBefore is null)
            {
                overtaken.Add((deadline, proposal));
            }
            else if (overtakenBefore is not null && overtakenAfter is null)
            {
                agreeableAgain.Add(deadline);
            }

            if (apply)
            {
                deadline.Recount(calendar, (from, to) => Because(changed, deadline.Received, from, to));
            }

            var to = organisations.GetValueOrDefault(deadline.ToOrganisationId, "");
            MovedDeadline Row(DateOnly from, DateOnly on, MovedDateKind kind) => new(deadline.Id, deadline.Subject, to, from, on, kind);
            var found = rows.Count;
            if (dates.DueDate != before)
            {
                rows.Add(Row(before, dates.DueDate, MovedDateKind.Response));
            }
            else if (dates.Statutory != statutoryBefore)
            {
                // Without an extension the statutory date is the due date, and moves with it: listed once, as the due date.
                rows.Add(Row(statutoryBefore, dates.Statutory, MovedDateKind.StatutoryDate));
            }

            // A recount never clears a missed date (DatesOn): one that moves moves to another date.
            if ((missedBefore, dates.Lapsed) is ({ } missed, { } now) && now != missed)
            {
                rows.Add(Row(missed, now, MovedDateKind.MissedDate));
            }

            if (rows.Count > found)
            {
                moved.Add((deadline, dates.DueDate != before));
            }
        }

        rows.AddRange(overtaken.Select(o => new MovedDeadline(o.Deadline.Id, o.Deadline.Subject, organisations.GetValueOrDefault(o.Deadline.ToOrganisationId, ""),
            o.Proposal.Proposed, o.Proposal.ProposeInstead, MovedDateKind.ProposedDate)));
        rows.AddRange(agreeableAgain.Select(d => new MovedDeadline(d.Id, d.Subject, organisations.GetValueOrDefault(d.ToOrganisationId, ""),
            d.ProposedDueDate!.Value, d.ProposedDueDate!.Value, MovedDateKind.ProposedDateAgreeable)));

        var movedElsewhere = new List<MovedDeadline>();
        foreach (var dates in recountedElsewhere ?? [])
        {
            movedElsewhere.AddRange(await dates.RecountAsync(db, actor, calendarBefore, calendar, (start, from, to) => Because(changed, start, from, to), apply, ct));
        }

        if (apply)
        {
            db.BankHolidays.RemoveRange(removed);
            db.BankHolidays.AddRange(added);
            await DeadlineNotices.DatesRecountedAsync(db, actor, moved, clock.GetUtcNow(), ct);
            await DeadlineNotices.ProposalsOvertakenAsync(db, actor, overtaken, clock.GetUtcNow(), ct);
            await DeadlineNotices.ProposalsAgreeableAgainAsync(db, actor, agreeableAgain, clock.GetUtcNow(), ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await db.ActingAs(actor).SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome<IReadOnlyList<MovedDeadline>>.Failed(
                    "A deadline, an issue or a bank holiday was changed while the bank holidays were being saved, so nothing was saved. Try again.");
            }
            catch (DbUpdateException) when (taken is not null)
            {
                if (await db.TakenMeanwhileAsync(transaction, taken) is { } error)
                {
                    return Outcome<IReadOnlyList<MovedDeadline>>.Invalid(error);
                }

                throw;
            }

            // A holiday moves the "days before" and overdue reminders of every open deadline, extended or not, even where
            // the due date stays: all are planned again on the new calendar, in the same transaction. That renews their
            // plan tokens, not their versions: a deadline the change did not recount is not edited.
            await ReminderSchedule.PlanAgainAsync(db.Deadlines, UkTime.Today(clock), ct);
            await transaction.CommitAsync(ct);
        }

        return Outcome<IReadOnlyList<MovedDeadline>>.Ok([.. rows.Concat(movedElsewhere).OrderBy(m => m.From).ThenBy(m => m.Kind).ThenBy(m => m.Id)]);
    }

    /// <summary>"bank holiday Mon 19 Sep 2022 (…) was added", for the holidays changed within the date's count from <paramref name="received"/>.</summary>
    private static string Because(List<(DateOnly Date, string Name, string Verb)> changed, DateOnly received, DateOnly from, DateOnly to)
    {
        var last = from > to ? from : to;
        var within = changed.Where(c => c.Date >= received && c.Date <= last).OrderBy(c => c.Date)
            .Select(c => $"bank holiday {UkTime.FormatDate(c.Date)} ({c.Name}) was {c.Verb}").ToList();
        return within.Count == 0 ? "the bank holidays had changed since it was counted" : string.Join("; ", within);
    }
}
