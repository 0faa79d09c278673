using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementHub.Core.Public;

/// <summary>
/// What the public pages, their open data and nothing else read: every query selects through
/// <see cref="PublicVisibility"/>, and what it returns names organisations, never people. Nobody acts here, so there is
/// no actor and no access check: anything these methods return may be read by anyone.
/// </summary>
public sealed class PublicSite(
    IDbContextFactory<EngagementHubDbContext> dbFactory,
    IOptions<EngagementHubOptions> options,
    TimeProvider clock,
    YouSaidWeDidRegister register,
    DeadlineService deadlines)
{
    /// <summary>The partnership's name on the public pages (see <see cref="Name"/>).</summary>
    public string PartnershipName => Name(options.Value.PartnershipName);

    /// <summary>
    /// "Birmingham partnership" from <see cref="EngagementHubOptions.PartnershipName"/> "Birmingham"; "EngagementHub
    /// partnership" when none is configured (as the public calendar feed falls back to "EngagementHub partnership timetable").
    /// </summary>
    /// <returns>The name, never empty. A calculation: it refuses nothing.</returns>
    public static string Name(string? partnershipName) =>
        $"{(string.IsNullOrWhiteSpace(partnershipName) ? "EngagementHub" : partnershipName.Trim())} partnership";

    /// <summary>The financial years whose timetable is published, earliest first.</summary>
    /// <returns>Those years; empty before any timetable is published. Refuses nobody: it is for the public, signed in
    /// or not.</returns>
    public async Task<IReadOnlyList<FinancialYear>> PublishedYearsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await PublishedYearsAsync(db, ct);
    }

    /// <summary>
    /// One published year's public events, filtered by organisation and kind (<paramref name="filter"/>'s exercise is
    /// ignored). <paramref name="requested"/> null: the published year containing today (UK), else the latest published
    /// one. A requested year that is not published gives no events and says so in
    /// <see cref="PublicTimetable.RequestedUnpublished"/>; it never falls back to showing anything else.
    /// </summary>
    /// <returns>The year shown (null when none is published), its public events (every one that overlaps the year, also
    /// one that started in the year before or runs on into the next), each marked when it was added or changed since
    /// the year's last agreement (<see cref="ChangesSinceAgreement"/>), when the year was agreed and whether it has
    /// changed since, the published years to choose from, and whether the requested year is unpublished. Refuses nobody:
    /// it is for the public, signed in or not.</returns>
    public async Task<PublicTimetable> TimetableAsync(FinancialYear? requested, TimetableFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var years = await PublishedYearsAsync(db, ct);
        FinancialYear? year = requested is { } asked
            ? (years.Contains(asked) ? asked : null)
            : years.Contains(FinancialYear.Containing(UkTime.Today(clock))) ? FinancialYear.Containing(UkTime.Today(clock))
            : years.Count > 0 ? years[^1] : null;
        var unpublished = requested is { } r && year is null ? r : (FinancialYear?)null;
        if (year is not { } shown)
        {
            return new PublicTimetable(years, null, unpublished, [], [], []);
        }

        var events = await PublicVisibility.PublicEvents(db.TimetableEvents.AsNoTracking(), db.AnnualTimetables)
            .Overlapping(shown, shown)
            .InDateOrder()
            .ToListAsync(ct);
        var organisationIds = events.Select(e => e.OrganisationId).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => organisationIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var organisationAndKind = filter with { ExerciseId = null };
        var selected = events.Where(organisationAndKind.Matches).ToList();
        var exerciseIds = selected.SelectMany(e => e.ExerciseIds).Distinct().ToList();
        var exercises = await PublicVisibility.PublicExercises(db.Exercises.AsNoTracking())
            .Where(x => exerciseIds.Contains(x.Id))
            .ToDictionaryAsync(x => x.Id, x => x.Title, ct);
        var timetable = await db.AnnualTimetables.AsNoTracking().Where(t => t.Year == shown.StartYear)
            .Select(t => new { t.AgreedAt, t.ChangedSinceAgreement }).SingleAsync(ct);
        var since = await ChangesSinceAgreement.OfAsync(db, selected, ct);

        return new PublicTimetable(
            years,
            shown,
            null,
            [.. organisations.Select(o => new PublicOrganisation(o.Key, o.Value)).OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase)],
            [.. events.Select(e => e.Kind).Distinct().Order()],
            [.. selected.Select(e => new PublicEvent(
                e.Id, e.OrganisationId, organisations.GetValueOrDefault(e.OrganisationId, ""), e.Kind, e.Title,
                e.StartDate, e.EndDate, e.StartTime, e.EndTime, e.IsFormal, e.IsMovable, e.Location, e.Description,
                [.. e.ExerciseIds.Where(exercises.ContainsKey).Select(id => new PublicExerciseLink(id, exercises[id]))],
                since.GetValueOrDefault(e.Id, SinceAgreement.AsAgreed)))],
            timetable.AgreedAt is { } agreedAt ? new PublicYearAgreement(UkTime.Today(agreedAt), timetable.ChangedSinceAgreement) : null);
    }

    /// <summary>Every public exercise: current, then planned, then closed; within each by start date.</summary>
    /// <returns>Those exercises; empty when none is public. Refuses nobody: it is for the public, signed in or
    /// not.</returns>
    public async Task<IReadOnlyList<PublicExercise>> ExercisesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var exercises = await PublicVisibility.PublicExercises(db.Exercises.AsNoTracking())
            .Include(e => e.Proposals)
            .AsSplitQuery()
            .OrderBy(e => e.StartDate).ThenBy(e => e.Id)
            .ToListAsync(ct);
        var names = await NamesAsync(db, exercises, ct);
        return [.. exercises.Select(e => ToPublic(e, names)).OrderBy(e => e.Phase)];
    }

    /// <summary>One public exercise, or null when there is none with that id or it is not public.</summary>
    /// <returns>The exercise as the public sees it, or null. Refuses nobody: it is for the public, signed in or
    /// not.</returns>
    public async Task<PublicExercise?> ExerciseAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var exercise = await PublicVisibility.PublicExercises(db.Exercises.AsNoTracking())
            .Include(e => e.Proposals)
            .AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Id == id, ct);
        return exercise is null ? null : ToPublic(exercise, await NamesAsync(db, [exercise], ct));
    }

    /// <summary>
    /// The public "you said, we did" register: the entries <paramref name="filter"/> selects among the public reports
    /// (<see cref="PublicVisibility.IsPublicReport"/>), newest report first, each naming its exercise only when that is
    /// public. An exercise filter naming an exercise that is not public selects nothing, so the filter cannot be used to
    /// find out what a draft exercise received.
    /// </summary>
    /// <returns>The entries selected, with the commissioners, years and exercises the filter may name; no entry names a
    /// person. Refuses nobody: it is for the public, signed in or not.</returns>
    public async Task<PublicRegister> RegisterAsync(RegisterFilter filter, CancellationToken ct = default)
    {
        var all = await register.ListAsync(new RegisterFilter(), PublicVisibility.IsPublicReport, ct);
        IReadOnlySet<int> publicExercises;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var ids = all.Where(e => e.ExerciseId != null).Select(e => e.ExerciseId!.Value).Distinct().ToList();
            publicExercises = (await PublicVisibility.PublicExercises(db.Exercises.AsNoTracking()).Where(e => ids.Contains(e.Id))
                .Select(e => e.Id).ToListAsync(ct)).ToHashSet();
        }

        var entries = filter.ExerciseId is { } asked && !publicExercises.Contains(asked)
            ? []
            : filter == new RegisterFilter() ? all : await register.ListAsync(filter, PublicVisibility.IsPublicReport, ct);
        var shown = all.Select(e => PublicVisibility.PublicEntry(e, publicExercises)).ToList();
        return new PublicRegister(
            [.. shown.Select(e => new PublicOrganisation(e.CommissionerId, e.Commissioner)).Distinct().OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase)],
            [.. shown.Select(e => e.Year).Distinct().OrderByDescending(y => y.StartYear)],
            [.. shown.Where(e => e.ExerciseId != null).Select(e => new PublicExerciseLink(e.ExerciseId!.Value, e.Exercise!)).Distinct()
                .OrderBy(x => x.Title, StringComparer.OrdinalIgnoreCase)],
            [.. entries.Select(e => PublicVisibility.PublicEntry(e, publicExercises))]);
    }

    /// <summary>
    /// Responsiveness per responding organisation for <paramref name="requested"/> (null: the financial year containing
    /// today, UK), from the one computation (<see cref="DeadlineService.ResponsivenessAsync"/>), with the years anything
    /// was received in (and the current one) to choose from, latest first.
    /// </summary>
    /// <returns>The year shown, its figures per organisation (empty when nothing was received), and the years to choose
    /// from. Refuses nobody: it is for the public, signed in or not.</returns>
    public async Task<PublicResponsiveness> ResponsivenessAsync(FinancialYear? requested, CancellationToken ct = default)
    {
        var current = FinancialYear.Containing(UkTime.Today(clock));
        List<DateOnly> received;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            received = await db.Deadlines.AsNoTracking().Select(d => d.Received).Distinct().ToListAsync(ct);
        }

        var years = received.Select(FinancialYear.Containing).Append(current).Distinct().OrderByDescending(y => y.StartYear).ToList();
        var year = requested ?? current;
        return new PublicResponsiveness(years, year, await deadlines.ResponsivenessAsync(year, ct: ct));
    }

    /// <summary>
    /// The LINk's decisions log (<see cref="PublicVisibility.DecisionLog"/>), newest first, optionally of one kind: the
    /// date, kind, subject, deciding body and reasons of each, and nothing about who raised an issue.
    /// </summary>
    /// <returns>Those decisions; empty when none is logged. Refuses nobody: it is for the public, signed in or
    /// not.</returns>
    public async Task<IReadOnlyList<WorkProgramme.DecisionLogEntry>> DecisionsAsync(WorkProgramme.RelevantDecisionKind? kind = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var decisions = db.RelevantDecisions.AsNoTracking();
        if (kind is { } only)
        {
            decisions = decisions.Where(d => d.Kind == only);
        }

        return await PublicVisibility.DecisionLog(decisions).ToListAsync(ct);
    }

    /// <summary>The published joint reviews, newest year first (<see cref="PublicVisibility.IsPublishedReview"/>).</summary>
    /// <returns>Those reviews with their agreed ratings and actions; empty when none is published. Refuses nobody: it
    /// is for the public, signed in or not.</returns>
    public async Task<IReadOnlyList<PublicReview>> ReviewsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await PublicReviews.LoadAsync(db, ct);
    }

    private static async Task<IReadOnlyList<FinancialYear>> PublishedYearsAsync(EngagementHubDbContext db, CancellationToken ct) =>
        [.. (await PublicVisibility.PublishedYears(db.AnnualTimetables.AsNoTracking()).OrderBy(y => y).ToListAsync(ct))
            .Select(y => new FinancialYear(y))];

    private sealed record Names(IReadOnlyDictionary<int, string> Organisations, IReadOnlyDictionary<int, string> Communities);

    /// <summary>The names of the organisations and communities <paramref name="exercises"/> refer to, and no others.</summary>
    private static async Task<Names> NamesAsync(EngagementHubDbContext db, IReadOnlyCollection<EngagementExercise> exercises, CancellationToken ct)
    {
        var communityIds = exercises.SelectMany(e => e.CommunityIds).Distinct().ToList();
        return new(
            await db.OrganisationNamesAsync(exercises.SelectMany(e => (int[])[e.LeadCommissionerId, e.LinkOrganisationId, .. e.PartnerIds, .. e.LocalityIds]), ct),
            await db.Communities.AsNoTracking().Where(c => communityIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct));
    }

    private static PublicExercise ToPublic(EngagementExercise e, Names names)
    {
        string Organisation(int id) => names.Organisations.GetValueOrDefault(id, "");
        return new PublicExercise(
            e.Id, e.Title, e.Purpose, PublicVisibility.PhaseOf(e.State)!.Value, e.State,
            Organisation(e.LeadCommissionerId), Organisation(e.LinkOrganisationId),
            [.. e.PartnerIds.Select(Organisation).Where(n => n.Length > 0)],
            [.. e.CommunityIds.Select(id => names.Communities.GetValueOrDefault(id, "")).Where(n => n.Length > 0)],
            e.Scope,
            [.. e.LocalityIds.Select(Organisation).Where(n => n.Length > 0)],
            e.Sector, e.Level, e.StartDate, e.EndDate, e.DecisionInformed, e.DecisionDate,
            PublicVisibility.PublicOption(e) is { } agreed ? ToPublic(agreed, Organisation(e.LeadCommissionerId), Organisation(e.LinkOrganisationId)) : null);
    }

    private static PublicOption ToPublic(JointWorkingProposal p, string commissioner, string link)
    {
        var option = JointWorkingOptions.Get(p.PrimaryOption);
        // Agreed when the second side agreed; both are set on an agreed proposal.
        var agreedAt = new[] { p.CommissionerAgreedAt, p.LinkAgreedAt }.Max() ?? p.ProposedAt;
        return new PublicOption(
            option.Number, option.Name, option.WhatTheLinkDoes, p.Reasons,
            [.. p.Parts.Select(part => new PublicOptionPart(part.Part, part.Option, JointWorkingOptions.Get(part.Option).Name, part.Reasons))],
            commissioner, link, UkTime.Today(agreedAt));
    }
}
