using System.Linq.Expressions;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Timetables;

namespace EngagementHub.Core.Public;

/// <summary>
/// The one rule of what the partnership shows to people without an account: the public pages under <c>/public</c>,
/// their CSV and JSON, and the public calendar feed all select through it, so a change here changes them all.
/// <list type="bullet">
/// <item><b>Timetable years</b>: only years the partners have agreed and published (<see cref="AnnualTimetable.PublishedAt"/>
/// set). A draft or a year out for agreement has not been agreed by everyone, so publishing it would present one
/// partner's plans as the partnership's. A published year stays public while it is re-agreed after a change (ADR 0007):
/// the public then sees the dates as they now stand, which is what the partners have chosen to keep public.</item>
/// <item><b>Timetable events</b>: only events marked public (<see cref="EventVisibility.Public"/>) in a published year.
/// Partners-only events (informal meetings, internal planning) never, whatever the year.</item>
/// <item><b>Engagement exercises</b>: only exercises both sides have agreed — agreed (planned), running, reporting or
/// closed. A proposed exercise is a draft under negotiation (its option not yet agreed by the other side), and a
/// cancelled one was withdrawn before it ran: neither is something the partnership has committed to in public.</item>
/// <item><b>Joint-working option</b>: only the current option when both sides have agreed it, with its reasons. A
/// proposal awaiting an answer or sent back is not agreed; an earlier agreement that has been replaced no longer says
/// how the two sides work, so while an option is being revisited none is shown.</item>
/// <item><b>"You said, we did"</b>: the recommendations of every LINk report except one the LINk withdrew, with the
/// response, the implementation, its latest milestone and the LINk's view. A report is the LINk's published statutory
/// output and the response to it is owed in public, so nothing waits for a further step; but a withdrawn report is one
/// the LINk no longer stands behind, and nothing is done on it (ADR 0016), so none of its recommendations is shown.
/// An entry names its exercise (and links to it) only when the exercise itself is public: otherwise a draft or
/// cancelled exercise's title would reach the public through the register, as it once did through a public event.
/// Who responded, recorded the implementation or gave the LINk's view is never shown.</item>
/// <item><b>Responsiveness</b>: counts per responding organisation and financial year from the one computation
/// (<see cref="ResponsivenessRules"/>); it holds no subjects and no people, so it is public as it is.</item>
/// <item><b>Relevant decisions</b>: every entry of the LINk's decisions log, as soon as it is recorded — the duty is to
/// publish how such decisions are made, so none waits — projected through <see cref="DecisionLog"/> to the date, kind,
/// subject, deciding body and reasons. The issue behind a panel decision, its referrer, the panel's members and whoever
/// typed the entry in are never part of it (ADR 0022).</item>
/// <item><b>Joint reviews</b>: only rounds both sides have submitted and one of them has published
/// (<see cref="Reviews.ReviewRound.PublishedAt"/>): the agreed ratings, the agreed actions with the organisation that
/// owns each (not the person), and each side's own comments only when that side chose to publish them. A side's own
/// ratings are never published: the report is of what both agreed. What is shown is what was last published
/// (<see cref="Reviews.ReviewItem.PublishedScore"/>, <see cref="Reviews.ReviewAction.IsPublished"/>): a round one side
/// has reopened for revision keeps it, marked as being revised since then, until both sides agree to publish the
/// revision, which is then shown as updated on that date beside the first publication's (ADR 23).</item>
/// <item><b>People</b>: never an individual's name, e-mail address or telephone number — organisations are named,
/// people are not (contacts and accounts are for partners; agreement is shown as the organisations' and the date).</item>
/// </list>
/// Free text that partners type into public records (an event's description, an exercise's purpose) is published as
/// written: the form says that public events are public.
/// </summary>
public static class PublicVisibility
{
    /// <summary>A year whose timetable has been agreed and published.</summary>
    public static readonly Expression<Func<AnnualTimetable, bool>> IsPublishedYear = t => t.PublishedAt != null;

    /// <summary>A joint review round one of its sides has published, after both submitted.</summary>
    public static readonly Expression<Func<Reviews.ReviewRound, bool>> IsPublishedReview = r => r.PublishedAt != null;

    /// <summary>The exercise states the public may see: agreed by both sides, and not withdrawn.</summary>
    public static readonly Expression<Func<EngagementExercise, bool>> IsPublicExercise = e =>
        e.State == ExerciseState.Agreed || e.State == ExerciseState.Running
        || e.State == ExerciseState.Reporting || e.State == ExerciseState.Closed;

    /// <summary>
    /// The reports whose recommendations the public register lists: every LINk report but one the LINk withdrew (see the
    /// class summary for why).
    /// </summary>
    public static readonly Expression<Func<ResponseDeadline, bool>> IsPublicReport = d =>
        d.Kind == DeadlineKind.ReportResponse && d.State != DeadlineState.Withdrawn;

    /// <summary>
    /// A register row as the public may see it: its exercise kept only when <paramref name="publicExerciseIds"/> holds it,
    /// otherwise neither named nor linked.
    /// </summary>
    public static RegisterEntry PublicEntry(RegisterEntry entry, IReadOnlySet<int> publicExerciseIds) =>
        entry.ExerciseId is { } id && publicExerciseIds.Contains(id) ? entry : entry with { ExerciseId = null, Exercise = null };

    private static readonly Func<EngagementExercise, bool> IsPublicExerciseCompiled = IsPublicExercise.Compile();

    /// <summary>
    /// The decisions log as the public (and everyone) reads it, newest first: only the fields of
    /// <see cref="WorkProgramme.DecisionLogEntry"/>, so nothing personal can be selected by mistake.
    /// </summary>
    public static IQueryable<WorkProgramme.DecisionLogEntry> DecisionLog(IQueryable<WorkProgramme.RelevantDecision> decisions) =>
        decisions.OrderByDescending(d => d.DecidedOn).ThenByDescending(d => d.Id)
            .Select(d => new WorkProgramme.DecisionLogEntry(d.Id, d.DecidedOn, d.Kind, d.Subject, d.DecidedBy, d.Reasons));

    /// <summary>The years (financial year start) whose timetable is published.</summary>
    public static IQueryable<int> PublishedYears(IQueryable<AnnualTimetable> timetables) =>
        timetables.Where(IsPublishedYear).Select(t => t.Year);

    /// <summary>
    /// Public events that share a day with a published year, in one query (the years as a subquery): an event running
    /// past 31 March into a published year is part of what its partners agreed for that year, even when the year it
    /// starts in is not published. The callers narrow it to the years they show (<see cref="TimetableEventYears.Overlapping"/>).
    /// </summary>
    public static IQueryable<TimetableEvent> PublicEvents(IQueryable<TimetableEvent> events, IQueryable<AnnualTimetable> timetables)
    {
        var published = PublishedYears(timetables);
        // A published year y overlaps the event when the event starts in y or before, and ends in y or after (the financial
        // year of its end date, worked out from its month as FinancialYear.Containing does).
        return events.Where(e => e.Visibility == EventVisibility.Public
                                 && published.Any(y => e.Year <= y && (e.EndDate.Month >= 4 ? e.EndDate.Year : e.EndDate.Year - 1) >= y));
    }

    /// <summary>Exercises agreed by both sides and not withdrawn.</summary>
    public static IQueryable<EngagementExercise> PublicExercises(IQueryable<EngagementExercise> exercises) =>
        exercises.Where(IsPublicExercise);

    /// <summary>Whether an exercise (already loaded) may be shown in public.</summary>
    public static bool IsPublic(EngagementExercise exercise) => IsPublicExerciseCompiled(exercise);

    /// <summary>
    /// The joint-working option the public may see: the current proposal when the exercise is public and both sides have
    /// agreed it; otherwise null (needs <see cref="EngagementExercise.Proposals"/> loaded).
    /// </summary>
    public static JointWorkingProposal? PublicOption(EngagementExercise exercise) =>
        IsPublic(exercise) && exercise.CurrentProposal is { Status: ProposalStatus.Agreed } agreed ? agreed : null;

    /// <summary>Where a public exercise stands, as the public pages group them; null for one that is not public.</summary>
    public static PublicPhase? PhaseOf(ExerciseState state) => state switch
    {
        ExerciseState.Agreed => PublicPhase.Planned,
        ExerciseState.Running or ExerciseState.Reporting => PublicPhase.Current,
        ExerciseState.Closed => PublicPhase.Closed,
        _ => null,
    };
}

/// <summary>How the public pages group exercises: current (running or reporting), planned (agreed, not started), closed.</summary>
public enum PublicPhase
{
    Current,
    Planned,
    Closed,
}
