using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Timetables;

namespace EngagementHub.Core.Reviews;

/// <summary>A figure from the partnership's own data shown beside a criterion, with how it was worked out.</summary>
/// <param name="Side">Whose criterion it is evidence for.</param>
/// <param name="Position">The criterion's number in the study's table (stable when an administrator rewords it).</param>
public sealed record EvidenceLine(ReviewSide Side, int Position, string Figure, string HowComputed);

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
    public const int AlignedWithTimetables = 10;
    public const int Transparency = 1;
    public const int Timing = 6;
    public const int Sharing = 8;
    public const int Coordinating = 9;
    public const int Feedback = 10;

    /// <summary>
    /// Timing (commissioners) and aligned with timetables (LINk): of the year's decision points of the commissioner (all
    /// commissioners' when <paramref name="commissionerId"/> is null), how many had engagement input land before them.
    /// </summary>
    /// <returns>One line for each of the two criteria; none when the year has no decision point.</returns>
    public static IEnumerable<EvidenceLine> InputBeforeDecisions(
        FinancialYear year, IReadOnlyList<TimetableEvent> events, IReadOnlyList<ExerciseSpan> exercises, int? commissionerId)
    {
        var outlooks = events
            .Where(e => e.Kind == TimetableEventKind.DecisionPoint && year.Contains(e.StartDate) && (commissionerId is null || e.OrganisationId == commissionerId))
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

    /// <summary>Feedback (commissioners): the LINk's recommendations received in the year, responded to and carried out.</summary>
    /// <returns>Null when the register holds none for the year.</returns>
    public static EvidenceLine? RecommendationsFollowedUp(FinancialYear year, IReadOnlyList<RegisterEntry> entries)
    {
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
            $"{responded} of {entries.Count} recommendations received in {year.Label} responded to; {accepted.Count} accepted, {done} of them carried out, {missed} past their planned date with no update.",
            "From the \"you said, we did\" register: each recommendation's recorded response and implementation, by the year its report was received.");
    }

    /// <summary>Transparency (commissioners): whether the year's partnership timetable was agreed, and the changes flagged since.</summary>
    public static EvidenceLine TimetableAgreed(FinancialYear year, AnnualTimetable? timetable)
    {
        var figure = timetable switch
        {
            null => $"No partnership timetable was proposed for {year.Label}.",
            { Status: TimetableStatus.Agreed } t =>
                $"The {year.Label} timetable was agreed by every taking-part organisation{(t.AgreedAt is { } at ? $" on {Common.UkTime.FormatDate(Common.UkTime.Today(at))}" : "")}; {t.Changes.Count} change{(t.Changes.Count == 1 ? "" : "s")} flagged to the partners since.",
            { Status: TimetableStatus.Proposed } => $"The {year.Label} timetable was proposed but not yet agreed by everyone.",
            _ => $"The {year.Label} timetable is still a draft.",
        };
        return new EvidenceLine(ReviewSide.Commissioners, Transparency, figure,
            "From the annual timetable's agreement: its status, and the changes made after it was agreed, each of which is flagged to the partners.");
    }

    /// <summary>Coordinating (commissioners): consultation-fatigue warnings on the commissioner's exercises in the year.</summary>
    public static EvidenceLine Coordination(FinancialYear year, IReadOnlyList<TimetableWarning> warnings, IReadOnlyList<ExerciseSpan> exercises, int? commissionerId)
    {
        var theirs = exercises.Where(x => commissionerId is null || x.LeadCommissionerId == commissionerId).Select(x => x.Id).ToHashSet();
        var fatigue = warnings.Count(w => w.Kind == TimetableWarningKind.ConsultationFatigue && (w.ExerciseIds ?? []).Any(theirs.Contains));
        return new EvidenceLine(ReviewSide.Commissioners, Coordinating,
            fatigue == 0
                ? $"No consultation-fatigue warning on their exercises in {year.Label}."
                : $"{fatigue} consultation-fatigue warning{(fatigue == 1 ? "" : "s")} on their exercises in {year.Label}.",
            "From the annual timetable's warnings: two exercises reaching the same community or locality in the same weeks.");
    }

    /// <summary>Sharing (commissioners): requests, reports and referrals the LINk sent them answered on time.</summary>
    /// <returns>Null when they received nothing in the year.</returns>
    public static EvidenceLine? Answering(FinancialYear year, IReadOnlyList<ResponsivenessFigures> figures)
    {
        if (figures.Sum(f => f.Requests) is var requests && requests == 0)
        {
            return null;
        }

        var onTime = figures.Sum(f => f.Answer.OnTime);
        var due = figures.Sum(f => f.Answer.DueSoFar);
        var overdue = figures.Sum(f => f.Answer.Overdue);
        return new EvidenceLine(ReviewSide.Commissioners, Sharing,
            $"{requests} requests and reports received from the LINk in {year.Label}: {onTime} of {due} due so far answered on time, {overdue} overdue.",
            "From the responsiveness figures: the full answer against its due date (20 working days beginning with the day of receipt, or the kind's own), "
            + "as on the responsiveness page.");
    }

    /// <summary>New communities (LINk): communities the year's exercises set out to reach that the year before did not.</summary>
    public static EvidenceLine CommunitiesReached(
        FinancialYear year, IReadOnlyList<ExerciseSpan> thisYear, IReadOnlyList<ExerciseSpan> yearBefore, IReadOnlyDictionary<int, string> names)
    {
        static HashSet<int> Reached(FinancialYear y, IEnumerable<ExerciseSpan> exercises) =>
            [.. exercises.Where(x => y.Overlaps(x.Start, x.End)).SelectMany(x => x.CommunityIds)];

        var now = Reached(year, thisYear);
        var before = Reached(new FinancialYear(year.StartYear - 1), yearBefore);
        var added = now.Except(before).Select(id => names.GetValueOrDefault(id, $"community {id}")).Order().ToList();
        var figure = $"{now.Count} communities reached in {year.Label}, {before.Count} the year before"
                     + (added.Count == 0 ? "; none new." : $"; new: {string.Join(", ", added)}.");
        return new EvidenceLine(ReviewSide.Link, NewCommunities, figure,
            "From the engagement exercises running in each year (cancelled ones left out): the communities they set out to reach.");
    }
}
