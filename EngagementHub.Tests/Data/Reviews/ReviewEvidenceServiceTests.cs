using EngagementHub.Core;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reviews;
using EngagementHub.Core.WorkProgramme;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Data.Reviews;

/// <summary>
/// The evidence a review shows, loaded from the records each feature keeps: scoped to the commissioners in the round,
/// and the LINk's own deadlines. Run against SQLite and against PostgreSQL: see the nested classes.
/// </summary>
public abstract class ReviewEvidenceServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : ReviewEvidenceServiceTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : ReviewEvidenceServiceTests(DatabaseProvider.PostgreSql);

    // Monday 2 November 2026, 10:00 UTC (10:00 in the UK).
    private static readonly DateOnly Today = new(2026, 11, 2);
    private static readonly EngagementHub.Core.Common.FinancialYear Year = new(2026);
    private TestDatabase _database = default!;
    private ServiceProvider _services = default!;
    private Organisation _link = default!;
    private Organisation _south = default!;
    private Organisation _east = default!;
    private Organisation _scrutiny = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
        await using (var db = _database.CreateContext())
        {
            await DeadlineService.EnsureRulesAsync(db);
            await StandardCriteria.EnsureAsync(db, _database.Clock);
            _link = new Organisation("Birmingham LINk", OrganisationKind.Link);
            _south = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
            _east = new Organisation("NHS Birmingham East and North", OrganisationKind.Commissioner);
            _scrutiny = new Organisation("Health Overview and Scrutiny Committee", OrganisationKind.Scrutiny);
            db.Organisations.AddRange(_link, _south, _east, _scrutiny);
            await db.SaveChangesAsync();
        }

        _services = CoreServices.Build(_database);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static Actor Editor(Organisation organisation) =>
        new($"user-{organisation.Id}", "Editor", organisation.Id, organisation.Name, UserRole.Editor);

    private Task<IReadOnlyList<EvidenceLine>> EvidenceAsync(Organisation? commissioner) =>
        _services.GetRequiredService<ReviewEvidenceService>().ForAsync(Year, commissioner?.Id);

    private static EvidenceLine Line(IEnumerable<EvidenceLine> lines, ReviewSide side, int position) =>
        Assert.Single(lines, l => l.Side == side && l.Position == position);

    private async Task ReportAsync(Organisation to, params string[] recommendations)
    {
        var deadlines = _services.GetRequiredService<DeadlineService>();
        await using var db = _database.CreateContext();
        var rule = await db.DeadlineRules.SingleAsync(r => r.Kind == DeadlineKind.ReportResponse);
        var outcome = await deadlines.LogAsync(Editor(_link), new DeadlineInput
        {
            RuleId = rule.Id, Subject = $"Report to {to.Name}", ToOrganisationId = to.Id, Received = new DateOnly(2026, 10, 1),
            Recommendations = [.. recommendations],
        });
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)) + outcome.Problem);
    }

    [Fact]
    public async Task ForAsync_AllCommissionersRound_FeedbackAndSharingCountOnlyWhatWentToCommissioners()
    {
        await ReportAsync(_south, "Offer interpreters.", "Publish figures.");
        await ReportAsync(_east, "Open a new unit.");
        await ReportAsync(_scrutiny, "Review the closure.", "Hear the carers.", "Visit the ward.");

        var lines = await EvidenceAsync(null);

        Assert.StartsWith("0 of 3 recommendations received in 2026/27 responded to;", Line(lines, ReviewSide.Commissioners, ReviewEvidence.Feedback).Figure);
        Assert.StartsWith("2 requests and reports received from the LINk in 2026/27", Line(lines, ReviewSide.Commissioners, ReviewEvidence.Sharing).Figure);
    }

    [Fact]
    public async Task ForAsync_OneCommissionerRound_FeedbackAndSharingCountOnlyThatCommissioner()
    {
        await ReportAsync(_south, "Offer interpreters.", "Publish figures.");
        await ReportAsync(_east, "Open a new unit.");
        await ReportAsync(_scrutiny, "Review the closure.");

        var lines = await EvidenceAsync(_south);

        Assert.StartsWith("0 of 2 recommendations received in 2026/27 responded to;", Line(lines, ReviewSide.Commissioners, ReviewEvidence.Feedback).Figure);
        Assert.StartsWith("1 request or report received from the LINk in 2026/27", Line(lines, ReviewSide.Commissioners, ReviewEvidence.Sharing).Figure);
    }

    [Fact]
    public async Task ForAsync_OnlyScrutinyHadReports_NoFeedbackFigureForTheCommissioners()
    {
        await ReportAsync(_scrutiny, "Review the closure.");

        var lines = await EvidenceAsync(null);

        Assert.DoesNotContain(lines, l => l.Side == ReviewSide.Commissioners && l.Position is ReviewEvidence.Feedback or ReviewEvidence.Sharing);
    }

    [Fact]
    public async Task ForAsync_LinksFeedbackAndActions_ReliableCountsThemAndOnlyThisPairingsActions()
    {
        var programme = _services.GetRequiredService<WorkProgrammeService>();
        var decided = new DateOnly(2026, 6, 1);
        async Task<int> DecidedIssueAsync()
        {
            var recorded = await programme.RecordAsync(Editor(_link), new RaisedIssueInput
            {
                Title = "No hearing loop at the eye clinic", Description = "Patients miss their names being called.", ReferrerName = "Maya Patel",
                ReferrerContact = "maya.patel@example.org", ConsentToContact = true,
                Sector = EngagementHub.Core.Exercises.CareSector.Health, RaisedOn = decided.AddDays(-10),
            });
            Assert.True(recorded.Succeeded, string.Join("; ", recorded.Errors.Select(e => e.Message)));
            var outcome = await programme.DecideAsync(Editor(_link), recorded.Value, new PanelDecisionInput
            {
                On = decided, Outcome = PanelOutcome.NoAction, PanelMembers = "Chair", Reasons = "Already fixed.",
                SkipReasons = new() { [IssueStep.Discussed] = "Clear", [IssueStep.Consulted] = "Quick win", [IssueStep.BusinessCase] = "Quick win" },
            });
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)) + outcome.Problem);
            return recorded.Value;
        }

        var late = await DecidedIssueAsync();
        await DecidedIssueAsync();
        Assert.True((await programme.FeedbackAsync(Editor(_link), late, new StepInput { On = Today, Notes = "Wrote to her." })).Succeeded);

        var reviews = _services.GetRequiredService<ReviewService>();
        async Task<int> ActionAsync(Organisation commissioner, Organisation owner, DateOnly due)
        {
            var round = (await reviews.RoundsAsync()).FirstOrDefault(r => r.Commissioners == commissioner.Name)?.Id
                        ?? await MetAsync((await reviews.OpenRoundAsync(Editor(_link), new RoundInput { Year = 2025, CommissionerOrganisationId = commissioner.Id, ClosesOn = Today.AddDays(1) })).Value);
            var added = await reviews.AddActionAsync(Editor(_link), round, new ActionInput { Text = "Follow up", OwnerOrganisationId = owner.Id, DueOn = Today });
            Assert.True(added.Succeeded, string.Join("; ", added.Errors.Select(e => e.Message)) + added.Problem);
            // Agreed at an earlier meeting, due on its date: a due date in the past is refused now, so it is set here.
            await using var db = _database.CreateContext();
            await db.ReviewActions.Where(a => a.Id == added.Value).ExecuteUpdateAsync(s => s.SetProperty(a => a.DueOn, due));
            return added.Value;
        }

        // Actions are agreed at the meeting: both sides submit their ratings first.
        async Task<int> MetAsync(int round)
        {
            var commissioner = (await reviews.GetAsync(Editor(_link), round))!.CommissionerOrganisationId!.Value;
            foreach (var side in new[] { Editor(_link), Editor(commissioner == _south.Id ? _south : _east) })
            {
                var view = (await reviews.GetAsync(side, round))!;
                var ratings = view.Items.Select(i => new RatingInput { ItemId = i.ItemId, Score = ReviewScore.LargelyMet }).ToList();
                Assert.True((await reviews.SaveRatingsAsync(side, round, ratings, submit: true, publishComments: false, view.RatingsVersion)).Succeeded);
            }

            return round;
        }

        var doneLate = await ActionAsync(_south, _link, new DateOnly(2026, 9, 1));
        await ActionAsync(_south, _south, new DateOnly(2026, 9, 1));
        await ActionAsync(_east, _link, new DateOnly(2026, 10, 1));
        await ActionAsync(_south, _link, new DateOnly(2027, 5, 1));
        Assert.True((await reviews.CompleteActionAsync(Editor(_link), doneLate)).Succeeded);

        var withSouth = Line(await EvidenceAsync(_south), ReviewSide.Link, ReviewEvidence.Reliable);
        var withAll = Line(await EvidenceAsync(null), ReviewSide.Link, ReviewEvidence.Reliable);

        Assert.Equal("Deadlines the LINk had in 2026/27: feedback to people who raised an issue: 0 of 2 given by the due date, 1 late, 1 overdue; "
                     + "actions the LINk took on at earlier reviews: 0 of 1 done by the due date, 1 late, 0 overdue.", withSouth.Figure);
        Assert.EndsWith("actions the LINk took on at earlier reviews: 0 of 2 done by the due date, 1 late, 1 overdue.", withAll.Figure);
    }
}
