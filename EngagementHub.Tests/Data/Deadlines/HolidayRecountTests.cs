using System.Text;
using EngagementHub.Core.Reminders;
using EngagementHub.Core;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EngagementHub.Tests.Data.Deadlines;

/// <summary>
/// Due dates that follow the calendar they were counted on, lateness that a late extension cannot erase, and a duty
/// met by its acknowledgement. Run against SQLite and against PostgreSQL: see the nested classes.
/// </summary>
public abstract class HolidayRecountTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : HolidayRecountTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : HolidayRecountTests(DatabaseProvider.PostgreSql);

    private static readonly DateOnly StateFuneral = new(2022, 9, 19);
    private static readonly DateOnly ThursdayFirstSeptember2022 = new(2022, 9, 1);

    /// <summary>The part of GOV.UK's file that matters here, as GOV.UK writes it (notes and all).</summary>
    private const string GovUkFile = """
        {"england-and-wales":{"division":"england-and-wales","events":[
          {"title":"Christmas Day","date":"2021-12-27","notes":"Substitute day","bunting":true},
          {"title":"Boxing Day","date":"2021-12-28","notes":"Substitute day","bunting":true},
          {"title":"Bank Holiday for the State Funeral of Queen Elizabeth II","date":"2022-09-19","notes":"","bunting":false}]}}
        """;

    /// <summary>The services' clock, in 2022; the database's own (audit times) starts later and may only go forward.</summary>
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2022, 9, 2, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = default!;
    private BankHolidayCalendar _holidays = default!;
    private DeadlineService _deadlines = default!;
    private Organisation _link = default!;
    private Organisation _south = default!;
    private Organisation _scrutiny = default!;
    private Actor _linkEditor = default!;
    private Actor _southEditor = default!;
    private Actor _scrutinyEditor = default!;
    private Actor _admin = default!;

    /// <summary>
    /// The deadline rules and the organisations and people every test starts from: Lena at the LINk, Janet (editor) and
    /// Colin (viewer) at South, Rose at scrutiny and Ada, an administrator, at the council's partnership.
    /// </summary>
    private static async Task SeedAsync(TestDatabase template)
    {
        await using var db = template.CreateContext();
        await DeadlineService.EnsureRulesAsync(db);
        var link = new Organisation("Birmingham LINk", OrganisationKind.Link);
        var south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
        var scrutiny = new Organisation("Health and Social Care Overview and Scrutiny Committee", OrganisationKind.Scrutiny);
        var partnership = new Organisation("Be Birmingham", OrganisationKind.Partnership);
        db.Organisations.AddRange(link, south, scrutiny, partnership);
        await db.SaveChangesAsync();
        db.Users.AddRange(
            new ApplicationUser { Id = "lena", UserName = "lena", DisplayName = "Lena Khan", OrganisationId = link.Id, Role = UserRole.Editor },
            new ApplicationUser { Id = "janet", UserName = "janet", DisplayName = "Janet Rowe", OrganisationId = south.Id, Role = UserRole.Editor },
            new ApplicationUser { Id = "colin", UserName = "colin", DisplayName = "Colin Marsh", OrganisationId = south.Id, Role = UserRole.Viewer },
            new ApplicationUser { Id = "rose", UserName = "rose", DisplayName = "Rose Kiely", OrganisationId = scrutiny.Id, Role = UserRole.Editor },
            new ApplicationUser { Id = "ada", UserName = "ada", DisplayName = "Ada Admin", OrganisationId = partnership.Id, Role = UserRole.Admin });
        await db.SaveChangesAsync();
    }

    /// <summary>South proposes and the LINk agrees an extension of <paramref name="id"/> to Fri 14 Oct 2022, on the clock's day.</summary>
    private async Task ExtendToFourteenthOctoberAsync(int id)
    {
        Assert.True((await _deadlines.ProposeExtensionAsync(_southEditor, id, new DateOnly(2022, 10, 14), "Data re-run", waitingSeen: null)).Succeeded);
        Assert.True((await _deadlines.AgreeExtensionAsync(_linkEditor, id, new DateOnly(2022, 10, 14))).Succeeded);
    }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSeededAsync(provider, nameof(HolidayRecountTests), SeedAsync);
        await using (var db = _database.CreateContext())
        {
            var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Name);
            (_link, _south, _scrutiny) = (organisations["Birmingham LINk"], organisations["NHS South Birmingham"],
                organisations["Health and Social Care Overview and Scrutiny Committee"]);
        }

        _linkEditor = new Actor("lena", "Lena Khan", _link.Id, _link.Name, UserRole.Editor);
        _southEditor = new Actor("janet", "Janet Rowe", _south.Id, _south.Name, UserRole.Editor);
        _scrutinyEditor = new Actor("rose", "Rose Kiely", _scrutiny.Id, _scrutiny.Name, UserRole.Editor);
        _admin = new Actor("ada", "Ada Admin", null, null, UserRole.Admin);
        var access = new OrganisationAccess(NullLogger<OrganisationAccess>.Instance);
        _holidays = new BankHolidayCalendar(_database.Factory, access, _clock);
        _deadlines = new DeadlineService(_database.Factory, _holidays, access, _clock);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static MemoryStream Json(string text) => new(Encoding.UTF8.GetBytes(text));

    private async Task<int> LogAsync(DeadlineKind kind = DeadlineKind.InformationRequest, Organisation? to = null, DateOnly? received = null)
    {
        await using var db = _database.CreateContext();
        var rule = await db.DeadlineRules.Where(r => r.Kind == kind).Select(r => r.Id).SingleAsync();
        var outcome = await _deadlines.LogAsync(_linkEditor, new DeadlineInput
        {
            RuleId = rule, Subject = "Waiting times for wheelchair assessments", ToOrganisationId = (to ?? _south).Id, Received = received ?? ThursdayFirstSeptember2022,
        });
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        return outcome.Value;
    }

    private async Task RemoveStateFuneralAsync()
    {
        var funeral = (await _holidays.ListAsync(2022)).Single(h => h.Date == StateFuneral);
        Assert.True((await _holidays.RemoveAsync(_admin, funeral.Id)).Succeeded);
    }

    private async Task<ResponseDeadline> DeadlineAsync(int id) => (await _deadlines.GetAsync(id))!.Deadline;

    [Fact]
    public async Task ImportGovUk_StateFuneralBackAfterRemoval_OpenDeadlineDueThursday29SeptemberEverywhereAndOnTime()
    {
        await RemoveStateFuneralAsync();
        var id = await LogAsync();
        Assert.Equal(new DateOnly(2022, 9, 28), (await DeadlineAsync(id)).DueDate);
        await using (var db = _database.CreateContext())
        {
            // Another of the LINk's editors, not the owner: nobody on either side acted, so both sides are told.
            db.Users.Add(new ApplicationUser { Id = "martin", UserName = "martin", DisplayName = "Martin Hughes", OrganisationId = _link.Id, Role = UserRole.Editor });
            await db.SaveChangesAsync();
        }

        var preview = await _holidays.PreviewImportGovUkAsync(_admin, Json(GovUkFile));
        Assert.Equal([new MovedDeadline(id, "Waiting times for wheelchair assessments", _south.Name, new DateOnly(2022, 9, 28), new DateOnly(2022, 9, 29))],
            preview.Value!.Moved);
        Assert.Equal(new DateOnly(2022, 9, 28), (await DeadlineAsync(id)).DueDate); // a preview changes nothing

        var imported = await _holidays.ImportGovUkAsync(_admin, Json(GovUkFile));

        Assert.Equal(1, imported.Value!.DeadlinesMoved);
        var details = (await _deadlines.GetAsync(id))!;
        Assert.Equal(new DateOnly(2022, 9, 29), details.Deadline.DueDate);
        Assert.Equal(new DateOnly(2022, 9, 29), details.Working.DueDate);
        Assert.Equal(new DateOnly(2022, 9, 29), (await _deadlines.ListAsync(new DeadlineFilter())).Single(r => r.Id == id).DueDate);
        Assert.Equal($"Due date moved from {UkTime.FormatDate(new DateOnly(2022, 9, 28))} to {UkTime.FormatDate(new DateOnly(2022, 9, 29))} because "
            + $"bank holiday {UkTime.FormatDate(StateFuneral)} (Bank Holiday for the State Funeral of Queen Elizabeth II) was added.", details.Deadline.DueDateNote);
        var history = await new AuditHistory(_database.Factory).LatestAsync(nameof(ResponseDeadline), id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Ada Admin", history!.UserName);
        Assert.Contains(history.Changes, c => c is { Property: nameof(ResponseDeadline.DueDate), Before: "2022-09-28", After: "2022-09-29" });
        Assert.Contains(history.Changes, c => c.Property == nameof(ResponseDeadline.DueDateNote) && c.After!.Contains("was added"));

        await using (var db = _database.CreateContext())
        {
            var told = await db.Notifications.Where(n => n.Title.StartsWith("Due date moved")).Select(n => n.UserId).OrderBy(u => u).ToListAsync();
            Assert.Equal(["janet", "lena", "martin"], told); // both sides' editors, the owner among them; not a viewer, nor the admin
        }

        _clock.SetUtcNow(new DateTimeOffset(2022, 9, 29, 15, 0, 0, TimeSpan.Zero));
        Assert.True((await _deadlines.RecordAnswerAsync(_southEditor, id, "Figures attached.", new DateOnly(2022, 9, 29))).Succeeded);
        Assert.Equal(0, (await DeadlineAsync(id)).WorkingDaysLate);
    }

    // GOV.UK moves 2027's early May bank holiday from Monday 3 May to Friday 7 May, as it moved 2020's to VE Day. The
    // shipped rows for 2027 came from the statutory pattern; the file is the published list, so for the part of 2027 it
    // holds its days replace the pattern's (ADR 0012, "Partly filled years"): 3 May is a working day again. A request
    // received on Tuesday 6 April 2027 was due on Tuesday 4 May, counted over 3 May: it is now due on Monday 3 May, moved
    // as any holiday change moves it (history, notices). A day an administrator added in 2027 is kept, and the preview
    // says so beside the day it removes.
    [Fact]
    public async Task ImportGovUk_ListMovingAShippedYearsHoliday_RemovesThePatternsDayAndRecountsTheDeadlinesOverIt()
    {
        _clock.SetUtcNow(new DateTimeOffset(2027, 4, 7, 9, 0, 0, TimeSpan.Zero));
        Assert.True((await _holidays.AddAsync(_admin, new DateOnly(2027, 12, 10), "Partnership day of remembrance")).Succeeded);
        var id = await LogAsync(received: new DateOnly(2027, 4, 6));
        Assert.Equal(new DateOnly(2027, 5, 4), (await DeadlineAsync(id)).DueDate);
        var file = "{\"england-and-wales\":{\"division\":\"england-and-wales\",\"events\":["
            + string.Join(",", EnglandAndWalesBankHolidays.ForYear(2027)
                .Select(h => h.Date == new DateOnly(2027, 5, 3) ? (Date: new DateOnly(2027, 5, 7), Name: "Early May bank holiday (VE day)") : h)
                .Select(h => $"{{\"title\":\"{h.Name}\",\"date\":\"{h.Date:yyyy-MM-dd}\",\"notes\":\"\",\"bunting\":true}}"))
            + "]}}";

        var preview = await _holidays.PreviewImportGovUkAsync(_admin, Json(file));

        Assert.True(preview.Succeeded, preview.Problem);
        Assert.Equal([new Holiday(new DateOnly(2027, 5, 3), "Early May bank holiday")], preview.Value!.Removed);
        Assert.Equal([new Holiday(new DateOnly(2027, 12, 10), "Partnership day of remembrance")], preview.Value.Kept);
        Assert.Equal([new MovedDeadline(id, "Waiting times for wheelchair assessments", _south.Name, new DateOnly(2027, 5, 4), new DateOnly(2027, 5, 3))],
            preview.Value.Moved);

        var imported = await _holidays.ImportGovUkAsync(_admin, Json(file));

        Assert.Equal((1, 1, 1), (imported.Value!.Added, imported.Value.Removed, imported.Value.DeadlinesMoved));
        var calendar = await _holidays.GetAsync();
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 5, 3)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 5, 7)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 12, 10)));
        var deadline = await DeadlineAsync(id);
        Assert.Equal(new DateOnly(2027, 5, 3), deadline.DueDate);
        Assert.Contains($"bank holiday {UkTime.FormatDate(new DateOnly(2027, 5, 3))} (Early May bank holiday) was removed", deadline.DueDateNote);
        await using var db = _database.CreateContext();
        Assert.Contains(await db.Notifications.Where(n => n.Title.StartsWith("Due date moved")).Select(n => n.UserId).ToListAsync(), u => u == "lena");
        var removal = await db.AuditEntries.Where(a => a.EntityType == nameof(BankHoliday) && a.Action == AuditAction.Deleted).SingleAsync();
        Assert.Equal("ada", removal.UserId);
    }

    [Fact]
    public async Task Add_TwoAdminsAddOneDateAtOnce_AddsOneAndGivesTheOtherTheDateFieldError()
    {
        // Both admins have read the calendar without the date before either saves.
        var gate = new RaceGate(2, c => c.CommandText.Contains("FROM \"BankHolidays\"", StringComparison.Ordinal));
        var holidays = new BankHolidayCalendar(gate.Factory(_database), new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), _clock);
        var date = new DateOnly(2022, 10, 3);

        var outcomes = await Task.WhenAll(
            Task.Run(() => holidays.AddAsync(_admin, date, "Extra holiday")),
            Task.Run(() => holidays.AddAsync(_admin with { UserId = "ada-2", DisplayName = "Ann Admin" }, date, "Extra holiday")));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Equal(["Mon 3 Oct 2022 is already a bank holiday."], Assert.Single(outcomes, o => !o.Succeeded).ErrorsFor("Date"));
        Assert.Single(await _holidays.ListAsync(2022), h => h.Date == date);
    }

    [Fact]
    public async Task ImportGovUk_TwoAdminsImportOneFileAtOnce_AddsItOnceAndTellsTheOtherAtTheFile()
    {
        var gate = new RaceGate(2, c => c.CommandText.Contains("FROM \"BankHolidays\"", StringComparison.Ordinal));
        var holidays = new BankHolidayCalendar(gate.Factory(_database), new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), _clock);
        var file = $$$"""{"england-and-wales":{"division":"england-and-wales","events":[{"title":"Extra holiday","date":"2022-10-03","notes":"","bunting":false}]}}""";

        var outcomes = await Task.WhenAll(
            Task.Run(() => holidays.ImportGovUkAsync(_admin, Json(file))),
            Task.Run(() => holidays.ImportGovUkAsync(_admin with { UserId = "ada-2", DisplayName = "Ann Admin" }, Json(file))));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Equal(["Someone added some of these holidays while the file was being imported, so nothing was saved. Import it again to add the rest."],
            Assert.Single(outcomes, o => !o.Succeeded).ErrorsFor("File"));
        Assert.Single(await _holidays.ListAsync(2022), h => h.Date == new DateOnly(2022, 10, 3));
    }

    [Fact]
    public async Task Add_NameLongerThanItsColumn_IsRefusedAtTheNameAndAnImportedOneIsShortened()
    {
        var typed = await _holidays.AddAsync(_admin, new DateOnly(2022, 10, 3), new string('n', BankHoliday.NameMaxLength + 1));

        Assert.Contains(typed.Errors, e => e.Field == "Name" && e.Message == "The name can be at most 200 characters.");
        var longTitle = new string('t', 300);
        var imported = await _holidays.ImportGovUkAsync(_admin, Json(
            $$$"""{"england-and-wales":{"division":"england-and-wales","events":[{"title":"{{{longTitle}}}","date":"2022-10-03","notes":"","bunting":false}]}}"""));

        // The file's name is the app's to store: shortened to fit, never a failed import.
        Assert.True(imported.Succeeded, imported.Problem);
        var stored = (await _holidays.ListAsync(2022)).Single(h => h.Date == new DateOnly(2022, 10, 3));
        Assert.Equal(BankHoliday.NameMaxLength, stored.Name.Length);
        Assert.EndsWith("…", stored.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportGovUk_SubstituteDays_KeepGovUksNoteInTheNameAndTheWorking()
    {
        var calendar = new BankHolidayCalendar(_database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), _clock);
        await using (var db = _database.CreateContext())
        {
            (await db.BankHolidays.SingleAsync(h => h.Date == new DateOnly(2021, 12, 27))).Rename("Christmas Day", HolidaySource.Imported);
            await db.SaveChangesAsync();
        }

        await calendar.ImportGovUkAsync(_admin, Json(GovUkFile));

        var due = (await calendar.GetAsync()).DueDate(new DateOnly(2021, 12, 20), 10);
        Assert.Contains("Christmas Day (substitute day), Mon 27 Dec 2021", due.Explanation);
        Assert.Contains("Boxing Day (substitute day), Tue 28 Dec 2021", due.Explanation);
    }

    [Fact]
    public async Task Add_OneOffInAYearWithoutPublishedList_OpenDeadlineKeepsItsDateAndTheYearItsRegularHolidays()
    {
        _clock.SetUtcNow(new DateTimeOffset(2030, 12, 23, 9, 0, 0, TimeSpan.Zero));
        var id = await LogAsync(received: new DateOnly(2030, 12, 23));
        Assert.Equal(new DateOnly(2031, 1, 22), (await DeadlineAsync(id)).DueDate); // New Year's Day 2031 from the pattern

        var preview = await _holidays.PreviewAddAsync(_admin, new DateOnly(2031, 6, 2), "One-off celebration");
        var added = await _holidays.AddAsync(_admin, new DateOnly(2031, 6, 2), "One-off celebration");

        Assert.Empty(preview.Value!);
        Assert.Empty(added.Value!);
        var deadline = await DeadlineAsync(id);
        Assert.Equal(new DateOnly(2031, 1, 22), deadline.DueDate);
        Assert.Null(deadline.DueDateNote);
        var calendar = await _holidays.GetAsync();
        var due = calendar.DueDate(new DateOnly(2031, 12, 15), 20);
        Assert.Equal(new DateOnly(2032, 1, 14), due.DueDate);
        Assert.Contains("No bank holidays are published yet for 2031", due.Explanation);
        Assert.All(new[] { "2031-01-01", "2031-04-11", "2031-04-14", "2031-05-05", "2031-05-26", "2031-06-02", "2031-08-25", "2031-12-25", "2031-12-26" },
            d => Assert.False(calendar.IsWorkingDay(DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture)), d));
        Assert.Equal(new DateOnly(2030, 12, 31), calendar.KnownUntil);
    }

    [Fact]
    public async Task Remove_DayThePatternGivesInAYearWithoutPublishedList_StaysAHolidayAndNothingMoves()
    {
        // An administrator typed 2031's Christmas Day in; 2031 has no published list, so the pattern has it anyway.
        _clock.SetUtcNow(new DateTimeOffset(2031, 12, 15, 9, 0, 0, TimeSpan.Zero));
        var id = await LogAsync(received: new DateOnly(2031, 12, 15));
        Assert.True((await _holidays.AddAsync(_admin, new DateOnly(2031, 12, 25), "Christmas Day")).Succeeded);
        var typed = (await _holidays.ListAsync(2031)).Single();

        var removed = await _holidays.RemoveAsync(_admin, typed.Id);

        Assert.Empty(removed.Value!);
        Assert.Empty(await _holidays.ListAsync(2031));
        Assert.False((await _holidays.GetAsync()).IsWorkingDay(new DateOnly(2031, 12, 25)));
        Assert.Equal(new DateOnly(2032, 1, 14), (await DeadlineAsync(id)).DueDate);
    }

    // New Year's Day is 2030's only January holiday: without it the list would speak for 2030 from Good Friday, and the
    // pattern would count New Year's Day again. The removal would change nothing it says, so it is refused.
    [Fact]
    public async Task Remove_OnlyJanuaryHolidayOfAPublishedYear_IsRefusedRatherThanRemoveNothing()
    {
        var newYear = (await _holidays.ListAsync(2030)).Single(h => h.Date == new DateOnly(2030, 1, 1));

        var removed = await _holidays.RemoveAsync(_admin, newYear.Id);

        Assert.StartsWith("New Year’s Day, Tue 1 Jan 2030 cannot be removed on its own", removed.Problem);
        Assert.Contains(await _holidays.ListAsync(2030), h => h.Date == new DateOnly(2030, 1, 1));
    }

    // A bank holiday declared on a date both sides agreed: nobody works that day, so the agreed date is met on the next
    // working day, and moves there, as a statutory count would (a due date is always a working day).
    [Fact]
    public async Task Add_HolidayOnAnAgreedExtensionsDate_MovesItToTheNextWorkingDayWithTheReason()
    {
        var id = await LogAsync(received: new DateOnly(2022, 9, 1));
        await _deadlines.ProposeExtensionAsync(_southEditor, id, new DateOnly(2022, 10, 14), "Data re-run", waitingSeen: null);
        await _deadlines.AgreeExtensionAsync(_linkEditor, id, new DateOnly(2022, 10, 14));

        var preview = await _holidays.PreviewAddAsync(_admin, new DateOnly(2022, 10, 14), "Day of mourning");
        Assert.True((await _holidays.AddAsync(_admin, new DateOnly(2022, 10, 14), "Day of mourning")).Succeeded);

        Assert.Equal((new DateOnly(2022, 10, 14), new DateOnly(2022, 10, 17)), (preview.Value!.Single(m => m.Id == id).From, preview.Value!.Single(m => m.Id == id).To));
        var deadline = await DeadlineAsync(id);
        Assert.Equal(new DateOnly(2022, 10, 17), deadline.DueDate);
        Assert.NotNull(deadline.ExtensionAgreedAt);
        Assert.Contains("because bank holiday Fri 14 Oct 2022 (Day of mourning) was added. The agreed date is no longer a working day", deadline.DueDateNote);
    }

    /// <summary>
    /// Without the State Funeral, a request received Thu 1 Sep 2022 is due Wed 28 Sep; the organisation asks for one more
    /// day and the LINk agrees Thu 29 Sep. Returns the deadline's id.
    /// </summary>
    private async Task<int> ExtendedToThe29thWithoutTheFuneralAsync()
    {
        await RemoveStateFuneralAsync();
        var id = await LogAsync();
        Assert.Equal(new DateOnly(2022, 9, 28), (await DeadlineAsync(id)).DueDate);
        Assert.True((await _deadlines.ProposeExtensionAsync(_southEditor, id, new DateOnly(2022, 9, 29), "Board papers first.", waitingSeen: null)).Succeeded);
        Assert.True((await _deadlines.AgreeExtensionAsync(_linkEditor, id, new DateOnly(2022, 9, 29))).Succeeded);
        return id;
    }

    // The funeral added back makes the count end on the agreed Thursday: nothing moves. A day of mourning added on top
    // makes the count end on Friday 30 September, after the date agreed: the extension would now give less time than the
    // law, so the deadline is due by the count, with the reason in its history, and both sides told. Taking the day of
    // mourning away again brings back the date agreed; taking the funeral away too leaves it, as agreed (ADR 0012).
    [Fact]
    public async Task Add_HolidaysThatMakeTheCountEndAfterAnAgreedExtension_DueByTheCountUntilTheyAreRemovedAgain()
    {
        var id = await ExtendedToThe29thWithoutTheFuneralAsync();
        var (agreed, counted, mourning) = (new DateOnly(2022, 9, 29), new DateOnly(2022, 9, 30), new DateOnly(2022, 9, 20));
        Assert.True((await _holidays.AddAsync(_admin, StateFuneral, "Bank Holiday for the State Funeral of Queen Elizabeth II")).Succeeded);
        Assert.Equal(agreed, (await DeadlineAsync(id)).DueDate);

        var preview = await _holidays.PreviewAddAsync(_admin, mourning, "Day of mourning");
        var added = await _holidays.AddAsync(_admin, mourning, "Day of mourning");

        Assert.Equal([new MovedDeadline(id, "Waiting times for wheelchair assessments", _south.Name, agreed, counted)], preview.Value!);
        Assert.Equal(preview.Value, added.Value);
        var details = (await _deadlines.GetAsync(id))!;
        var deadline = details.Deadline;
        Assert.Equal((counted, counted, agreed), (deadline.DueDate, deadline.OriginalDueDate, deadline.ExtensionDueDate));
        Assert.Equal(counted, details.Working.DueDate);
        Assert.True(deadline.ExtensionOvertaken);
        Assert.Equal(("Lena Khan", "Janet Rowe", "Board papers first."), (deadline.ExtensionAgreedByLink, deadline.ExtensionAgreedByRecipient, deadline.ExtensionReason));
        Assert.Equal($"Due date moved from {UkTime.FormatDate(agreed)} to {UkTime.FormatDate(counted)} because bank holiday {UkTime.FormatDate(mourning)} (Day of mourning) was added. "
            + $"The count of 20 working days beginning with the day it was received now ends after the extension agreed to {UkTime.FormatDate(agreed)}, "
            + "so it is due by that count: an extension never gives less time than the law.", deadline.DueDateNote);
        var row = (await _deadlines.ListAsync(new DeadlineFilter())).Single(r => r.Id == id);
        Assert.Equal((counted, true, true), (row.DueDate, row.ExtensionAgreed, row.ExtensionOvertaken));
        var history = await new AuditHistory(_database.Factory).LatestAsync(nameof(ResponseDeadline), id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Ada Admin", history!.UserName);
        Assert.Contains(history.Changes, c => c is { Property: nameof(ResponseDeadline.DueDate), Before: "2022-09-29", After: "2022-09-30" });
        await using (var db = _database.CreateContext())
        {
            var told = await db.Notifications.Where(n => n.Title.StartsWith("Due date moved")).Select(n => new { n.UserId, n.Body }).ToListAsync();
            Assert.Equal(["janet", "lena"], told.Select(n => n.UserId).Order());
            Assert.All(told, n => Assert.Contains("now ends after the extension agreed to", n.Body));
        }

        var undone = await _holidays.RemoveAsync(_admin, (await _holidays.ListAsync(2022)).Single(h => h.Date == mourning).Id);

        Assert.Equal([id], undone.Value!.Select(m => m.Id));
        deadline = await DeadlineAsync(id);
        Assert.Equal((agreed, agreed), (deadline.DueDate, deadline.ExtensionDueDate));
        Assert.False(deadline.ExtensionOvertaken);
        Assert.False((await _deadlines.ListAsync(new DeadlineFilter())).Single(r => r.Id == id).ExtensionOvertaken);
        Assert.EndsWith($"was removed. The extension agreed to {UkTime.FormatDate(agreed)} applies again.", deadline.DueDateNote);

        var funeralRemoved = await _holidays.PreviewRemoveAsync(_admin, (await _holidays.ListAsync(2022)).Single(h => h.Date == StateFuneral).Id);
        await RemoveStateFuneralAsync();

        // Its due date stays the agreed one; only its statutory date moves back, and is listed as such.
        Assert.DoesNotContain(id, funeralRemoved.Value!.Where(m => m.Kind == MovedDateKind.Response).Select(m => m.Id));
        Assert.Contains(funeralRemoved.Value!, m => m.Id == id && m.Kind == MovedDateKind.StatutoryDate);
        Assert.Equal(agreed, (await DeadlineAsync(id)).DueDate);
    }

    // The same through GOV.UK's list: a local holiday an administrator added on Fri 2 Sep keeps the count on the agreed
    // Thursday; importing the list brings the funeral back, and the count ends on Friday 30 September. An answer that
    // Friday is on time, on the deadline and in the responsiveness figures, as the law counts it.
    [Fact]
    public async Task ImportGovUk_HolidayThatMakesTheCountEndAfterAnAgreedExtension_DueByTheCountAndAnAnswerThenIsOnTime()
    {
        var id = await ExtendedToThe29thWithoutTheFuneralAsync();
        Assert.True((await _holidays.AddAsync(_admin, new DateOnly(2022, 9, 2), "Local holiday")).Succeeded);
        Assert.Equal(new DateOnly(2022, 9, 29), (await DeadlineAsync(id)).DueDate);

        var preview = await _holidays.PreviewImportGovUkAsync(_admin, Json(GovUkFile));
        var imported = await _holidays.ImportGovUkAsync(_admin, Json(GovUkFile));

        Assert.Equal([new MovedDeadline(id, "Waiting times for wheelchair assessments", _south.Name, new DateOnly(2022, 9, 29), new DateOnly(2022, 9, 30))],
            preview.Value!.Moved);
        Assert.Equal(1, imported.Value!.DeadlinesMoved);
        var deadline = await DeadlineAsync(id);
        Assert.Equal(new DateOnly(2022, 9, 30), deadline.DueDate);
        Assert.Contains($"(Bank Holiday for the State Funeral of Queen Elizabeth II) was added. The count of 20 working days", deadline.DueDateNote);

        _clock.SetUtcNow(new DateTimeOffset(2022, 9, 30, 15, 0, 0, TimeSpan.Zero));
        Assert.True((await _deadlines.RecordAnswerAsync(_southEditor, id, "Figures attached.", new DateOnly(2022, 9, 30))).Succeeded);

        Assert.Equal((0, "on time"), ((await DeadlineAsync(id)).WorkingDaysLate!.Value, (await DeadlineAsync(id)).DutyLateness));
        var south = (await _deadlines.ResponsivenessAsync(new FinancialYear(2022))).Single(r => r.OrganisationId == _south.Id);
        Assert.Equal((1, 0), (south.Answer.OnTime, south.Answer.Late));
    }

    [Fact]
    public async Task Remove_LastDecemberHolidayOfAPublishedYear_IsRefusedRatherThanBringBackThePatternsChristmas()
    {
        _clock.SetUtcNow(new DateTimeOffset(2030, 12, 2, 9, 0, 0, TimeSpan.Zero));
        var id = await LogAsync(received: new DateOnly(2030, 12, 2));
        var december = (await _holidays.ListAsync(2030)).Where(h => h.Date.Month == 12).ToList();
        Assert.True((await _holidays.RemoveAsync(_admin, december.Single(h => h.Date.Day == 25).Id)).Succeeded);
        Assert.Equal(new DateOnly(2030, 12, 30), (await DeadlineAsync(id)).DueDate);

        var preview = await _holidays.PreviewRemoveAsync(_admin, december.Single(h => h.Date.Day == 26).Id);
        var removed = await _holidays.RemoveAsync(_admin, december.Single(h => h.Date.Day == 26).Id);

        Assert.Contains("Boxing Day, Thu 26 Dec 2030 cannot be removed on its own", preview.Problem);
        Assert.Contains("Christmas Day, Wed 25 Dec 2030 as a bank holiday", preview.Problem);
        Assert.Equal(preview.Problem, removed.Problem);
        Assert.Contains(await _holidays.ListAsync(2030), h => h.Date == new DateOnly(2030, 12, 26));
        Assert.Equal(new DateOnly(2030, 12, 30), (await DeadlineAsync(id)).DueDate);
    }

    [Fact]
    public async Task Remove_HolidayOfAPublishedYear_MakesItAWorkingDayAndMovesTheOpenDeadlineEarlier()
    {
        _clock.SetUtcNow(new DateTimeOffset(2030, 12, 2, 9, 0, 0, TimeSpan.Zero));
        var id = await LogAsync(received: new DateOnly(2030, 12, 2));
        Assert.Equal(new DateOnly(2030, 12, 31), (await DeadlineAsync(id)).DueDate);

        var christmas = (await _holidays.ListAsync(2030)).Single(h => h.Date == new DateOnly(2030, 12, 25));
        Assert.True((await _holidays.RemoveAsync(_admin, christmas.Id)).Succeeded);

        Assert.Equal(new DateOnly(2030, 12, 30), (await DeadlineAsync(id)).DueDate);
        Assert.True((await _holidays.GetAsync()).IsWorkingDay(new DateOnly(2030, 12, 25)));
    }

    [Fact]
    public async Task AddAndRemove_AnsweredAndExtendedDeadlines_KeepTheirDatesWhileOpenOnesMoveBack()
    {
        var open = await LogAsync();
        var answered = await LogAsync();
        var extended = await LogAsync();
        await _deadlines.RecordAnswerAsync(_southEditor, answered, "Sent.", new DateOnly(2022, 9, 2));
        await _deadlines.ProposeExtensionAsync(_southEditor, extended, new DateOnly(2022, 10, 14), "Data re-run", waitingSeen: null);
        await _deadlines.AgreeExtensionAsync(_linkEditor, extended, new DateOnly(2022, 10, 14));

        var preview = await _holidays.PreviewRemoveAsync(_admin, (await _holidays.ListAsync(2022)).Single(h => h.Date == StateFuneral).Id);
        Assert.Equal([(open, MovedDateKind.Response), (extended, MovedDateKind.StatutoryDate)], preview.Value!.Select(m => (m.Id, m.Kind)));
        await RemoveStateFuneralAsync();

        Assert.Equal(new DateOnly(2022, 9, 28), (await DeadlineAsync(open)).DueDate);
        Assert.Equal(new DateOnly(2022, 9, 29), (await DeadlineAsync(answered)).DueDate);
        Assert.Equal(new DateOnly(2022, 10, 14), (await DeadlineAsync(extended)).DueDate);
        Assert.Contains("was removed", (await DeadlineAsync(open)).DueDateNote);

        var added = await _holidays.AddAsync(_admin, StateFuneral, "Bank Holiday for the State Funeral of Queen Elizabeth II");
        Assert.Equal([(open, MovedDateKind.Response), (extended, MovedDateKind.StatutoryDate)], added.Value!.Select(m => (m.Id, m.Kind)));
        Assert.Equal(new DateOnly(2022, 9, 29), (await DeadlineAsync(open)).DueDate);
    }

    [Fact]
    public async Task Remove_ExtendedDeadlineWithAnotherProposalWaiting_KeepsTheAgreedDateAndWhoAgreedIt()
    {
        var id = await LogAsync(); // due Thu 29 Sep 2022
        await _deadlines.ProposeExtensionAsync(_southEditor, id, new DateOnly(2022, 10, 14), "Data re-run", waitingSeen: null);
        await _deadlines.AgreeExtensionAsync(_linkEditor, id, new DateOnly(2022, 10, 14));
        Assert.True((await _deadlines.ProposeExtensionAsync(_southEditor, id, new DateOnly(2022, 11, 4), "Still re-running", waitingSeen: null)).Succeeded);

        var preview = await _holidays.PreviewRemoveAsync(_admin, (await _holidays.ListAsync(2022)).Single(h => h.Date == StateFuneral).Id);
        await RemoveStateFuneralAsync();

        // The second proposal is not agreed: the agreed 14 October stands, on any calendar, with who agreed it.
        Assert.DoesNotContain(id, preview.Value!.Where(m => m.Kind == MovedDateKind.Response).Select(m => m.Id));
        var deadline = await DeadlineAsync(id);
        Assert.Equal(new DateOnly(2022, 10, 14), deadline.DueDate);
        Assert.Equal(("Lena Khan", "Janet Rowe", "Data re-run"), (deadline.ExtensionAgreedByLink, deadline.ExtensionAgreedByRecipient, deadline.ExtensionReason));
        Assert.Equal(new DateOnly(2022, 9, 28), deadline.OriginalDueDate); // the statutory count, recounted beside it
        Assert.StartsWith("The statutory due date moved from", deadline.DueDateNote);
        Assert.Equal((new DateOnly(2022, 11, 4), "Still re-running"), (deadline.ProposedDueDate, deadline.ProposalReason));
    }

    // Received Thu 1 Sep 2022, due Thu 29 Sep; the trust proposes Fri 14 Oct and a day of mourning is then declared on it.
    // The proposal is not a date of the deadline and does not move, but it can no longer be agreed: the preview lists it
    // with the day to propose instead, and both sides are told. Before, nothing said so until the LINk pressed Agree.
    [Fact]
    public async Task Add_HolidayOnAProposedExtensionsDate_PreviewListsItAndBothSidesAreToldWhatToProposeInstead()
    {
        var id = await LogAsync();
        Assert.True((await _deadlines.ProposeExtensionAsync(_southEditor, id, new DateOnly(2022, 10, 14), "Data re-run", waitingSeen: null)).Succeeded);

        var preview = await _holidays.PreviewAddAsync(_admin, new DateOnly(2022, 10, 14), "Day of mourning");
        Assert.True((await _holidays.AddAsync(_admin, new DateOnly(2022, 10, 14), "Day of mourning")).Succeeded);

        var listed = Assert.Single(preview.Value!);
        Assert.Equal((id, MovedDateKind.ProposedDate, new DateOnly(2022, 10, 14), new DateOnly(2022, 10, 17)), (listed.Id, listed.Kind, listed.From, listed.To));
        var deadline = await DeadlineAsync(id);
        Assert.Equal((new DateOnly(2022, 10, 14), new DateOnly(2022, 9, 29)), (deadline.ProposedDueDate, deadline.DueDate));
        await using (var db = _database.CreateContext())
        {
            var told = await db.Notifications.Where(n => n.Title == "Proposed extension can no longer be agreed: Waiting times for wheelchair assessments")
                .Select(n => new { n.UserId, n.Body }).OrderBy(n => n.UserId).ToListAsync();
            Assert.Equal(["janet", "lena"], told.Select(n => n.UserId));
            Assert.Equal("The bank holidays changed, which affects the extension proposed for the request for information \"Waiting times for wheelchair "
                + "assessments\": Fri 14 Oct 2022 has become a bank holiday (Day of mourning) since it was proposed, and a due date must be a working day, "
                + "so it cannot be agreed: propose Mon 17 Oct 2022 or another working day instead. The due date is Thu 29 Sept 2022 until an extension is agreed.",
                told[0].Body);
        }

        // Agreeing is refused, as the notice said; a new proposal of the day named is agreed.
        Assert.False((await _deadlines.AgreeExtensionAsync(_linkEditor, id, new DateOnly(2022, 10, 14))).Succeeded);
        Assert.True((await _deadlines.ProposeExtensionAsync(_southEditor, id, new DateOnly(2022, 10, 17), "Data re-run", waitingSeen: new DateOnly(2022, 10, 14))).Succeeded);
        Assert.True((await _deadlines.AgreeExtensionAsync(_linkEditor, id, new DateOnly(2022, 10, 17))).Succeeded);
    }

    // The day of mourning declared on the proposed date is removed again: the proposal, which could not be agreed, can be
    // again. The preview lists it, both sides are told, and it is agreed. Before, nobody was told; the page simply
    // stopped saying it could not be agreed.
    [Fact]
    public async Task Remove_HolidayThatMadeAProposalImpossibleToAgree_PreviewListsItAsAgreeableAgainAndBothSidesAreTold()
    {
        var id = await LogAsync();
        var proposed = new DateOnly(2022, 10, 14);
        Assert.True((await _deadlines.ProposeExtensionAsync(_southEditor, id, proposed, "Data re-run", waitingSeen: null)).Succeeded);
        Assert.True((await _holidays.AddAsync(_admin, proposed, "Day of mourning")).Succeeded);
        var holiday = (await _holidays.ListAsync(2022)).Single(h => h.Date == proposed);

        var preview = await _holidays.PreviewRemoveAsync(_admin, holiday.Id);
        Assert.True((await _holidays.RemoveAsync(_admin, holiday.Id)).Succeeded);

        var listed = Assert.Single(preview.Value!);
        Assert.Equal((id, MovedDateKind.ProposedDateAgreeable, proposed, proposed, false), (listed.Id, listed.Kind, listed.From, listed.To, listed.Moves));
        await using (var db = _database.CreateContext())
        {
            var told = await db.Notifications.Where(n => n.Title == "Proposed extension can be agreed again: Waiting times for wheelchair assessments")
                .Select(n => new { n.UserId, n.Body }).OrderBy(n => n.UserId).ToListAsync();
            Assert.Equal(["janet", "lena"], told.Select(n => n.UserId));
            Assert.Equal("The bank holidays changed, which affects the extension proposed for the request for information \"Waiting times for wheelchair "
                + "assessments\": Fri 14 Oct 2022 is a working day later than the due date again, so it can be agreed. The due date is Thu 29 Sept 2022 until it is.",
                told[0].Body);
        }

        Assert.Null((await _deadlines.GetAsync(id))!.ProposalOvertaken);
        Assert.True((await _deadlines.AgreeExtensionAsync(_linkEditor, id, proposed)).Succeeded);
    }

    // Without the State Funeral a request received Thu 1 Sep 2022 is due Wed 28 Sep, and the trust proposes Thu 29 Sep.
    // The funeral added back moves the due date to Thu 29 Sep itself: the proposal would no longer give more time, so it
    // is listed beside the due date that moves, with Fri 30 Sep to propose instead.
    [Fact]
    public async Task Add_HolidayThatMovesTheDueDateOntoAProposedExtension_PreviewListsTheProposalAsNoLongerLater()
    {
        await RemoveStateFuneralAsync();
        var id = await LogAsync();
        Assert.True((await _deadlines.ProposeExtensionAsync(_southEditor, id, new DateOnly(2022, 9, 29), "Board papers first.", waitingSeen: null)).Succeeded);

        var preview = await _holidays.PreviewAddAsync(_admin, StateFuneral, "State Funeral of Queen Elizabeth II");
        Assert.True((await _holidays.AddAsync(_admin, StateFuneral, "State Funeral of Queen Elizabeth II")).Succeeded);

        Assert.Equal([(MovedDateKind.Response, new DateOnly(2022, 9, 28), new DateOnly(2022, 9, 29)), (MovedDateKind.ProposedDate, new DateOnly(2022, 9, 29), new DateOnly(2022, 9, 30))],
            preview.Value!.Where(m => m.Id == id).OrderBy(m => m.Kind).Select(m => (m.Kind, m.From, m.To)));
        var details = await _deadlines.GetAsync(id);
        Assert.Equal("Thu 29 Sept 2022 is no longer later than the due date, which the bank holidays have moved to Thu 29 Sept 2022 since it was proposed, "
            + "so it cannot be agreed: propose Fri 30 Sept 2022 or a later working day instead.", details!.ProposalOvertaken);
        var agreed = await _deadlines.AgreeExtensionAsync(_linkEditor, id, new DateOnly(2022, 9, 29));
        Assert.Equal(details.ProposalOvertaken + " Nothing was saved.", agreed.Problem);
    }

    [Fact]
    public async Task Recount_PendingEmailForTheOldDate_IsNotSent()
    {
        await RemoveStateFuneralAsync();
        var id = await LogAsync();
        _clock.SetUtcNow(new DateTimeOffset(2022, 9, 28, 7, 0, 0, TimeSpan.Zero));
        await using (var db = _database.CreateContext())
        {
            var calendar = await _holidays.GetAsync();
            var (_, planned) = await ReminderSweep.PlanAsync(db, calendar, new DateOnly(2022, 9, 28));
            Assert.Contains(planned, p => p.DeadlineId == id && p.Step == "due");
            db.ReminderDeliveries.Add(new ReminderDelivery(id, "due", "lena", DeliveryChannel.Email, _clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await _holidays.ImportGovUkAsync(_admin, Json(GovUkFile));

        await using var check = _database.CreateContext();
        var deadline = await check.Deadlines.SingleAsync(d => d.Id == id);
        Assert.False(ReminderSchedule.IsForDueDate("due", deadline.DueDate, deadline.LoggedDueDate)); // the mailer cancels it
        var (_, now) = await ReminderSweep.PlanAsync(check, await _holidays.GetAsync(), new DateOnly(2022, 9, 29));
        Assert.Contains(now, p => p.DeadlineId == id && p.Step == "due@2022-09-29");
    }

    [Fact]
    public async Task Responsiveness_ExtensionAgreedAfterTheDueDate_CountedApartAndNeverOnTime()
    {
        var late = await LogAsync(); // due Thu 29 Sep 2022
        var timely = await LogAsync();
        _clock.SetUtcNow(new DateTimeOffset(2022, 9, 27, 9, 0, 0, TimeSpan.Zero));
        await _deadlines.ProposeExtensionAsync(_southEditor, timely, new DateOnly(2022, 10, 14), "Data re-run", waitingSeen: null);
        await _deadlines.AgreeExtensionAsync(_linkEditor, timely, new DateOnly(2022, 10, 14));
        _clock.SetUtcNow(new DateTimeOffset(2022, 10, 4, 9, 0, 0, TimeSpan.Zero));
        await _deadlines.ProposeExtensionAsync(_southEditor, late, new DateOnly(2022, 10, 14), "Data re-run", waitingSeen: null);
        await _deadlines.AgreeExtensionAsync(_linkEditor, late, new DateOnly(2022, 10, 14));
        _clock.SetUtcNow(new DateTimeOffset(2022, 10, 10, 9, 0, 0, TimeSpan.Zero));
        await _deadlines.RecordAnswerAsync(_southEditor, late, "Figures attached.", new DateOnly(2022, 10, 10));
        await _deadlines.RecordAnswerAsync(_southEditor, timely, "Figures attached.", new DateOnly(2022, 10, 10));

        var deadline = await DeadlineAsync(late);
        Assert.Equal((new DateOnly(2022, 10, 14), new DateOnly(2022, 9, 29)), (deadline.DueDate, deadline.LapsedDueDate));
        Assert.Equal(7, deadline.WorkingDaysLate); // 30 Sep to 10 Oct
        var south = (await _deadlines.ResponsivenessAsync(new FinancialYear(2022))).Single(r => r.OrganisationId == _south.Id);
        Assert.Equal((1, 1, 7), (south.Answer.OnTime, south.Answer.Late, south.Answer.WorstWorkingDaysLate));
        Assert.Equal(1, south.ExtendedAfterDueDate);
        var row = (await _deadlines.ListAsync(new DeadlineFilter())).Single(r => r.Id == late);
        Assert.Equal(new DateOnly(2022, 9, 29), row.LapsedDueDate);
    }

    [Fact]
    public async Task Acknowledge_ScrutinyReferral_CompletesItStopsRemindersAndLeavesAFollowUp()
    {
        var referral = await LogAsync(DeadlineKind.ScrutinyReferral, _scrutiny);
        _clock.SetUtcNow(new DateTimeOffset(2022, 9, 20, 9, 0, 0, TimeSpan.Zero));

        Assert.True((await _deadlines.AcknowledgeAsync(_scrutinyEditor, referral)).Succeeded);

        var deadline = await DeadlineAsync(referral);
        Assert.Equal((false, true, 0), (deadline.IsOpen, deadline.AwaitsFollowUp, deadline.WorkingDaysLate));
        _clock.SetUtcNow(new DateTimeOffset(2022, 11, 1, 9, 0, 0, TimeSpan.Zero));
        Assert.DoesNotContain(await _deadlines.ListAsync(new DeadlineFilter { OverdueOnly = true }), r => r.Id == referral);
        var row = (await _deadlines.ListAsync(new DeadlineFilter())).Single(r => r.Id == referral);
        Assert.Equal((false, "Acknowledged: duty met, follow-up open"), (row.IsOverdueOn(new DateOnly(2022, 11, 1)), row.StateLabel(new DateOnly(2022, 11, 1))));
        await using (var db = _database.CreateContext())
        {
            var (_, planned) = await ReminderSweep.PlanAsync(db, await _holidays.GetAsync(), new DateOnly(2022, 11, 1));
            Assert.DoesNotContain(planned, p => p.DeadlineId == referral);
        }

        Assert.False((await _deadlines.EscalateAsync(_linkEditor, referral)).Succeeded);
        Assert.True((await _deadlines.RecordAnswerAsync(_scrutinyEditor, referral, "Reviewed at the November meeting.", new DateOnly(2022, 11, 1))).Succeeded);
    }

    [Fact]
    public async Task Acknowledge_InformationRequest_StillOverdueUntilAnswered()
    {
        var request = await LogAsync();
        await _deadlines.AcknowledgeAsync(_southEditor, request);
        _clock.SetUtcNow(new DateTimeOffset(2022, 11, 1, 9, 0, 0, TimeSpan.Zero));

        Assert.Contains(await _deadlines.ListAsync(new DeadlineFilter { OverdueOnly = true }), r => r.Id == request);
    }

    [Fact]
    public async Task SaveRule_CustomKindDischargedByAcknowledgement_StatutoryKindKeepsItsStep()
    {
        var custom = await _deadlines.SaveRuleAsync(_admin, null, new DeadlineRuleInput { Name = "Quality account comment", DischargedBy = DutyStep.Acknowledgement });
        await using var db = _database.CreateContext();
        var request = await db.DeadlineRules.AsNoTracking().SingleAsync(r => r.Kind == DeadlineKind.InformationRequest);
        var asked = DeadlineRuleInput.From(request);
        asked.DischargedBy = DutyStep.Acknowledgement;
        await _deadlines.SaveRuleAsync(_admin, request.Id, asked);

        var rules = await _deadlines.RulesAsync();
        Assert.Equal(DutyStep.Acknowledgement, rules.Single(r => r.Id == custom.Value).DischargedBy);
        Assert.Equal(DutyStep.Answer, rules.Single(r => r.Id == request.Id).DischargedBy);
        Assert.Equal(DutyStep.Acknowledgement, rules.Single(r => r.Kind == DeadlineKind.ScrutinyReferral).DischargedBy);
    }

    /// <summary>Another editor of the LINk, to hand a deadline to from its page.</summary>
    private async Task AddMartinAsync()
    {
        await using var db = _database.CreateContext();
        db.Users.Add(new ApplicationUser { Id = "martin", UserName = "martin", DisplayName = "Martin Hughes", OrganisationId = _link.Id, Role = UserRole.Editor });
        await db.SaveChangesAsync();
    }

    /// <summary>Hands the deadline to Martin from a page that read it at <paramref name="seen"/> (ADR 3: the hand-over takes the page's version).</summary>
    private Task<Outcome> HandOverFromThePageAsync(int id, Guid seen) =>
        _deadlines.HandOverAsync(_linkEditor, id, new DeadlineHandOverInput { NewOwnerUserId = "martin", Version = seen });

    private async Task<int> HistoryEntriesAsync(int id)
    {
        await using var db = _database.CreateContext();
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.AuditEntries.CountAsync(a => a.EntityType == nameof(ResponseDeadline) && a.EntityId == key);
    }

    // A holiday after an open deadline's due date moves none of its dates: the deadline is not touched, so a page read
    // before the change still saves. Before, every open deadline's version was renewed without a history entry, and the
    // page was refused with "Lena Khan saved this deadline …", naming whoever last made a recorded change.
    [Fact]
    public async Task Add_HolidayOutsideAnOpenDeadlinesCount_ItsVersionStaysAndAPageReadBeforeStillSaves()
    {
        await AddMartinAsync();
        var id = await LogAsync(); // due Thu 29 Sep 2022
        var seen = (await DeadlineAsync(id)).Version;
        var entries = await HistoryEntriesAsync(id);

        Assert.True((await _holidays.AddAsync(_admin, new DateOnly(2022, 10, 14), "Day of mourning")).Succeeded);

        Assert.Equal((seen, entries), ((await DeadlineAsync(id)).Version, await HistoryEntriesAsync(id)));
        var handedOver = await HandOverFromThePageAsync(id, seen);
        Assert.True(handedOver.Succeeded, handedOver.Problem);
        Assert.Equal("Martin Hughes", (await DeadlineAsync(id)).OwnerName);
    }

    // A kind's new reminder days plan its open deadlines' reminders again, and change nothing on them: a page read before
    // still saves. Before, their versions were renewed, and the page was refused naming the person who logged it.
    [Fact]
    public async Task SaveRule_RemindersChanged_AnOpenDeadlinesPageReadBeforeStillSaves()
    {
        await AddMartinAsync();
        var id = await LogAsync();
        var seen = (await DeadlineAsync(id)).Version;
        await using (var db = _database.CreateContext())
        {
            var rule = await db.DeadlineRules.AsNoTracking().SingleAsync(r => r.Kind == DeadlineKind.InformationRequest);
            var input = DeadlineRuleInput.From(rule);
            input.RemindDaysBefore = "10, 5, 1";
            Assert.True((await _deadlines.SaveRuleAsync(_admin, rule.Id, input)).Succeeded);
        }

        Assert.Equal(seen, (await DeadlineAsync(id)).Version);
        var handedOver = await HandOverFromThePageAsync(id, seen);
        Assert.True(handedOver.Succeeded, handedOver.Problem);
    }

    // A holiday within the count moves the due date: a page read before is rightly refused, and told that the date was
    // recounted because the bank holidays changed, not that the administrator who changed them edited the deadline.
    [Fact]
    public async Task Add_HolidayWithinTheCount_APageReadBeforeIsToldOfTheRecountAndNamesNobody()
    {
        await AddMartinAsync();
        var id = await LogAsync(); // due Thu 29 Sep 2022
        var seen = (await DeadlineAsync(id)).Version;

        Assert.True((await _holidays.AddAsync(_admin, new DateOnly(2022, 9, 12), "Day of mourning")).Succeeded);
        var refused = await HandOverFromThePageAsync(id, seen);

        Assert.False(refused.Succeeded);
        Assert.Equal($"The due date was recounted on {UkTime.FormatDate(UkTime.Today(_database.Clock))} after the bank holidays changed: "
            + $"it is now {UkTime.FormatDate(new DateOnly(2022, 9, 30))}. Nothing was saved: reload to see it, then make your change again.", refused.Problem);
        Assert.DoesNotContain("Ada Admin", refused.Problem, StringComparison.Ordinal);
        Assert.Equal("Lena Khan", (await DeadlineAsync(id)).OwnerName);
        Assert.True((await HandOverFromThePageAsync(id, (await DeadlineAsync(id)).Version)).Succeeded); // reloaded, it saves
    }

    // Agreed on Tue 4 Oct, after the due date of Thu 29 Sep had passed: lateness counts from 29 September. A day of
    // mourning declared within the count makes the statutory date Fri 30 Sep: the missed date is that, so an answer
    // dated 30 September is on time, on the deadline and in the responsiveness figures. Before, the missed date stayed
    // 29 September and the answer was a working day late, against a date the holidays no longer give.
    [Fact]
    public async Task Add_HolidayWithinTheCountOfALateExtension_TheMissedDateIsRecountedAndLatenessCountsFromIt()
    {
        var id = await LogAsync(); // due Thu 29 Sep 2022
        _clock.SetUtcNow(new DateTimeOffset(2022, 10, 4, 9, 0, 0, TimeSpan.Zero));
        await ExtendToFourteenthOctoberAsync(id);
        Assert.Equal(new DateOnly(2022, 9, 29), (await DeadlineAsync(id)).LapsedDueDate);

        Assert.True((await _holidays.AddAsync(_admin, new DateOnly(2022, 9, 12), "Day of mourning")).Succeeded);

        var deadline = await DeadlineAsync(id);
        Assert.Equal((new DateOnly(2022, 10, 14), new DateOnly(2022, 9, 30), new DateOnly(2022, 9, 30)), (deadline.DueDate, deadline.OriginalDueDate, deadline.LapsedDueDate));
        await using (var db = _database.CreateContext())
        {
            // The missed date decides its lateness: the LINk and the organisation owing the answer are told it moved.
            Assert.Contains("janet", await db.Notifications.Where(n => n.Title == "Dates recounted: Waiting times for wheelchair assessments").Select(n => n.UserId).ToListAsync());
        }

        Assert.Contains("The due date missed before the extension was agreed, from which lateness is counted, moved from "
            + $"{UkTime.FormatDate(new DateOnly(2022, 9, 29))} to {UkTime.FormatDate(new DateOnly(2022, 9, 30))}.", deadline.DueDateNote);
        Assert.Equal(new DateOnly(2022, 9, 30), (await _deadlines.ListAsync(new DeadlineFilter())).Single(r => r.Id == id).LapsedDueDate);

        _clock.SetUtcNow(new DateTimeOffset(2022, 10, 10, 9, 0, 0, TimeSpan.Zero));
        Assert.True((await _deadlines.RecordAnswerAsync(_southEditor, id, "Figures attached.", new DateOnly(2022, 9, 30))).Succeeded);

        Assert.Equal((0, "on time"), ((await DeadlineAsync(id)).WorkingDaysLate!.Value, (await DeadlineAsync(id)).DutyLateness));
        var south = (await _deadlines.ResponsivenessAsync(new FinancialYear(2022))).Single(r => r.OrganisationId == _south.Id);
        Assert.Equal((1, 0), (south.Answer.OnTime, south.Answer.Late));
    }

    // Extended before its due date to Fri 14 Oct: a day of mourning within the count moves the statutory date from
    // Thu 29 Sep to Fri 30 Sep while the agreed date still sets the due date. The statutory date shown ("Originally due")
    // and listed is recounted with the reason in the history; a page read before is told of the recount. Before, it was
    // recorded again only when a recount moved the due date, and stayed 29 September.
    [Fact]
    public async Task Add_HolidayWithinTheCountOfAnExtendedDeadline_TheStatutoryDateIsRecountedWhileTheAgreedDateStays()
    {
        await AddMartinAsync();
        var id = await LogAsync(); // due Thu 29 Sep 2022
        await ExtendToFourteenthOctoberAsync(id);
        var seen = (await DeadlineAsync(id)).Version;

        var added = await _holidays.AddAsync(_admin, new DateOnly(2022, 9, 12), "Day of mourning");

        // Its due date does not move, but its statutory date does: listed as such, and both sides are told.
        Assert.Equal([new MovedDeadline(id, "Waiting times for wheelchair assessments", _south.Name, new DateOnly(2022, 9, 29), new DateOnly(2022, 9, 30), MovedDateKind.StatutoryDate)],
            added.Value!.Where(m => m.Id == id));
        await using (var db = _database.CreateContext())
        {
            var told = await db.Notifications.Where(n => n.Title == "Dates recounted: Waiting times for wheelchair assessments").Select(n => n.UserId).OrderBy(u => u).ToListAsync();
            Assert.Equal(["janet", "lena"], told.Intersect(["janet", "lena"]).Order());
            Assert.Empty(await db.Notifications.Where(n => n.Title.StartsWith("Due date moved")).ToListAsync());
        }

        var details = (await _deadlines.GetAsync(id))!;
        Assert.Equal((new DateOnly(2022, 10, 14), new DateOnly(2022, 9, 30)), (details.Deadline.DueDate, details.Deadline.OriginalDueDate));
        Assert.Equal(details.Working.DueDate, details.Deadline.OriginalDueDate);
        Assert.Equal(new DateOnly(2022, 9, 30), (await _deadlines.ListAsync(new DeadlineFilter())).Single(r => r.Id == id).OriginalDueDate);
        Assert.Equal($"The statutory due date moved from {UkTime.FormatDate(new DateOnly(2022, 9, 29))} to {UkTime.FormatDate(new DateOnly(2022, 9, 30))} "
            + $"because bank holiday {UkTime.FormatDate(new DateOnly(2022, 9, 12))} (Day of mourning) was added; the due date stays "
            + $"{UkTime.FormatDate(new DateOnly(2022, 10, 14))}, as the extension agreed to {UkTime.FormatDate(new DateOnly(2022, 10, 14))} still sets it.",
            details.Deadline.DueDateNote);
        var history = await new AuditHistory(_database.Factory).LatestAsync(nameof(ResponseDeadline), id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(history!.Changes, c => c is { Property: nameof(ResponseDeadline.OriginalDueDate), Before: "2022-09-29", After: "2022-09-30" });

        var refused = await HandOverFromThePageAsync(id, seen);
        Assert.Equal($"This deadline's dates were recounted on {UkTime.FormatDate(UkTime.Today(_database.Clock))} after the bank holidays changed "
            + "(its due date stays as it was). Nothing was saved: reload to see them, then make your change again.", refused.Problem);
    }

    // Received Thu 1 Sep 2022, due Thu 29 Sep; the extension to Fri 14 Oct was agreed on Fri 30 Sep, the day after, so
    // 29 September was recorded as missed. A day of mourning on Mon 12 Sep, added afterwards, counts the statutory date to
    // Fri 30 Sep, the agreement day itself: a missed date there would say the extension was agreed before the date it
    // missed. Whether it came late was settled that day, so the missed date stays 29 September (the note says why) and the
    // statutory date alone moves, told to both sides. Before, the missed date became 30 September, on the agreement day;
    // and a rule that cleared it instead could not bring it back when the holiday was removed again, erasing the lateness.
    [Fact]
    public async Task Add_HolidayThatWouldPutTheMissedDateOnTheDayTheExtensionWasAgreed_TheMissedDateStaysAndComesThroughTheHolidaysRemoval()
    {
        var id = await LogAsync(); // due Thu 29 Sep 2022
        _clock.SetUtcNow(new DateTimeOffset(2022, 9, 30, 9, 0, 0, TimeSpan.Zero));
        await ExtendToFourteenthOctoberAsync(id);
        Assert.Equal(new DateOnly(2022, 9, 29), (await DeadlineAsync(id)).LapsedDueDate);

        var preview = await _holidays.PreviewAddAsync(_admin, new DateOnly(2022, 9, 12), "Day of mourning");
        var added = await _holidays.AddAsync(_admin, new DateOnly(2022, 9, 12), "Day of mourning");

        var statutory = new MovedDeadline(id, "Waiting times for wheelchair assessments", _south.Name, new DateOnly(2022, 9, 29), new DateOnly(2022, 9, 30), MovedDateKind.StatutoryDate);
        Assert.Equal([statutory], preview.Value!.Where(m => m.Id == id));
        Assert.Equal([statutory], added.Value!.Where(m => m.Id == id));
        var deadline = await DeadlineAsync(id);
        Assert.Equal((new DateOnly(2022, 10, 14), new DateOnly(2022, 9, 30), (DateOnly?)new DateOnly(2022, 9, 29)), (deadline.DueDate, deadline.OriginalDueDate, deadline.LapsedDueDate));
        Assert.Contains($"The due date missed before the extension was agreed stays {UkTime.FormatDate(new DateOnly(2022, 9, 29))}, although the bank holidays as "
            + $"they are now count it to {UkTime.FormatDate(new DateOnly(2022, 9, 30))}: an extension was first agreed on {UkTime.FormatDate(new DateOnly(2022, 9, 30))}, "
            + "after that date had passed, and the lateness recorded that day stands.", deadline.DueDateNote);
        await using (var db = _database.CreateContext())
        {
            Assert.Contains("janet", await db.Notifications.Where(n => n.Title == "Dates recounted: Waiting times for wheelchair assessments").Select(n => n.UserId).ToListAsync());
        }

        // Removed again, the holiday gives back the dates as they were, lateness and all.
        var holiday = (await _holidays.ListAsync(2022)).Single(h => h.Date == new DateOnly(2022, 9, 12)).Id;
        Assert.True((await _holidays.RemoveAsync(_admin, holiday)).Succeeded);
        deadline = await DeadlineAsync(id);
        Assert.Equal((new DateOnly(2022, 10, 14), new DateOnly(2022, 9, 29), (DateOnly?)new DateOnly(2022, 9, 29)), (deadline.DueDate, deadline.OriginalDueDate, deadline.LapsedDueDate));

        _clock.SetUtcNow(new DateTimeOffset(2022, 10, 14, 9, 0, 0, TimeSpan.Zero));
        Assert.True((await _deadlines.RecordAnswerAsync(_southEditor, id, "Figures attached.", new DateOnly(2022, 10, 14))).Succeeded);
        Assert.NotEqual("on time", (await DeadlineAsync(id)).DutyLateness);
        Assert.NotNull((await DeadlineAsync(id)).DutyLateness);
    }
}
