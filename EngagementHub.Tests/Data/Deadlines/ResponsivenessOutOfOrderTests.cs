using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Public;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Data.Deadlines;

/// <summary>
/// The responsiveness figures (the public page, its data, the dashboard and the reports share them) when steps are
/// recorded out of the order they happened in, or after a late extension (ADR 0012, ADR 0017's "how the figures are
/// counted"). Worked out by hand on October–November 2026 (no bank holiday): a request received Thu 1 Oct 2026 is due
/// Wed 28 Oct 2026 (1, 2, 5–9, 12–16, 19–23, 26, 27, 28). Run against SQLite and PostgreSQL: see the nested classes.
/// </summary>
public abstract class ResponsivenessOutOfOrderTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : ResponsivenessOutOfOrderTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : ResponsivenessOutOfOrderTests(DatabaseProvider.PostgreSql);

    private static readonly DateOnly Received = new(2026, 10, 1);
    private TestDatabase _database = default!;
    private DeadlineService _deadlines = default!;
    private PublicSite _site = default!;
    private Organisation _link = default!;
    private Organisation _south = default!;
    private Organisation _scrutiny = default!;
    private Actor _linkEditor = default!;
    private Actor _southEditor = default!;
    private Actor _scrutinyEditor = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        On(10, 1);
        await using (var db = _database.CreateContext())
        {
            await DeadlineService.EnsureRulesAsync(db);
            _link = new Organisation("Birmingham LINk", OrganisationKind.Link);
            _south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
            _scrutiny = new Organisation("Health Overview and Scrutiny Committee", OrganisationKind.Scrutiny);
            db.Organisations.AddRange(_link, _south, _scrutiny);
            await db.SaveChangesAsync();
        }

        _linkEditor = new Actor("lena", "Lena Khan", _link.Id, _link.Name, UserRole.Editor);
        _southEditor = new Actor("colin", "Colin Marsh", _south.Id, _south.Name, UserRole.Editor);
        _scrutinyEditor = new Actor("rose", "Rose Kiely", _scrutiny.Id, _scrutiny.Name, UserRole.Editor);
        var access = new OrganisationAccess(new CapturingLoggerProvider().CreateLogger<OrganisationAccess>());
        _deadlines = new DeadlineService(_database.Factory, new BankHolidayCalendar(_database.Factory, access, _database.Clock), access, _database.Clock);
        _site = PublicSites.Create(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private void On(int month, int day) => _database.Clock.SetUtcNow(new DateTimeOffset(2026, month, day, 10, 0, 0, TimeSpan.Zero));

    private static void Succeeded(Outcome outcome) => Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));

    private async Task<int> LogAsync(string subject, DeadlineKind kind, Organisation to)
    {
        await using var db = _database.CreateContext();
        var rule = await db.DeadlineRules.Where(r => r.Kind == kind).Select(r => r.Id).SingleAsync();
        var outcome = await _deadlines.LogAsync(_linkEditor, new DeadlineInput { RuleId = rule, Subject = subject, ToOrganisationId = to.Id, Received = Received });
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        return outcome.Value;
    }

    /// <summary>
    /// Nine requests answered on time and one left unanswered past its due date (Wed 28 Oct). On Mon 2 Nov the two sides
    /// agree an extension to Fri 20 Nov: agreed after the due date had passed, it moves the date to work to, not the
    /// record of having missed one (ADR 12, "Lateness cannot be erased"). Unanswered, it stays overdue and in the base of
    /// the on-time rate; it is not "still open, not yet due".
    /// </summary>
    [Fact]
    public async Task Responsiveness_ExtensionAgreedAfterTheDueDate_StillUnanswered_StaysOverdue()
    {
        var ids = new List<int>();
        for (var i = 1; i <= 10; i++)
        {
            ids.Add(await LogAsync($"Request {i}", DeadlineKind.InformationRequest, _south));
        }

        On(10, 15);
        foreach (var id in ids.Take(9))
        {
            Succeeded(await _deadlines.RecordAnswerAsync(_southEditor, id, "Figures attached.", new DateOnly(2026, 10, 15)));
        }

        On(11, 2);
        var before = (await _site.ResponsivenessAsync(new FinancialYear(2026))).Figures.Single(f => f.OrganisationId == _south.Id);
        Assert.Equal("9 of 10 due so far (90%)", before.Answer.OnTimeText);

        Succeeded(await _deadlines.ProposeExtensionAsync(_southEditor, ids[9], new DateOnly(2026, 11, 20), "Figures are being re-run.", waitingSeen: null));
        Succeeded(await _deadlines.AgreeExtensionAsync(_linkEditor, ids[9], new DateOnly(2026, 11, 20)));

        var after = (await _site.ResponsivenessAsync(new FinancialYear(2026))).Figures.Single(f => f.OrganisationId == _south.Id);
        Assert.Equal(1, after.ExtendedAfterDueDate);
        Assert.Equal((0, 1), (after.Answer.StillOpen, after.Answer.Overdue));
        Assert.Equal("9 of 10 due so far (90%)", after.Answer.OnTimeText);
    }

    /// <summary>
    /// A referral received Thu 1 Oct 2026 (due Wed 28 Oct). The committee answered by letter on Thu 15 Oct, in time; its
    /// officer recorded the acknowledgement only on Wed 4 Nov, and the LINk then recorded the letter with its own date. A
    /// full answer sent before the acknowledgement counts as the acknowledgement on its own day (ADR 17's "how the
    /// figures are counted"): the duty was met on 15 Oct, on time, in the figures, on the deadline and in its report line.
    /// </summary>
    [Fact]
    public async Task Responsiveness_ReferralAnsweredBeforeItsLateAcknowledgementWasRecorded_DutyMetOnTheAnswersDay()
    {
        var referral = await LogAsync("Day centre closures", DeadlineKind.ScrutinyReferral, _scrutiny);
        On(11, 4);
        Succeeded(await _deadlines.AcknowledgeAsync(_scrutinyEditor, referral));
        Assert.Equal("5 working days late", (await _deadlines.GetAsync(referral))!.Deadline.DutyLateness);

        Succeeded(await _deadlines.RecordAnswerAsync(_linkEditor, referral, "The committee will review day centres in January.", new DateOnly(2026, 10, 15)));

        var figures = (await _site.ResponsivenessAsync(new FinancialYear(2026))).Figures.Single(f => f.OrganisationId == _scrutiny.Id);
        Assert.Equal((1, 0), (figures.Acknowledgement.OnTime, figures.Acknowledgement.Late));
        var deadline = (await _deadlines.GetAsync(referral))!.Deadline;
        Assert.True(deadline.AnswerMeetsTheDuty);
        Assert.Equal((0, "on time"), (deadline.WorkingDaysLate, deadline.DutyLateness));
        var row = Assert.Single(await _deadlines.ListAsync(new DeadlineFilter()), r => r.Id == referral);
        Assert.Equal((true, "on time"), (row.AnswerMeetsTheDuty, row.DutyLateness));
    }

    /// <summary>
    /// A request received Thu 1 Oct 2026, due Wed 28 Oct. The commissioner's letter answering it is dated Tue 27 Oct, in
    /// time, but nobody recorded it; on Mon 2 Nov the two sides agree an extension to Fri 20 Nov (after the due date had
    /// passed), and then the letter is found and recorded with its own date. Only a step taken after the lapsed due date
    /// is never on time (ADR 12): this one was taken before it, so it is on time, in the figures and on the deadline.
    /// </summary>
    [Fact]
    public async Task Responsiveness_AnswerDatedBeforeTheDueDateRecordedAfterALateExtension_IsOnTime()
    {
        var request = await LogAsync("Wheelchair waiting times", DeadlineKind.InformationRequest, _south);
        On(11, 2);
        Succeeded(await _deadlines.ProposeExtensionAsync(_southEditor, request, new DateOnly(2026, 11, 20), "Figures are being re-run.", waitingSeen: null));
        Succeeded(await _deadlines.AgreeExtensionAsync(_linkEditor, request, new DateOnly(2026, 11, 20)));
        Succeeded(await _deadlines.RecordAnswerAsync(_linkEditor, request, "Letter of 27 October, figures attached.", new DateOnly(2026, 10, 27)));

        var figures = (await _site.ResponsivenessAsync(new FinancialYear(2026))).Figures.Single(f => f.OrganisationId == _south.Id);
        Assert.Equal(("none late", 1), (figures.Answer.LateText, figures.Answer.OnTime));
        Assert.Equal("on time", (await _deadlines.GetAsync(request))!.Deadline.DutyLateness);
        var row = Assert.Single(await _deadlines.ListAsync(new DeadlineFilter()), r => r.Id == request);
        Assert.Equal("on time", row.DutyLateness);
    }
}
