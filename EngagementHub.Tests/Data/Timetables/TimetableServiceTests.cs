using EngagementHub.Core.Auditing;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementHub.Tests.Data.Timetables;

public sealed class TimetableServiceTests : IAsyncLifetime
{
    private static readonly FinancialYear Year = new(2026);
    private TestDatabase _database = default!;
    private TimetableService _service = default!;
    private Organisation _link = default!;
    private Organisation _south = default!;
    private Organisation _council = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreateContext();
        _link = new Organisation("Birmingham LINk", OrganisationKind.Link);
        _south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
        _council = new Organisation("Adults and Communities", OrganisationKind.Commissioner);
        db.Organisations.AddRange(_link, _south, _council);
        db.CycleTemplates.AddRange(StandardCycles.All());
        await db.SaveChangesAsync();
        _service = new TimetableService(_database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance),
            new AuditHistory(_database.Factory), _database.Clock);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static Actor Editor(Organisation organisation, string name = "Editor") =>
        new($"user-{organisation.Id}-{name}", name, organisation.Id, organisation.Name, UserRole.Editor);

    private static TimetableEventDetails Board(Organisation organisation, DateOnly date) => new()
    {
        OrganisationId = organisation.Id,
        Kind = TimetableEventKind.BoardMeeting,
        Title = "Board meeting",
        StartDate = date,
        StartTime = new TimeOnly(14, 0),
        EndTime = new TimeOnly(16, 0),
    };

    [Fact]
    public async Task GenerateCycleAsync_StandardTemplate_StoresEachStageAsAnEventOfTheYear()
    {
        var template = (await _service.TemplatesAsync()).Single(t => t.Name == StandardCycles.WorldClassCommissioning);

        var outcome = await _service.GenerateCycleAsync(Editor(_south), template.Id, _south.Id, Year);

        Assert.True(outcome.Succeeded, outcome.Problem);
        var year = await _service.YearAsync(Year);
        Assert.Equal(5, year.Events.Count);
        Assert.All(year.Events, e => Assert.Equal(template.Id, e.CycleTemplateId));
        Assert.Contains(year.Events, e => e.Title == "Procurement and contracting" && e.StartDate == new DateOnly(2027, 1, 1));
    }

    [Fact]
    public async Task AgreeAsync_EveryParticipantAgrees_TimetableIsAgreedAndPublished()
    {
        await _service.CreateEventAsync(Editor(_south), Board(_south, new DateOnly(2026, 9, 17)));
        var proposed = await _service.ProposeAsync(Editor(_link, "Lena"), Year, [_south.Id, _council.Id], "Our draft for the year");
        Assert.True(proposed.Succeeded, proposed.Problem);

        var first = await _service.YearAsync(Year);
        Assert.True((await _service.AgreeAsync(Editor(_south, "Colin"), Year, first.Timetable!.Version)).Succeeded);
        var second = await _service.YearAsync(Year);
        Assert.Equal(TimetableStatus.Proposed, second.Status);
        Assert.True((await _service.AgreeAsync(Editor(_council, "Carla"), Year, second.Timetable!.Version)).Succeeded);

        var agreed = await _service.YearAsync(Year);
        Assert.Equal(TimetableStatus.Agreed, agreed.Status);
        Assert.True(agreed.Timetable!.IsPublished);
        Assert.Equal(["Carla", "Colin", "Lena"], agreed.Timetable.CurrentAgreements.Select(a => a.AgreedBy).Order());
    }

    [Fact]
    public async Task UpdateEventAsync_AfterAgreement_FlagsTheYearAndLogsTheMove()
    {
        var id = (await _service.CreateEventAsync(Editor(_south), Board(_south, new DateOnly(2026, 9, 17)))).Value;
        await _service.ProposeAsync(Editor(_link), Year, [_south.Id], null);
        await _service.AgreeAsync(Editor(_south), Year, (await _service.YearAsync(Year)).Timetable!.Version);

        var details = TimetableEventDetails.From((await _service.GetEventAsync(id))!);
        details.StartDate = new DateOnly(2026, 9, 24);
        var outcome = await _service.UpdateEventAsync(Editor(_south), id, details);

        Assert.True(outcome.Succeeded, outcome.Problem);
        var year = await _service.YearAsync(Year);
        Assert.Equal(TimetableStatus.Agreed, year.Status);
        Assert.True(year.Timetable!.ChangedSinceAgreement);
        var change = Assert.Single(year.Timetable.Changes);
        Assert.Equal("'Board meeting' moved from Thu 17 Sept 2026, 14:00–16:00 to Thu 24 Sept 2026, 14:00–16:00.", change.Summary);
    }

    [Fact]
    public async Task CreateEventAsync_ForAnotherOrganisation_IsRefused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.CreateEventAsync(Editor(_link), Board(_south, new DateOnly(2026, 9, 17))));

        await using var db = _database.CreateContext();
        Assert.False(await db.TimetableEvents.AnyAsync());
    }
}
