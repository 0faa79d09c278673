using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EngagementHub.Tests.Data.Deadlines;

/// <summary>
/// Responsiveness on a fixture whose every figure is worked out by hand below, through the real steps (acknowledge,
/// answer, extend, withdraw) on the real calendar of 2022 with its one-off bank holiday. Run against SQLite and against
/// PostgreSQL: see the nested classes.
/// </summary>
/// <remarks>
/// September and October 2022. Bank holiday: Mon 19 Sep (the Queen's state funeral). Everything below was received on
/// Thu 1 Sep 2022 unless said otherwise, so it is due on the 20th working day beginning with that day:
/// 1, 2, 5–9, 12–16 (12 days), 20–23 (16; the 19th is the holiday), 26, 27, 28, 29 → due Thu 29 Sep (without the holiday,
/// Wed 28 Sep). The figures are taken on Mon 17 Oct 2022.
/// <code>
/// To NHS South Birmingham (requests for information, duty: the answer)
///   A  acknowledged Mon 5 Sep; answered Thu 29 Sep        ack on time; answer on time (only because of the holiday)
///   B  no acknowledgement; answered Mon 3 Oct             ack (the answer) 2 late; answer 2 late (30 Sep, 3 Oct)
///   C  acknowledged Mon 26 Sep; extension to 14 Oct agreed Tue 4 Oct (after 29 Sep); answered Mon 10 Oct
///                                                         ack on time; answer late, 7 working days after 29 Sep, extended after due
///   D  acknowledged Fri 30 Sep; not answered              ack 1 late; answer overdue
///   E  nothing                                            ack overdue; answer overdue
///   F  received Mon 10 Oct, due Fri 4 Nov; nothing        ack still open; answer still open
///   H  extension to 14 Oct agreed Tue 27 Sep (before the due date); answered Mon 10 Oct
///                                                         ack (the answer) on time; answer on time
///   G  withdrawn by the LINk                              not counted
///   → requests 7, withdrawn 1
///     acknowledgement: on time 3 (A, C, H), late 2 (1 and 2 days: median 1.5, worst 2), overdue 1 (E), still open 1 (F)
///     full answer:     on time 2 (A, H), late 2 (2 and 7 days: median 4.5, worst 7), overdue 2 (D, E), still open 1 (F)
///     extended after the due date 1 (C)
/// To the scrutiny committee (referrals, duty: the acknowledgement; the answer has no statutory date)
///   R1 acknowledged Thu 29 Sep; answered Wed 12 Oct      ack on time
///   R2 acknowledged Tue 4 Oct                             ack 3 late (30 Sep, 3, 4 Oct)
///   → requests 2; acknowledgement: on time 1, late 1 (median 3, worst 3); no full-answer figures; follow-ups 1 answered, 1 awaited
/// </code>
/// </remarks>
public abstract class ResponsivenessTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : ResponsivenessTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : ResponsivenessTests(DatabaseProvider.PostgreSql);

    private static readonly DateOnly ThursdayFirstSeptember2022 = new(2022, 9, 1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2022, 9, 1, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = default!;
    private DeadlineService _deadlines = default!;
    private Organisation _link = default!;
    private Organisation _south = default!;
    private Organisation _scrutiny = default!;
    private Actor _linkEditor = default!;
    private Actor _southEditor = default!;
    private Actor _scrutinyEditor = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await using (var db = _database.CreateContext())
        {
            await DeadlineService.EnsureRulesAsync(db);
            _link = new Organisation("Birmingham LINk", OrganisationKind.Link);
            _south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
            _scrutiny = new Organisation("Health and Social Care Overview and Scrutiny Committee", OrganisationKind.Scrutiny);
            db.Organisations.AddRange(_link, _south, _scrutiny);
            await db.SaveChangesAsync();
        }

        _linkEditor = new Actor("lena", "Lena Khan", _link.Id, _link.Name, UserRole.Editor);
        _southEditor = new Actor("janet", "Janet Rowe", _south.Id, _south.Name, UserRole.Editor);
        _scrutinyEditor = new Actor("rose", "Rose Kiely", _scrutiny.Id, _scrutiny.Name, UserRole.Editor);
        var access = new OrganisationAccess(NullLogger<OrganisationAccess>.Instance);
        _deadlines = new DeadlineService(_database.Factory, new BankHolidayCalendar(_database.Factory, access, _clock), access, _clock);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private void On(int month, int day) => _clock.SetUtcNow(new DateTimeOffset(2022, month, day, 9, 0, 0, TimeSpan.Zero));

    private async Task<int> LogAsync(string subject, DeadlineKind kind = DeadlineKind.InformationRequest, Organisation? to = null, DateOnly? received = null)
    {
        await using var db = _database.CreateContext();
        var rule = await db.DeadlineRules.Where(r => r.Kind == kind).Select(r => r.Id).SingleAsync();
        var outcome = await _deadlines.LogAsync(_linkEditor, new DeadlineInput
        {
            RuleId = rule, Subject = subject, ToOrganisationId = (to ?? _south).Id, Received = received ?? ThursdayFirstSeptember2022,
        });
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        return outcome.Value;
    }

    private static void Succeeded(Outcome outcome) => Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));

    /// <summary>Plays the fixture of the remarks, in date order (a step is recorded on the day it happens).</summary>
    private async Task PlayFixtureAsync()
    {
        On(9, 1);
        var a = await LogAsync("A");
        var b = await LogAsync("B");
        var c = await LogAsync("C");
        var d = await LogAsync("D");
        await LogAsync("E");
        var g = await LogAsync("G");
        var h = await LogAsync("H");
        var r1 = await LogAsync("R1", DeadlineKind.ScrutinyReferral, _scrutiny);
        var r2 = await LogAsync("R2", DeadlineKind.ScrutinyReferral, _scrutiny);
        Succeeded(await _deadlines.WithdrawAsync(_linkEditor, g));

        On(9, 5);
        Succeeded(await _deadlines.AcknowledgeAsync(_southEditor, a));
        On(9, 26);
        Succeeded(await _deadlines.AcknowledgeAsync(_southEditor, c));
        On(9, 27);
        Succeeded(await _deadlines.ProposeExtensionAsync(_southEditor, h, new DateOnly(2022, 10, 14), "Figures are being re-run.", waitingSeen: null));
        Succeeded(await _deadlines.AgreeExtensionAsync(_linkEditor, h, new DateOnly(2022, 10, 14)));
        On(9, 29);
        Succeeded(await _deadlines.RecordAnswerAsync(_southEditor, a, "Figures attached.", new DateOnly(2022, 9, 29)));
        Succeeded(await _deadlines.AcknowledgeAsync(_scrutinyEditor, r1));
        On(9, 30);
        Succeeded(await _deadlines.AcknowledgeAsync(_southEditor, d));
        On(10, 3);
        Succeeded(await _deadlines.RecordAnswerAsync(_southEditor, b, "Figures attached.", new DateOnly(2022, 10, 3)));
        On(10, 4);
        Succeeded(await _deadlines.ProposeExtensionAsync(_southEditor, c, new DateOnly(2022, 10, 14), "Figures are being re-run.", waitingSeen: null));
        Succeeded(await _deadlines.AgreeExtensionAsync(_linkEditor, c, new DateOnly(2022, 10, 14)));
        Succeeded(await _deadlines.AcknowledgeAsync(_scrutinyEditor, r2));
        On(10, 10);
        Succeeded(await _deadlines.RecordAnswerAsync(_southEditor, c, "Figures attached.", new DateOnly(2022, 10, 10)));
        Succeeded(await _deadlines.RecordAnswerAsync(_southEditor, h, "Figures attached.", new DateOnly(2022, 10, 10)));
        await LogAsync("F", received: new DateOnly(2022, 10, 10));
        On(10, 12);
        Succeeded(await _deadlines.RecordAnswerAsync(_scrutinyEditor, r1, "The committee will review day services in January.", new DateOnly(2022, 10, 12)));
        On(10, 17);
    }

    [Fact]
    public async Task ResponsivenessAsync_HandComputedFixture_CountsAcknowledgementAndAnswerApart()
    {
        await PlayFixtureAsync();

        var figures = await _deadlines.ResponsivenessAsync(new FinancialYear(2022));

        var south = Assert.Single(figures, f => f.OrganisationId == _south.Id);
        Assert.Equal((7, 1), (south.Requests, south.Withdrawn));
        Assert.Equal(new StepFigures(Counted: 7, OnTime: 3, Late: 2, MedianWorkingDaysLate: 1.5, WorstWorkingDaysLate: 2, StillOpen: 1, Overdue: 1), south.Acknowledgement);
        Assert.Equal(new StepFigures(Counted: 7, OnTime: 2, Late: 2, MedianWorkingDaysLate: 4.5, WorstWorkingDaysLate: 7, StillOpen: 1, Overdue: 2), south.Answer);
        Assert.Equal((1, 0), (south.ExtendedAfterDueDate, south.Escalated));
        Assert.Equal((0, 0), (south.FollowUpsAnswered, south.FollowUpsAwaiting));

        var scrutiny = Assert.Single(figures, f => f.OrganisationId == _scrutiny.Id);
        Assert.Equal((2, 0), (scrutiny.Requests, scrutiny.Withdrawn));
        Assert.Equal(new StepFigures(Counted: 2, OnTime: 1, Late: 1, MedianWorkingDaysLate: 3, WorstWorkingDaysLate: 3, StillOpen: 0, Overdue: 0), scrutiny.Acknowledgement);
        Assert.Equal(StepFigures.None, scrutiny.Answer);
        Assert.Equal((1, 1), (scrutiny.FollowUpsAnswered, scrutiny.FollowUpsAwaiting));
        Assert.DoesNotContain(figures, f => f.OrganisationId == _link.Id);
    }

    [Fact]
    public async Task ResponsivenessAsync_FewerThanTenDue_ShowsCountsWithoutAPercentage()
    {
        await PlayFixtureAsync();

        var south = (await _deadlines.ResponsivenessAsync(new FinancialYear(2022), _south.Id)).Single();

        // 6 acknowledgements are due so far (all but F): 3 on time. Six is too few for a percentage.
        Assert.Null(south.Acknowledgement.OnTimePercent);
        Assert.Equal("3 of 6 due so far", south.Acknowledgement.OnTimeText);
        Assert.Equal("2 late: median 1.5, worst 2 working days", south.Acknowledgement.LateText);
        Assert.Equal("2 of 6 due so far", south.Answer.OnTimeText);
        Assert.Equal("2 late: median 4.5, worst 7 working days", south.Answer.LateText);
    }

    [Fact]
    public async Task ResponsivenessAsync_AnotherYear_LeavesTheFixtureOut()
    {
        await PlayFixtureAsync();

        Assert.Empty(await _deadlines.ResponsivenessAsync(new FinancialYear(2021)));
        Assert.Empty(await _deadlines.ResponsivenessAsync(new FinancialYear(2023)));
    }
}
