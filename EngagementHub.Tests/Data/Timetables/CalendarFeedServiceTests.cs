using EngagementHub.Core;
using EngagementHub.Core.Calendar;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementHub.Tests.Data.Timetables;

/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class CalendarFeedServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : CalendarFeedServiceTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : CalendarFeedServiceTests(DatabaseProvider.PostgreSql);

    private readonly CapturingLoggerProvider _logs = new();
    private TestDatabase _database = default!;
    private CalendarFeedService _service = default!;
    private Organisation _south = default!;
    private Organisation _council = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await using var db = _database.CreateContext();
        _south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
        _council = new Organisation("Adults and Communities", OrganisationKind.Commissioner);
        db.Organisations.AddRange(_south, _council);
        await db.SaveChangesAsync();
        foreach (var (id, organisation, role) in new[] { ("colin", _south, UserRole.Editor), ("vera", _south, UserRole.Viewer), ("carys", _council, UserRole.Editor) })
        {
            db.Users.Add(new ApplicationUser { Id = id, UserName = id, DisplayName = id, OrganisationId = organisation.Id, Role = role });
        }

        await db.SaveChangesAsync();
        _service = new CalendarFeedService(_database.Factory, new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()),
            Options.Create(new EngagementHubOptions { PartnershipName = "Birmingham" }), _database.Clock);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Actor Colin => new("colin", "Colin Marsh", _south.Id, _south.Name, UserRole.Editor);
    private Actor Vera => new("vera", "Vera Viewer", _south.Id, _south.Name, UserRole.Viewer);
    private Actor Carys => new("carys", "Carys Bennett", _council.Id, _council.Name, UserRole.Editor);

    [Fact]
    public async Task CreatePersonalAsync_Twice_TheFirstAddressStopsWorking()
    {
        var first = (await _service.CreatePersonalAsync(Vera)).Value!;
        var second = (await _service.CreatePersonalAsync(Vera)).Value!;

        Assert.Null(await _service.PrivateAsync(first.Secret));
        Assert.NotNull(await _service.PrivateAsync(second.Secret));
        Assert.Equal([second.Id], (await _service.ListAsync(Vera)).Select(f => f.Id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CreateAsync_FromThreeTabsAtOnce_LeavesOneLiveFeedOfTheOnesMade(bool organisation)
    {
        // Every tab has read the live feeds (none) before any of them saves.
        var gate = new RaceGate(3, c => c.CommandText.Contains("FROM \"CalendarFeeds\"", StringComparison.Ordinal)
                                        && c.CommandText.Contains("\"RevokedAt\" IS NULL", StringComparison.Ordinal));
        var service = new CalendarFeedService(gate.Factory(_database), new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>()),
            Options.Create(new EngagementHubOptions { PartnershipName = "Birmingham" }), _database.Clock);

        var made = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
            organisation ? service.CreateForOrganisationAsync(Colin, _south.Id) : service.CreatePersonalAsync(Colin))));

        Assert.All(made, m => Assert.True(m.Succeeded));
        var live = Assert.Single(await _service.ListAsync(Colin));
        Assert.Contains(live.Id, made.Select(m => m.Value!.Id));
        foreach (var feed in made.Select(m => m.Value!))
        {
            Assert.Equal(feed.Id == live.Id, await _service.PrivateAsync(feed.Secret) is not null);
        }
    }

    [Fact]
    public async Task CreatePersonalAsync_StoresOnlyTheHashAndAuditsTheCreation()
    {
        var created = (await _service.CreatePersonalAsync(Vera)).Value!;

        await using var db = _database.CreateContext();
        var stored = await db.CalendarFeeds.SingleAsync();
        Assert.NotEqual(created.Secret, stored.SecretHash);
        Assert.Equal(CalendarFeed.Hash(created.Secret), stored.SecretHash);
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(CalendarFeed));
        Assert.Equal("vera", audit.UserId);
        Assert.DoesNotContain(audit.Changes, c => c.Property == nameof(CalendarFeed.SecretHash));
    }

    [Fact]
    public async Task CreateForOrganisationAsync_Viewer_IsRefusedAndLogged()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.CreateForOrganisationAsync(Vera, _south.Id));

        Assert.Contains(_logs.Warnings, l => l.Message.Contains("create an organisation's calendar feed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListAsync_Editor_SeesTheirOwnAndTheOrganisationsFeedsButNotAColleaguesOwn()
    {
        await _service.CreatePersonalAsync(Vera);
        var organisation = (await _service.CreateForOrganisationAsync(Colin, _south.Id)).Value!;
        var own = (await _service.CreatePersonalAsync(Colin)).Value!;

        var rows = await _service.ListAsync(Colin);

        Assert.Equal([own.Id, organisation.Id], rows.Select(r => r.Id));
        Assert.All(rows, r => Assert.True(r.CanRevoke));
        Assert.Empty(await _service.ListAsync(Carys));
        Assert.Single(await _service.ListAsync(Vera));
    }

    [Fact]
    public async Task RevokeAsync_AnEditorOfTheOrganisation_RevokesItsFeedWithAnAuditEntry()
    {
        var created = (await _service.CreateForOrganisationAsync(Colin, _south.Id)).Value!;
        var colleague = Colin with { UserId = "colin-2", DisplayName = "Another editor" };

        Assert.True((await _service.RevokeAsync(colleague, created.Id)).Succeeded);

        Assert.Null(await _service.PrivateAsync(created.Secret));
        await using var db = _database.CreateContext();
        Assert.Contains(await db.AuditEntries.Where(a => a.EntityType == nameof(CalendarFeed)).ToListAsync(),
            a => a.UserName == "Another editor" && a.Changes.Any(c => c.Property == nameof(CalendarFeed.RevokedAt)));
    }

    [Fact]
    public async Task RevokeAsync_AColleaguesPersonalFeed_IsRefusedAndLogged()
    {
        var created = (await _service.CreatePersonalAsync(Vera)).Value!;

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.RevokeAsync(Colin, created.Id));

        Assert.Contains(_logs.Warnings, l => l.Message.Contains("revoke a calendar feed", StringComparison.Ordinal));
        Assert.NotNull(await _service.PrivateAsync(created.Secret));
    }

    [Fact]
    public async Task PrivateAsync_PolledOften_NotesTheReadAtMostHourlyAndOutsideTheAuditLog()
    {
        var created = (await _service.CreatePersonalAsync(Vera)).Value!;
        var start = _database.Clock.GetUtcNow();

        await _service.PrivateAsync(created.Secret);
        _database.Clock.Advance(TimeSpan.FromMinutes(20));
        await _service.PrivateAsync(created.Secret);
        Assert.Equal(start, await LastReadAsync());

        _database.Clock.Advance(TimeSpan.FromMinutes(41));
        await _service.PrivateAsync(created.Secret);
        Assert.Equal(start.AddMinutes(61), await LastReadAsync());

        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(CalendarFeed)));
        return;

        async Task<DateTimeOffset?> LastReadAsync()
        {
            await using var check = _database.CreateContext();
            return (await check.CalendarFeeds.SingleAsync(f => f.Id == created.Id)).LastReadAt;
        }
    }

    // The feed holds 2025/26 to 2027/28 (today is in 2026/27). A consultation from March to May 2025 starts in 2024/25 and
    // runs into 2025/26, so it is in the feed; a meeting in March 2025 is not.
    [Fact]
    public async Task PrivateAsync_ConsultationRunningIntoTheFirstYearOfTheFeed_IsInIt()
    {
        var created = (await _service.CreatePersonalAsync(Colin)).Value!;
        var consultation = Event("Stroke services consultation", new DateOnly(2025, 3, 1), new DateOnly(2025, 5, 31));
        var meeting = Event("Board", new DateOnly(2025, 3, 20), new DateOnly(2025, 3, 20));
        await using (var db = _database.CreateContext())
        {
            db.TimetableEvents.AddRange(consultation, meeting);
            await db.SaveChangesAsync();
        }

        var content = await _service.PrivateAsync(created.Secret);

        Assert.Equal([consultation.Id], content!.Events.Select(e => e.Id));
        return;

        TimetableEvent Event(string title, DateOnly start, DateOnly end) => new(new TimetableEventInput
        {
            OrganisationId = _south.Id, Kind = TimetableEventKind.ConsultationWindow, Title = title, StartDate = start, EndDate = end,
        }, _database.Clock.GetUtcNow());
    }

    [Fact]
    public async Task PrivateAsync_DisabledPerson_IsRefused()
    {
        var created = (await _service.CreatePersonalAsync(Vera)).Value!;
        await using (var db = _database.CreateContext())
        {
            var vera = await db.Users.SingleAsync(u => u.Id == "vera");
            vera.IsDisabled = true;
            await db.SaveChangesAsync();
        }

        Assert.Null(await _service.PrivateAsync(created.Secret));
        Assert.Contains(_logs.Warnings, l => l.Message.Contains("disabled user", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("personal")]
    [InlineData("organisation")]
    public async Task PrivateAsync_OrganisationDeactivated_RefusedUntilItIsReactivated(string kind)
    {
        var created = (kind == "personal" ? await _service.CreatePersonalAsync(Colin) : await _service.CreateForOrganisationAsync(Colin, _south.Id)).Value!;

        await SetSouthActiveAsync(false);
        var whileDeactivated = await _service.PrivateAsync(created.Secret);
        await SetSouthActiveAsync(true);

        Assert.Null(whileDeactivated);
        Assert.Contains(_logs.Warnings, l => l.Message.Contains("deactivated organisation", StringComparison.Ordinal));
        Assert.NotNull(await _service.PrivateAsync(created.Secret));
    }

    private async Task SetSouthActiveAsync(bool active)
    {
        await using var db = _database.CreateContext();
        var south = await db.Organisations.SingleAsync(o => o.Id == _south.Id);
        if (active)
        {
            south.Reactivate();
        }
        else
        {
            south.Deactivate();
        }

        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task PrivateAsync_PersonalFeed_IsNamedForThePerson()
    {
        var created = (await _service.CreatePersonalAsync(Vera)).Value!;

        var content = await _service.PrivateAsync(created.Secret);

        Assert.Equal("Birmingham partnership timetable (vera)", content!.CalendarName);
    }

    [Fact]
    public async Task PrivateAsync_OrganisationFeed_CarriesItsOpenDeadlinesAndNamesTheExercisesEventsAreLinkedTo()
    {
        var today = UkTime.Today(_database.Clock);
        Organisation link;
        int exercise, rule;
        await using (var db = _database.CreateContext())
        {
            await DeadlineService.EnsureRulesAsync(db);
            rule = await db.DeadlineRules.Where(r => r.Kind == DeadlineKind.InformationRequest).Select(r => r.Id).SingleAsync();
            link = new Organisation("Birmingham LINk", OrganisationKind.Link);
            db.Organisations.Add(link);
            await db.SaveChangesAsync();
            var stroke = new EngagementExercise(new ExerciseInput
            {
                Title = "Stroke rehabilitation", Purpose = "Hear from the people who use the service.", LeadCommissionerId = _south.Id,
                DecisionInformed = "The board's decision", StartDate = today, EndDate = today.AddMonths(2),
            }, link.Id, _south.Id, _database.Clock.GetUtcNow());
            db.Exercises.Add(stroke);
            await db.SaveChangesAsync();
            exercise = stroke.Id;
            db.TimetableEvents.Add(new TimetableEvent(new TimetableEventInput
            {
                OrganisationId = _south.Id, Kind = TimetableEventKind.DecisionPoint, Title = "Board decides", StartDate = today.AddDays(7),
                ExerciseIds = [exercise],
            }, _database.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var access = new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>());
        var deadlines = new DeadlineService(_database.Factory, new BankHolidayCalendar(_database.Factory, access, _database.Clock), access, _database.Clock);
        var lena = new Actor("lena", "Lena Khan", link.Id, link.Name, UserRole.Editor);
        foreach (var (subject, to) in new[] { ("Waiting times", _south), ("Care home fees", _council) })
        {
            Assert.True((await deadlines.LogAsync(lena, new DeadlineInput { RuleId = rule, Subject = subject, ToOrganisationId = to.Id, Received = today })).Succeeded);
        }

        var created = (await _service.CreateForOrganisationAsync(Colin, _south.Id)).Value!;
        var content = await _service.PrivateAsync(created.Secret);

        Assert.NotNull(content);
        Assert.Equal(["Waiting times"], content.Deadlines.Select(d => d.Subject));
        Assert.Equal("NHS South Birmingham", content.Deadlines[0].ToOrganisation);
        Assert.Equal("Stroke rehabilitation", content.ExerciseTitles[exercise]);
        Assert.Equal(["Board decides"], content.Events.Select(e => e.Title));
    }
    // Lena followed up the LINk's request to South, then moved to the council. Her personal feed is the council's view
    // now: the LINk's request is no longer hers to follow up (its notices and reminders stopped reaching her), so it is
    // not in her calendar either.
    [Fact]
    public async Task PrivateAsync_PersonalFeedOfAnOwnerMovedToAnotherOrganisation_LeavesOutTheDeadlinesOfTheOneTheyLeft()
    {
        var today = UkTime.Today(_database.Clock);
        Organisation link;
        int rule;
        await using (var db = _database.CreateContext())
        {
            await DeadlineService.EnsureRulesAsync(db);
            rule = await db.DeadlineRules.Where(r => r.Kind == DeadlineKind.InformationRequest).Select(r => r.Id).SingleAsync();
            link = new Organisation("Birmingham LINk", OrganisationKind.Link);
            db.Organisations.Add(link);
            await db.SaveChangesAsync();
            db.Users.Add(new ApplicationUser { Id = "lena", UserName = "lena", DisplayName = "lena", OrganisationId = link.Id, Role = UserRole.Editor });
            await db.SaveChangesAsync();
        }

        var access = new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>());
        var deadlines = new DeadlineService(_database.Factory, new BankHolidayCalendar(_database.Factory, access, _database.Clock), access, _database.Clock);
        Assert.True((await deadlines.LogAsync(new Actor("lena", "Lena Khan", link.Id, link.Name, UserRole.Editor),
            new DeadlineInput { RuleId = rule, Subject = "Waiting times", ToOrganisationId = _south.Id, Received = today })).Succeeded);
        await using (var db = _database.CreateContext())
        {
            await db.Users.Where(u => u.Id == "lena").ExecuteUpdateAsync(u => u.SetProperty(x => x.OrganisationId, _council.Id));
        }

        var created = (await _service.CreatePersonalAsync(new Actor("lena", "Lena Khan", _council.Id, _council.Name, UserRole.Editor))).Value!;
        var content = await _service.PrivateAsync(created.Secret);

        Assert.Empty(content!.Deadlines);
    }
}
