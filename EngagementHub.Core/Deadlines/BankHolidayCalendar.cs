using System.Text.Json;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Deadlines;

public sealed record ImportResult(int Added, int Renamed, int Unchanged);

/// <summary>
/// The bank holidays in the database and the working-day calendar built from them. Everyone reads; admins add, rename,
/// remove and import GOV.UK's list.
/// </summary>
public sealed class BankHolidayCalendar(IDbContextFactory<EngagementHubDbContext> dbFactory, OrganisationAccess access, TimeProvider clock)
{
    /// <summary>Adds the shipped holidays to a database that has none (every deployment starts with 2005–2030).</summary>
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
    public async Task<WorkingDayCalendar> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var holidays = await db.BankHolidays.AsNoTracking().Select(h => new Holiday(h.Date, h.Name)).ToListAsync(ct);
        return new WorkingDayCalendar(holidays);
    }

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
    /// A message for admins when the holiday data runs out within a year of today, or null. After that date every
    /// due date would silently ignore bank holidays.
    /// </summary>
    public async Task<string?> CoverageWarningAsync(CancellationToken ct = default)
    {
        var knownUntil = (await GetAsync(ct)).KnownUntil;
        var today = UkTime.Today(clock);
        return knownUntil is null
            ? "There are no bank holidays in the calendar: due dates count every weekday. Import GOV.UK's list."
            : knownUntil.Value < today.AddYears(1)
                ? $"The bank holiday calendar runs out on {UkTime.FormatDate(knownUntil.Value)}. Import GOV.UK's list or add next year's holidays, or due dates after then will ignore bank holidays."
                : null;
    }

    public async Task<Outcome> AddAsync(Actor actor, DateOnly date, string name, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "add a bank holiday");
        if (string.IsNullOrWhiteSpace(name))
        {
            return Outcome.Invalid(new FieldError("Name", "Give the holiday's name."));
        }

        if (InputValidation.CheckText(("Name", name)) is { Length: > 0 } textErrors)
        {
            return Outcome.Invalid(textErrors);
        }

        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return Outcome.Invalid(new FieldError("Date", "Bank holidays fall on weekdays; a weekend holiday is moved to a substitute day."));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.BankHolidays.AnyAsync(h => h.Date == date, ct))
        {
            return Outcome.Invalid(new FieldError("Date", $"{UkTime.FormatDate(date)} is already a bank holiday."));
        }

        db.BankHolidays.Add(new BankHoliday(date, name, HolidaySource.Manual));
        await db.ActingAs(actor).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    public async Task<Outcome> RemoveAsync(Actor actor, int id, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "remove a bank holiday");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.BankHolidays.FirstOrDefaultAsync(h => h.Id == id, ct) is { } holiday)
        {
            db.BankHolidays.Remove(holiday);
            await db.ActingAs(actor).SaveChangesAsync(ct);
        }

        return Outcome.Success;
    }

    /// <summary>
    /// Imports the England and Wales events of GOV.UK's <c>bank-holidays.json</c>: new dates are added, renamed ones
    /// renamed; nothing is removed (a holiday missing from the file may be older than its window).
    /// </summary>
    public async Task<Outcome<ImportResult>> ImportGovUkAsync(Actor actor, Stream json, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "import bank holidays");
        List<(DateOnly Date, string Name)> events;
        try
        {
            using var document = await JsonDocument.ParseAsync(json, cancellationToken: ct);
            if (!document.RootElement.TryGetProperty("england-and-wales", out var division) || !division.TryGetProperty("events", out var list))
            {
                return Outcome<ImportResult>.Invalid(new FieldError("File", "This is not GOV.UK's bank-holidays.json: it has no \"england-and-wales\" events."));
            }

            events = [.. list.EnumerateArray().Select(e => (
                DateOnly.ParseExact(e.GetProperty("date").GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                e.GetProperty("title").GetString() ?? ""))];
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or ArgumentNullException)
        {
            return Outcome<ImportResult>.Invalid(new FieldError("File", "The file could not be read as GOV.UK's bank-holidays.json. Download it again from GOV.UK and retry."));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.BankHolidays.ToDictionaryAsync(h => h.Date, ct);
        int added = 0, renamed = 0, unchanged = 0;
        foreach (var (date, name) in events.Where(e => !string.IsNullOrWhiteSpace(e.Name)).DistinctBy(e => e.Date))
        {
            if (!existing.TryGetValue(date, out var holiday))
            {
                db.BankHolidays.Add(new BankHoliday(date, name, HolidaySource.Imported));
                added++;
            }
            else if (holiday.Name != name.Trim())
            {
                holiday.Rename(name, HolidaySource.Imported);
                renamed++;
            }
            else
            {
                unchanged++;
            }
        }

        await db.ActingAs(actor).SaveChangesAsync(ct);
        return Outcome<ImportResult>.Ok(new ImportResult(added, renamed, unchanged));
    }
}
