using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Timetables;

namespace EngagementHub.Core.Reviews;

/// <summary>A figure from the partnership's own data shown beside a criterion, with how it was worked out.</summary>
/// <param name="Side">Whose criterion it is evidence for.</param>
/// <param name="Position">The criterion's number in the study's table (stable when an administrator rewords it).</param>
/// <param name="Figure">The figure in a phrase, e.g. "14 of 16 deadlines met".</param>
/// <param name="HowComputed">How it was worked out and from which records, in a sentence for the reader.</param>
public sealed record EvidenceLine(ReviewSide Side, int Position, string Figure, string HowComputed);

/// <summary>Something the LINk undertook to do by a date: when it was due and the UK date it was done, if it was.</summary>
public sealed record LinkPromise(DateOnly Due, DateOnly? Kept);

/// <summary>
/// What the product already knows about a criterion, from the computations its other features own: the timetable's
/// ahead-of-the-agenda outlook and warnings (<see cref="TimetableAnalysis"/>), responsiveness
/// (<see cref="ResponsivenessRules"/>), the "you said, we did" register and the agreed timetable. Nothing is worked out
/// again here; these functions only count and word those results for one review. Pure, so each is tested on fixtures.
/// </summary>
public static class ReviewEvidence
{
    // The study's numbering (Tables 3 and 4), which administrators cannot change.
    public const int NewCommunities = 2;
    public const int Reliable = 6;
    public const int AlignedWithTimetables = 10;
    public const int Transparency = 1;
    public const int Timing = 6;
    public const int Sharing = 8;
    public const int Coordinating = 9;
    public const int Feedback = 10;

    /// <summary>
    /// Timing (commissioners) and aligned with timetables (LINk): of the year's decision points of the commissioners in
    /// the round (<paramref name="commissioners"/>), how many had engagement input land before them. Other organisations'
    /// decisions (the scrutiny committee's, a partnership's) are not the round's to answer for.
    /// </summary>
    /// <returns>One line for each of the two criteria; none when the year has no decision point of theirs.</returns>
    public static IEnumerable<EvidenceLine> InputBeforeDecisions(
        FinancialYear year, IReadOnlyList<TimetableEvent> events, IReadOnlyList<ExerciseSpan> exercises, IReadOnlySet<int> commissioners)
    {
        var outlooks = events
            .Where(e => e.Kind == TimetableEventKind.DecisionPoint && year.Contains(e.StartDate) && commissioners.Contains(e.OrganisationId))
            .Select(e => TimetableAnalysis.Outlook(e, exercises))
            .ToList();
        if (outlooks.Count == 0)
        {
            yield break;
        }

        var ahead = outlooks.Count(o => o.Timing == InputTiming.Ahead);
        var late = outlooks.Count(o => o.Timing == InputTiming.Late);
        var none = outlooks.Count(o => o.Timing == InputTiming.NoEngagement);
        var figure = $"{ahead} of {outlooks.Count} decision points in {year.Label} had engagement input land before the decision; {late} too late, {none} with no engagement planned.";
        const string how = "From the annual timetable's ahead-of-the-agenda check: a decision's input lands before it when every exercise linked to it "
                           + "(or naming its date) ended before the decision date.";
        yield return new EvidenceLine(ReviewSide.Commissioners, Timing, figure, how);
        yield return new EvidenceLine(ReviewSide.Link, AlignedWithTimetables, figure, how);
    }

    /// <summary>
    /// Feedback (commissioners): the LINk's recommendations received in the year by the commissioners in the round
    /// (<paramref name="commissioners"/>), responded to and carried out; those sent to a provider or the scrutiny
    /// committee are left out.
    /// </summary>
    /// <returns>Null when the register holds none of theirs for the year.</returns>
    public static EvidenceLine? RecommendationsFollowedUp(FinancialYear year, IReadOnlyList<RegisterEntry> register, IReadOnlySet<int> commissioners)
    {
        var entries = register.Where(e => year.Contains(e.Received) && commissioners.Contains(e.CommissionerId)).ToList();
        if (entries.Count == 0)
        {
            return null;
        }

        var responded = entries.Count(e => e.Stage != RegisterStage.AwaitingResponse);
        var accepted = entries.Where(e => e.Stage is RegisterStage.AcceptedNotYetPlanned or RegisterStage.Planned or RegisterStage.InProgress
            or RegisterStage.Done or RegisterStage.Dropped).ToList();
        var done = accepted.Count(e => e.Stage == RegisterStage.Done);
        var missed = accepted.Count(e => e.PlannedDateMissed);
        return new EvidenceLine(ReviewSide.Commissioners, Feedback,
            $"{responded} of {Counted.Of(entries.Count, "recommendation")} received in {year.Label} responded to; {accepted.Count} accepted, {done} of them carried out, {missed} past their planned date with no update.",
            "From the \"you said, we did\" register: each recommendation's recorded response and implementation, by the year its report was received.");
    }

    /// <summary>
    /// Transparency (commissioners): whether the year's partnership timetable was agreed, and the changes to the events of
    /// the commissioners in the round (<paramref name="commissioners"/>) flagged since; another organisation's changes are
    /// not theirs to answer for.
    /// </summary>
    public static EvidenceLine TimetableAgreed(FinancialYear year, AnnualTimetable? timetable, IReadOnlySet<int> commissioners)
    {
        var figure = timetable switch
        {
            null => $"No partnership timetable was proposed for {year.Label}.",
            { Status: TimetableStatus.Agreed } t when t.Changes.Count(c => commissioners.Contains(c.OrganisationId)) is var changes =>
                $"The {year.Label} timetable was agreed by every taking-part organisation{(t.AgreedAt is { } at ? $" on {Common.UkTime.FormatDate(Common.UkTime.Today(at))}" : "")}; "
                + $"{Counted.Of(changes, "change")} to their events flagged to the partners since.",
            { Status: TimetableStatus.Proposed } => $"The {year.Label} timetable was proposed but not yet agreed by everyone.",
            _ => $"The {year.Label} timetable is still a draft.",
        };
        return new EvidenceLine(ReviewSide.Commissioners, Transparency, figure,
            "From the annual timetable's agreement: its status, and the changes the commissioners in this review made to their events after it "
            + "was agreed, each of which is flagged to the partners.");
    }

    /// <summary>Coordinating (commissioners): consultation-fatigue warnings on exercises led by the commissioners in the round.</summary>
    public static EvidenceLine Coordination(
        FinancialYear year, IReadOnlyList<TimetableWarning> warnings, IReadOnlyList<ExerciseSpan> exercises, IReadOnlySet<int> commissioners)
    {
        var theirs = exercises.Where(x => commissioners.Contains(x.LeadCommissionerId)).Select(x => x.Id).ToHashSet();
        var fatigue = warnings.Count(w => w.Kind == TimetableWarningKind.ConsultationFatigue && (w.ExerciseIds ?? []).Any(theirs.Contains));
        return new EvidenceLine(ReviewSide.Commissioners, Coordinating,
            fatigue == 0
                ? $"No consultation-fatigue warning on their exercises in {year.Label}."
                : $"{Counted.Of(fatigue, "consultation-fatigue warning")} on their exercises in {year.Label}.",
            "From the annual timetable's warnings: two exercises reaching the same community or locality in the same weeks.");
    }

    /// <summary>
    /// Sharing (commissioners): requests and reports the LINk sent the commissioners in the round
    /// (<paramref name="commissioners"/>) answered on time; what went to providers or the scrutiny committee is left out.
    /// </summary>
    /// <returns>Null when they received nothing in the year.</returns>
    public static EvidenceLine? Answering(FinancialYear year, IReadOnlyList<ResponsivenessFigures> all, IReadOnlySet<int> commissioners)
    {
        var figures = all.Where(f => commissioners.Contains(f.OrganisationId)).ToList();
        if (figures.Sum(f => f.Requests) is var requests && requests == 0)
        {
            return null;
        }

        var onTime = figures.Sum(f => f.Answer.OnTime);
        var due = figures.Sum(f => f.Answer.DueSoFar);
        var overdue = figures.Sum(f => f.Answer.Overdue);
        return new EvidenceLine(ReviewSide.Commissioners, Sharing,
            $"{Counted.Of(requests, "request or report", "requests and reports")} received from the LINk in {year.Label}: {onTime} of {due} due so far answered on time, {overdue} overdue.",
            "From the responsiveness figures: the full answer against its due date (20 working days beginning with the day of receipt, or the kind's own), "
            + "as on the responsiveness page.");
    }

    /// <summary>
    /// New communities (LINk): communities that the year's exercises led by the commissioners in the round
    /// (<paramref name="commissioners"/>) set out to reach and the year before's did not: the review is of the LINk's
    /// work with them, so another commissioner's exercises do not count.
    /// </summary>
    public static EvidenceLine CommunitiesReached(
        FinancialYear year, IReadOnlyList<ExerciseSpan> thisYear, IReadOnlyList<ExerciseSpan> yearBefore, IReadOnlyDictionary<int, string> names,
        IReadOnlySet<int> commissioners)
    {
        HashSet<int> Reached(FinancialYear y, IEnumerable<ExerciseSpan> exercises) =>
            [.. exercises.Where(x => y.Overlaps(x.Start, x.End) && commissioners.Contains(x.LeadCommissionerId)).SelectMany(x => x.CommunityIds)];

        var now = Reached(year, thisYear);
        var before = Reached(new FinancialYear(year.StartYear - 1), yearBefore);
        var added = now.Except(before).Select(id => names.GetValueOrDefault(id, $"community {id}")).Order().ToList();
        var figure = $"{now.Count} communities reached in {year.Label}, {before.Count} the year before"
                     + (added.Count == 0 ? "; none new." : $"; new: {string.Join(", ", added)}.");
        return new EvidenceLine(ReviewSide.Link, NewCommunities, figure,
            "From the engagement exercises led by the commissioners in this review running in each year (cancelled ones left out): "
            + "the communities they set out to reach.");
    }

    /// <summary>
    /// Reliable (LINk): whether the LINk met its own deadlines in the year. The product records two kinds: the feedback it
    /// owes the person or group who raised an issue, due a set number of working days after the panel's decision (the
    /// work programme, ADR 0022), and the actions it took on at earlier joint reviews with the commissioners in the round.
    /// Each counts in the financial year it fell due, once it was kept or its date has passed: met when kept on or before
    /// the due date, late when kept after it, overdue when still not kept.
    /// </summary>
    /// <param name="year">The financial year (1 April to 31 March) a promise counts in, by its due date.</param>
    /// <param name="feedback">Feedback owed to referrers: every issue on the LINk's programme, whoever it concerned.</param>
    /// <param name="actions">Review actions the LINk owns, from rounds with the commissioners in this one.</param>
    /// <param name="today">The UK date: a promise due today and not yet kept is not late.</param>
    /// <returns>Null when nothing fell due in the year.</returns>
    public static EvidenceLine? LinkDeadlinesMet(
        FinancialYear year, IReadOnlyList<LinkPromise> feedback, IReadOnlyList<LinkPromise> actions, DateOnly today)
    {
        static List<LinkPromise> Due(FinancialYear y, IEnumerable<LinkPromise> promises, DateOnly today) =>
            [.. promises.Where(p => y.Contains(p.Due) && (p.Kept is not null || p.Due < today))];

        static string Count(List<LinkPromise> due, string what, string verb)
        {
            var met = due.Count(p => p.Kept <= p.Due);
            var late = due.Count(p => p.Kept > p.Due);
            var owed = due.Count(p => p.Kept is null);
            return $"{what}: {met} of {due.Count} {verb} by the due date, {late} late, {owed} overdue";
        }

        var referrers = Due(year, feedback, today);
        var agreed = Due(year, actions, today);
        if (referrers.Count + agreed.Count == 0)
        {
            return null;
        }

        var parts = new List<string>();
        if (referrers.Count > 0)
        {
            parts.Add(Count(referrers, "feedback to people who raised an issue", "given"));
        }

        if (agreed.Count > 0)
        {
            parts.Add(Count(agreed, "actions the LINk took on at earlier reviews", "done"));
        }

        var figure = $"Deadlines the LINk had in {year.Label}: {string.Join("; ", parts)}.";
        return new EvidenceLine(ReviewSide.Link, Reliable, figure,
            "From the work programme (each decided issue's feedback to its referrer against its due date) and the agreed actions of earlier reviews "
            + "owned by the LINk (against their due dates); each counted in the year it fell due, once done or once its date had passed.");
    }
}
