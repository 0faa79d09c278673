using System.Text;
using EngagementHub.Core.Common;
using EngagementHub.Core;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementHub.Tests.Data.Deadlines;

/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class BankHolidayCalendarTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : BankHolidayCalendarTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : BankHolidayCalendarTests(DatabaseProvider.PostgreSql);

    private static readonly Actor Admin = new("admin", "Ada Admin", 1, "Be Birmingham", UserRole.Admin);
    private static readonly Actor Editor = new("editor", "Eddie Editor", 1, "Be Birmingham", UserRole.Editor);
    private TestDatabase _database = default!;
    private BankHolidayCalendar _calendar = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _calendar = new BankHolidayCalendar(_database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), _database.Clock);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static MemoryStream Json(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task EnsureSeeded_TwiceOnAFreshDatabase_Ships2005To2030Once()
    {
        await using (var db = _database.CreateContext())
        {
            // No holidays yet, as in a database before the app's first start.
            await db.BankHolidays.ExecuteDeleteAsync();
            await BankHolidayCalendar.EnsureSeededAsync(db);
            await BankHolidayCalendar.EnsureSeededAsync(db);
        }

        await using var check = _database.CreateContext();
        Assert.Equal(EnglandAndWalesBankHolidays.All.Count, await check.BankHolidays.CountAsync());
        Assert.Equal(new DateOnly(2030, 12, 31), (await _calendar.GetAsync()).KnownUntil);
    }

    [Fact]
    public async Task ImportGovUk_NewRenamedAndKnownDates_AddsRenamesAndCounts()
    {
        const string file = """
            {"england-and-wales":{"division":"england-and-wales","events":[
              {"title":"New Year’s Day","date":"2031-01-01","notes":"","bunting":true},
              {"title":"Christmas Day (observed)","date":"2030-12-25","notes":"","bunting":true},
              {"title":"Boxing Day","date":"2030-12-26","notes":"","bunting":true}]},
             "scotland":{"division":"scotland","events":[{"title":"St Andrew’s Day","date":"2030-12-02","notes":"","bunting":true}]}}
            """;

        var outcome = await _calendar.ImportGovUkAsync(Admin, Json(file));

        Assert.Equal(new ImportResult(1, 1, 1), outcome.Value);
        var calendar = await _calendar.GetAsync();
        Assert.False(calendar.IsWorkingDay(new DateOnly(2031, 1, 1)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2030, 12, 2))); // Scotland's holidays are not England's
        Assert.Equal("Christmas Day (observed)", calendar.HolidayOn(new DateOnly(2030, 12, 25))!.Name);
    }

    // An administrator adds a one-off holiday before GOV.UK publishes it; GOV.UK then lists it under the same name, and
    // later moves it. Once listed it is the list's day, so the import that moves it removes the old date, as it removes
    // any day the list no longer holds; before, it stayed "added by hand" and was kept, a holiday on both days.
    [Fact]
    public async Task ImportGovUk_DayAddedByHandThenListedUnderItsName_IsTheListsAndGoesWhenTheListMovesIt()
    {
        Assert.True((await _calendar.AddAsync(Admin, new DateOnly(2031, 6, 2), "Jubilee bank holiday")).Succeeded);
        static string File(string date) => $$$"""
            {"england-and-wales":{"division":"england-and-wales","events":[
              {"title":"New Year’s Day","date":"2031-01-01","notes":"","bunting":true},
              {"title":"Jubilee bank holiday","date":"{{{date}}}","notes":"","bunting":true},
              {"title":"Christmas Day","date":"2031-12-25","notes":"","bunting":true}]}}
            """;

        Assert.True((await _calendar.ImportGovUkAsync(Admin, Json(File("2031-06-02")))).Succeeded);

        Assert.Equal(HolidaySource.Imported, (await _calendar.ListAsync(2031)).Single(h => h.Date == new DateOnly(2031, 6, 2)).Source);
        var moved = await _calendar.PreviewImportGovUkAsync(Admin, Json(File("2031-06-03")));
        Assert.Equal([new Holiday(new DateOnly(2031, 6, 2), "Jubilee bank holiday")], moved.Value!.Removed);
        Assert.Empty(moved.Value.Kept);
        Assert.True((await _calendar.ImportGovUkAsync(Admin, Json(File("2031-06-03")))).Succeeded);
        var calendar = await _calendar.GetAsync();
        Assert.True(calendar.IsWorkingDay(new DateOnly(2031, 6, 2)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2031, 6, 3)));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"scotland":{"events":[]}}""")]
    [InlineData("""{"england-and-wales":{"events":[{"title":"X","date":"31/12/2031"}]}}""")]
    public async Task ImportGovUk_NotTheGovUkFile_SaysSoAndChangesNothing(string text)
    {
        var outcome = await _calendar.ImportGovUkAsync(Admin, Json(text));

        Assert.Contains(outcome.Errors, e => e.Field == "File");
        Assert.Equal(EnglandAndWalesBankHolidays.All.Count, (await _calendar.ListAsync()).Count);
    }

    [Fact]
    public async Task ImportGovUk_Editor_IsRefused() =>
        await Assert.ThrowsAsync<AccessDeniedException>(() => _calendar.ImportGovUkAsync(Editor, Json("{}")));

    [Fact]
    public async Task Add_WeekendOrExistingDate_IsRefusedWithTheReason()
    {
        var weekend = await _calendar.AddAsync(Admin, new DateOnly(2031, 1, 4), "Not a weekday");
        var taken = await _calendar.AddAsync(Admin, new DateOnly(2030, 12, 25), "Twice");
        var added = await _calendar.AddAsync(Admin, new DateOnly(2031, 5, 5), "Early May bank holiday");

        Assert.Equal("Sat 4 Jan 2031 is a Saturday. Bank holidays fall on weekdays: a holiday at a weekend has a substitute day, usually the Monday after, "
            + "Mon 6 Jan 2031. Add that day instead.", weekend.ErrorsFor("Date").Single());
        Assert.Contains("is already a bank holiday", taken.ErrorsFor("Date").Single());
        Assert.True(added.Succeeded);
        Assert.False((await _calendar.GetAsync()).IsWorkingDay(new DateOnly(2031, 5, 5)));
    }

    [Fact]
    public async Task Add_NameWithALineBreak_IsRefusedAtTheNameAndAddsNothing()
    {
        var outcome = await _calendar.AddAsync(Admin, new DateOnly(2031, 6, 2), "One-off\nOpen it: https://evil.example");

        Assert.Equal([EngagementHub.Core.Common.InputValidation.LineBreakMessage], outcome.ErrorsFor("Name"));
        Assert.True((await _calendar.GetAsync()).IsWorkingDay(new DateOnly(2031, 6, 2)));
    }

    [Fact]
    public async Task CoverageWarning_WithinAYearOfTheLastKnownHoliday_WarnsAdmins()
    {
        Assert.Null(await _calendar.CoverageWarningAsync());

        _database.Clock.SetUtcNow(new DateTimeOffset(2030, 2, 1, 9, 0, 0, TimeSpan.Zero));

        Assert.Contains("runs out on Tue 31 Dec 2030", await _calendar.CoverageWarningAsync());
    }

    [Fact]
    public async Task ImportGovUk_FileEndingWithNewYearsDay_KeepsThatYearsLaterRegularHolidays()
    {
        const string file = """
            {"england-and-wales":{"division":"england-and-wales","events":[
              {"title":"New Year’s Day","date":"2031-01-01","notes":"","bunting":true}]}}
            """;
        var before = (await _calendar.GetAsync()).DueDate(new DateOnly(2031, 12, 15), 20);

        Assert.True((await _calendar.ImportGovUkAsync(Admin, Json(file))).Succeeded);

        var calendar = await _calendar.GetAsync();
        var after = calendar.DueDate(new DateOnly(2031, 12, 15), 20);
        Assert.Equal(before.DueDate, after.DueDate);
        Assert.False(calendar.IsWorkingDay(new DateOnly(2031, 4, 11))); // Good Friday 2031, from the pattern
        Assert.Contains("only part of the list for 2031 is published", after.Explanation);
        Assert.Equal(new DateOnly(2031, 1, 1), calendar.KnownUntil);
    }

    [Fact]
    public async Task CoverageWarning_OneOffAddedBeyondThePublishedList_StillWarns()
    {
        _database.Clock.SetUtcNow(new DateTimeOffset(2030, 2, 1, 9, 0, 0, TimeSpan.Zero));

        Assert.True((await _calendar.AddAsync(Admin, new DateOnly(2031, 6, 2), "One-off celebration")).Succeeded);

        Assert.Contains("runs out on Tue 31 Dec 2030", await _calendar.CoverageWarningAsync());
    }
}
