using EngagementHub.Core;
using EngagementHub.Core.Calendar;
using EngagementHub.Core.Common;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Public;
using EngagementHub.Core.Timetables;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementHub.Tests.Data.Public;

/// <summary>
/// What may be public (<see cref="PublicVisibility"/>), through every reader of it: the public pages' queries and the
/// public calendar feed. Run against SQLite and against PostgreSQL: see the nested classes.
/// </summary>
public abstract class PublicSiteTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : PublicSiteTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : PublicSiteTests(DatabaseProvider.PostgreSql);

    // The test database's clock stands in 2026/27.
    private static readonly FinancialYear Published = new(2026);
    private static readonly FinancialYear Draft = new(2027);
    private static readonly FinancialYear OutForAgreement = new(2025);

    private TestDatabase _database = default!;
    private PublicSite _site = default!;
    private Organisation _link = default!;
    private Organisation _south = default!;
    private EngagementExercise _draft = default!;
    private EngagementExercise _withdrawn = default!;
    private EngagementExercise _planned = default!;
    private EngagementExercise _revisited = default!;
    private EngagementExercise _closed = default!;
    private TimetableEvent _publicEvent = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        var now = _database.Clock.GetUtcNow();
        await using var db = _database.CreateContext();
        _link = new Organisation("Birmingham LINk", OrganisationKind.Link);
        _south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
        _south.AddContact("Colin Marsh", "Engagement lead", "colin.marsh@example.nhs.uk", "0121 000 0000", receivesLinkRequests: true);
        db.Organisations.AddRange(_link, _south);
        await db.SaveChangesAsync();

        _draft = Exercise("Draft: maternity choices");
        Assert.True(_draft.ProposeOption(AgreementSide.Commissioner, 2, "Draft reasons", [], "Colin Marsh", _south.Name, now).Succeeded);
        _withdrawn = Agreed("Withdrawn: day centres", now);
        Assert.True(_withdrawn.MoveTo(ExerciseState.Cancelled).Succeeded);
        _planned = Agreed("Planned: stroke rehabilitation", now);
        _revisited = Agreed("Running, option revisited: carers' breaks", now);
        Assert.True(_revisited.MoveTo(ExerciseState.Running).Succeeded);
        Assert.True(_revisited.ProposeOption(AgreementSide.Link, 6, "We would rather run our own", [], "Lena Hart", _link.Name, now).Succeeded);
        _closed = Agreed("Closed: GP access", now);
        foreach (var step in new[] { ExerciseState.Running, ExerciseState.Reporting, ExerciseState.Closed })
        {
            Assert.True(_closed.MoveTo(step).Succeeded);
        }

        db.Exercises.AddRange(_draft, _withdrawn, _planned, _revisited, _closed);
        await db.SaveChangesAsync();

        _publicEvent = Event("Board decides on stroke services", Published.Start.AddMonths(2), EventVisibility.Public, _draft.Id, _planned.Id, _withdrawn.Id);
        db.TimetableEvents.AddRange(
            _publicEvent,
            Event("Partners' planning workshop", Published.Start.AddMonths(3), EventVisibility.Partnership),
            Event("Next year's public consultation", Draft.Start.AddMonths(1), EventVisibility.Public),
            Event("Last year's public board", OutForAgreement.Start.AddMonths(11), EventVisibility.Public));

        var published = new AnnualTimetable(Published);
        Assert.True(published.Propose([_south.Id], _link.Id, "Lena Hart", null, now).Succeeded);
        Assert.True(published.Agree(_south.Id, "Colin Marsh", now).Succeeded);
        var outForAgreement = new AnnualTimetable(OutForAgreement);
        Assert.True(outForAgreement.Propose([_south.Id], _link.Id, "Lena Hart", null, now).Succeeded);
        db.AnnualTimetables.AddRange(published, outForAgreement, new AnnualTimetable(Draft));
        await db.SaveChangesAsync();

        _site = PublicSites.Create(_database);
        return;

        EngagementExercise Exercise(string title) => new(new ExerciseInput
        {
            Title = title, Purpose = "To hear from people", LeadCommissionerId = _south.Id, DecisionInformed = "The board's decision",
            StartDate = Published.Start.AddMonths(1), EndDate = Published.Start.AddMonths(2),
        }, _link.Id, _south.Id, now);

        EngagementExercise Agreed(string title, DateTimeOffset at)
        {
            var exercise = Exercise(title);
            var proposal = exercise.ProposeOption(AgreementSide.Commissioner, 4, $"Reasons for {title}", [], "Colin Marsh", _south.Name, at).Value!;
            Assert.True(exercise.Agree(proposal.Id, AgreementSide.Link, "Lena Hart", at).Succeeded);
            return exercise;
        }

        TimetableEvent Event(string title, DateOnly date, EventVisibility visibility, params int[] exercises) => new(new TimetableEventInput
        {
            OrganisationId = _south.Id, Kind = TimetableEventKind.DecisionPoint, Title = title, StartDate = date,
            Visibility = visibility, ExerciseIds = [.. exercises],
        }, now);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task TimetableAsync_PublishedYear_ShowsItsPublicEventsButNeverPartnersOnlyOnes()
    {
        var timetable = await _site.TimetableAsync(Published, new TimetableFilter());

        Assert.Equal(Published, timetable.Year);
        Assert.Equal(["Board decides on stroke services"], timetable.Events.Select(e => e.Title));
    }

    [Fact]
    public async Task TimetableAsync_NoYearAsked_ShowsThePublishedYearContainingToday()
    {
        var timetable = await _site.TimetableAsync(null, new TimetableFilter());

        Assert.Equal(Published, timetable.Year);
        Assert.Equal([Published], timetable.PublishedYears);
    }

    [Fact]
    public async Task TimetableAsync_PublishedYearChangedAndOutForAgreementAgain_StaysPublic()
    {
        await using (var db = _database.CreateContext())
        {
            var timetable = await db.AnnualTimetables.Include(t => t.Agreements).SingleAsync(t => t.Year == Published.StartYear);
            timetable.RecordChange(_publicEvent.Id, _south.Id, "Colin Marsh", "Moved a week on.", _database.Clock.GetUtcNow());
            Assert.True(timetable.Propose([_south.Id], _link.Id, "Lena Hart", null, _database.Clock.GetUtcNow()).Succeeded);
            await db.SaveChangesAsync();
        }

        var shown = await _site.TimetableAsync(Published, new TimetableFilter());

        Assert.Equal([_publicEvent.Id], shown.Events.Select(e => e.Id));
    }

    // South added a public date and moved another after the year was agreed: the year stays published as it now stands
    // (ADR 7), but the page, its data and the public feed say which dates nobody has agreed yet, until the year is
    // agreed again.
    [Fact]
    public async Task TimetableAsync_DatesAddedAndChangedSinceAgreement_MarkedUntilTheYearIsAgreedAgain()
    {
        var agreedOn = UkTime.Today(_database.Clock);
        _database.Clock.Advance(TimeSpan.FromDays(3));
        var now = _database.Clock.GetUtcNow();
        var added = new TimetableEvent(new TimetableEventInput
        {
            OrganisationId = _south.Id, Kind = TimetableEventKind.BoardMeeting, Title = "Extra board meeting",
            StartDate = Published.Start.AddMonths(4), Visibility = EventVisibility.Public,
        }, now);
        await using (var db = _database.CreateContext())
        {
            db.TimetableEvents.Add(added);
            await db.SaveChangesAsync();
            var timetable = await db.AnnualTimetables.SingleAsync(t => t.Year == Published.StartYear);
            timetable.RecordChange(added.Id, _south.Id, "Colin Marsh", "Added an extra board meeting.", now);
            timetable.RecordChange(_publicEvent.Id, _south.Id, "Colin Marsh", "Moved the board a week on.", now);
            await db.SaveChangesAsync();
        }

        var shown = await _site.TimetableAsync(Published, new TimetableFilter());
        var feed = TimetableCalendar.Serialize(TimetableCalendar.Build(await Feeds().PublicAsync(), null));

        Assert.Equal(new PublicYearAgreement(agreedOn, ChangedSince: true), shown.Agreement);
        Assert.Equal([(_publicEvent.Id, SinceAgreement.Changed), (added.Id, SinceAgreement.Added)],
            shown.Events.Select(e => (e.Id, e.SinceAgreement)));
        var events = Ical.Net.Calendar.Load(feed)!.Events.ToDictionary(e => e.Summary!);
        Assert.Contains("Added since the timetable was agreed; not yet agreed.", events["Extra board meeting (NHS South Birmingham)"].Description!.Split('\n'));
        Assert.Contains("Changed since the timetable was agreed; not yet agreed.", events["Board decides on stroke services (NHS South Birmingham)"].Description!.Split('\n'));
        Assert.All(events.Values, e => Assert.Equal("TENTATIVE", e.Status));

        await using (var db = _database.CreateContext())
        {
            var timetable = await db.AnnualTimetables.Include(t => t.Agreements).SingleAsync(t => t.Year == Published.StartYear);
            Assert.True(timetable.Propose([_south.Id], _link.Id, "Lena Hart", null, now).Succeeded);
            Assert.True(timetable.Agree(_south.Id, "Colin Marsh", now.AddHours(1)).Succeeded);
            await db.SaveChangesAsync();
        }

        var agreedAgain = await _site.TimetableAsync(Published, new TimetableFilter());
        Assert.Equal(new PublicYearAgreement(UkTime.Today(_database.Clock), ChangedSince: false), agreedAgain.Agreement);
        Assert.All(agreedAgain.Events, e => Assert.Equal(SinceAgreement.AsAgreed, e.SinceAgreement));
        Assert.DoesNotContain("TENTATIVE", TimetableCalendar.Serialize(TimetableCalendar.Build(await Feeds().PublicAsync(), null)), StringComparison.Ordinal);
    }

    private CalendarFeedService Feeds() =>
        new(_database.Factory, new OrganisationAccess(new CapturingLoggerProvider().CreateLogger<OrganisationAccess>()),
            Options.Create(new EngagementHubOptions()), _database.Clock);

    // A public consultation from 1 March to 31 May 2026 starts in 2025/26, which is not published, and runs into the
    // published 2026/27: its April and May are part of the year the partners agreed, so the public sees it there, and in
    // the public calendar feed.
    [Fact]
    public async Task TimetableAsync_PublicConsultationRunningIntoThePublishedYear_ShownThereAndInThePublicFeed()
    {
        var consultation = new TimetableEvent(new TimetableEventInput
        {
            OrganisationId = _south.Id, Kind = TimetableEventKind.ConsultationWindow, Title = "Stroke services consultation",
            StartDate = new DateOnly(2026, 3, 1), EndDate = new DateOnly(2026, 5, 31), Visibility = EventVisibility.Public,
        }, _database.Clock.GetUtcNow());
        await using (var db = _database.CreateContext())
        {
            db.TimetableEvents.Add(consultation);
            await db.SaveChangesAsync();
        }

        var timetable = await _site.TimetableAsync(Published, new TimetableFilter());
        var feed = await new CalendarFeedService(_database.Factory, new OrganisationAccess(new CapturingLoggerProvider().CreateLogger<OrganisationAccess>()),
            Options.Create(new EngagementHubOptions()), _database.Clock).PublicAsync();

        Assert.Equal([consultation.Id, _publicEvent.Id], timetable.Events.Select(e => e.Id));
        Assert.Equal([consultation.Id, _publicEvent.Id], feed.Events.Select(e => e.Id));
        Assert.Empty((await _site.TimetableAsync(OutForAgreement, new TimetableFilter())).Events);
    }

    [Theory]
    [InlineData(2027)]
    [InlineData(2025)]
    [InlineData(2030)]
    public async Task TimetableAsync_UnpublishedYear_ShowsNothingAndSaysSo(int startYear)
    {
        var timetable = await _site.TimetableAsync(new FinancialYear(startYear), new TimetableFilter());

        Assert.Null(timetable.Year);
        Assert.Equal(new FinancialYear(startYear), timetable.RequestedUnpublished);
        Assert.Empty(timetable.Events);
        Assert.Empty(timetable.Organisations);
    }

    [Fact]
    public async Task TimetableAsync_PublicEventLinkedToExercises_NamesOnlyThePublicOnes()
    {
        var timetable = await _site.TimetableAsync(Published, new TimetableFilter());

        Assert.Equal([_planned.Title], timetable.Events.Single().Exercises.Select(x => x.Title));
    }

    [Fact]
    public async Task TimetableAsync_FilteredByAnotherOrganisation_ShowsNothingButKeepsTheChoices()
    {
        var timetable = await _site.TimetableAsync(Published, new TimetableFilter { OrganisationIds = [_link.Id] });

        Assert.Empty(timetable.Events);
        Assert.Equal([_south.Name], timetable.Organisations.Select(o => o.Name));
    }

    [Fact]
    public async Task ExercisesAsync_EveryState_ListsOnlyAgreedExercisesNeverDraftOrWithdrawnOnes()
    {
        var exercises = await _site.ExercisesAsync();

        Assert.Equal(
            [(_revisited.Title, PublicPhase.Current), (_planned.Title, PublicPhase.Planned), (_closed.Title, PublicPhase.Closed)],
            exercises.Select(e => (e.Title, e.Phase)));
    }

    [Fact]
    public async Task ExerciseAsync_DraftOrWithdrawn_ReturnsNothing()
    {
        Assert.Null(await _site.ExerciseAsync(_draft.Id));
        Assert.Null(await _site.ExerciseAsync(_withdrawn.Id));
        Assert.Null(await _site.ExerciseAsync(999_999));
    }

    [Fact]
    public async Task ExerciseAsync_Agreed_ShowsTheAgreedOptionWithReasonsAndOrganisationsNotPeople()
    {
        var exercise = (await _site.ExerciseAsync(_planned.Id))!;

        var option = exercise.Option!;
        Assert.Equal(4, option.Number);
        Assert.Equal($"Reasons for {_planned.Title}", option.Reasons);
        Assert.Equal((_south.Name, _link.Name), (option.Commissioner, option.Link));
        Assert.Equal(new DateOnly(2026, 10, 1), option.AgreedOn);
        Assert.DoesNotContain("Colin", exercise.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Lena", exercise.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExerciseAsync_OptionBeingAgreedAgain_ShowsNoOption()
    {
        var exercise = (await _site.ExerciseAsync(_revisited.Id))!;

        Assert.Null(exercise.Option);
        Assert.DoesNotContain("We would rather run our own", exercise.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicFeed_SameRule_HoldsOnlyPublicEventsOfPublishedYearsAndNamesOnlyPublicExercises()
    {
        var feeds = new CalendarFeedService(_database.Factory, new OrganisationAccess(new CapturingLoggerProvider().CreateLogger<OrganisationAccess>()),
            Options.Create(new EngagementHubOptions()), _database.Clock);

        var content = await feeds.PublicAsync();

        Assert.Equal([_publicEvent.Id], content.Events.Select(e => e.Id));
        Assert.Equal([_planned.Id], content.ExerciseTitles.Keys);
        var text = TimetableCalendar.Serialize(TimetableCalendar.Build(content, null));
        Assert.DoesNotContain(_draft.Title, text, StringComparison.Ordinal);
        Assert.DoesNotContain(_withdrawn.Title, text, StringComparison.Ordinal);
    }
}
