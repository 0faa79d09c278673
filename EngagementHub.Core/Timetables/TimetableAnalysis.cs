using System.Globalization;
using EngagementHub.Core.Common;

namespace EngagementHub.Core.Timetables;

/// <summary>What the timetable's analysis needs to know of an engagement exercise (cancelled ones are left out).</summary>
public sealed record ExerciseSpan(
    int Id,
    string Title,
    int LeadCommissionerId,
    DateOnly Start,
    DateOnly End,
    DateOnly? DecisionDate,
    IReadOnlyList<int> CommunityIds,
    IReadOnlyList<int> LocalityIds);

public enum TimetableWarningKind
{
    /// <summary>An exercise reports on or after the decision it informs.</summary>
    LateInput,
    /// <summary>A decision point with no engagement planned to inform it.</summary>
    DecisionWithoutEngagement,
    /// <summary>Two exercises reach the same community or locality in the same weeks.</summary>
    ConsultationFatigue,
    /// <summary>A community nobody engages in the year.</summary>
    CommunityGap,
}

public sealed record TimetableWarning(
    TimetableWarningKind Kind,
    string Message,
    int? EventId = null,
    IReadOnlyList<int>? ExerciseIds = null,
    int? CommunityId = null);

public enum InputTiming
{
    /// <summary>Every informing exercise reports before the decision.</summary>
    Ahead,
    /// <summary>At least one informing exercise reports on or after the decision.</summary>
    Late,
    NoEngagement,
}

/// <summary>A decision coming up, and whether engagement input lands before it.</summary>
public sealed record DecisionOutlook(TimetableEvent Decision, IReadOnlyList<ExerciseSpan> Informing, InputTiming Timing, int? LeadDays)
{
    /// <summary>"Input lands 3 weeks before", "Input lands 4 days after the decision", "No engagement planned".</summary>
    public string Summary => Timing switch
    {
        InputTiming.NoEngagement => "No engagement planned",
        InputTiming.Late when LeadDays == 0 => "Input lands on the day of the decision: too late",
        InputTiming.Late => $"Input lands {TimetableAnalysis.Span(-LeadDays!.Value)} after the decision",
        _ => $"Input lands {TimetableAnalysis.Span(LeadDays!.Value)} before",
    };
}

/// <summary>
/// The planner's checks on a year's timetable and its engagement exercises: pure functions of what is planned, so
/// each warning is tested without a database. The service loads a year in a few queries and calls these.
/// </summary>
public static class TimetableAnalysis
{
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The exercises that inform a decision point: those linked to it, and the lead's exercises naming its date.</summary>
    public static IReadOnlyList<ExerciseSpan> Informing(TimetableEvent decision, IReadOnlyList<ExerciseSpan> exercises) =>
        [.. exercises.Where(x => decision.ExerciseIds.Contains(x.Id)
                                 || (x.LeadCommissionerId == decision.OrganisationId && x.DecisionDate == decision.StartDate))];

    /// <summary>Decision points from <paramref name="today"/> for <paramref name="weeks"/> weeks, soonest first.</summary>
    public static IReadOnlyList<DecisionOutlook> AheadOfTheAgenda(
        IReadOnlyList<TimetableEvent> events, IReadOnlyList<ExerciseSpan> exercises, DateOnly today, int weeks)
    {
        var until = today.AddDays(weeks * 7);
        return [.. events
            .Where(e => e.Kind == TimetableEventKind.DecisionPoint && e.StartDate >= today && e.StartDate <= until)
            .InDateOrder()
            .Select(e => Outlook(e, exercises))];
    }

    public static DecisionOutlook Outlook(TimetableEvent decision, IReadOnlyList<ExerciseSpan> exercises)
    {
        var informing = Informing(decision, exercises);
        if (informing.Count == 0)
        {
            return new DecisionOutlook(decision, informing, InputTiming.NoEngagement, null);
        }

        // The decision can only weigh the input once the last informing exercise has reported, before the day itself
        // (papers go out ahead of a meeting).
        var lead = decision.StartDate.DayNumber - informing.Max(x => x.End).DayNumber;
        return new DecisionOutlook(decision, informing, lead > 0 ? InputTiming.Ahead : InputTiming.Late, lead);
    }

    public static IReadOnlyList<TimetableWarning> Warnings(
        FinancialYear year,
        IReadOnlyList<TimetableEvent> events,
        IReadOnlyList<ExerciseSpan> exercises,
        IReadOnlyDictionary<int, string> communityNames,
        IReadOnlyDictionary<int, string> localityNames)
    {
        var inYear = exercises.Where(x => year.Overlaps(x.Start, x.End)).ToList();
        var decisions = events.Where(e => e.Kind == TimetableEventKind.DecisionPoint && year.Contains(e.StartDate)).ToList();
        // A decision early in the year may be informed by engagement that reported in the year before, so every
        // exercise given counts towards informing one; the other checks are about the year's own exercises.
        return [.. LateInput(inYear, decisions), .. DecisionsWithoutEngagement(decisions, exercises), .. Fatigue(inYear, communityNames, localityNames), .. Gaps(inYear, communityNames, year)];
    }

    private static IEnumerable<TimetableWarning> LateInput(List<ExerciseSpan> exercises, List<TimetableEvent> decisions)
    {
        // Looked up rather than testing every decision against every exercise: a busy year has hundreds of each.
        var indexed = decisions.Select((d, i) => (Decision: d, Index: i)).ToList();
        var byExercise = indexed.SelectMany(d => d.Decision.ExerciseIds.Distinct().Select(id => (Id: id, d))).ToLookup(p => p.Id, p => p.d);
        var byLeadAndDay = indexed.ToLookup(d => (d.Decision.OrganisationId, d.Decision.StartDate));
        foreach (var exercise in exercises)
        {
            // The earliest decision the exercise informs: a decision point linked to it or on its lead's decision date
            // (as Informing has it), or its own decision date.
            var named = exercise.DecisionDate is { } day ? byLeadAndDay[(exercise.LeadCommissionerId, day)] : [];
            var informed = byExercise[exercise.Id].Union(named)
                .OrderBy(d => d.Decision.StartDate).ThenBy(d => d.Index)
                .Select(d => (d.Decision.StartDate, Title: (string?)d.Decision.Title))
                .Concat(exercise.DecisionDate is { } own ? [(own, null)] : [])
                .OrderBy(d => d.StartDate)
                .FirstOrDefault();
            if (informed.StartDate == default || exercise.End < informed.StartDate)
            {
                continue;
            }

            var late = exercise.End.DayNumber - informed.StartDate.DayNumber;
            var what = informed.Title is null ? "the decision it informs" : $"the decision it informs ({UntrustedText.Isolate(informed.Title)})";
            yield return new TimetableWarning(
                TimetableWarningKind.LateInput,
                late == 0
                    ? $"'{UntrustedText.Isolate(exercise.Title)}' reports on {Day(exercise.End)}, the day of {what}: its input lands too late."
                    : $"'{UntrustedText.Isolate(exercise.Title)}' reports on {Day(exercise.End)}, {Span(late)} after {what} on {Day(informed.StartDate)}.",
                ExerciseIds: [exercise.Id]);
        }
    }

    private static IEnumerable<TimetableWarning> DecisionsWithoutEngagement(List<TimetableEvent> decisions, IReadOnlyList<ExerciseSpan> exercises)
    {
        // The same test as Informing, by lookup: linked to an exercise, or on the date its lead's exercise names.
        var ids = exercises.Select(x => x.Id).ToHashSet();
        var named = exercises.Where(x => x.DecisionDate is not null).Select(x => (x.LeadCommissionerId, x.DecisionDate!.Value)).ToHashSet();
        return decisions
            .Where(d => !d.ExerciseIds.Any(ids.Contains) && !named.Contains((d.OrganisationId, d.StartDate)))
            .OrderBy(d => d.StartDate)
            .Select(d => new TimetableWarning(
                TimetableWarningKind.DecisionWithoutEngagement,
                $"No engagement is planned to inform '{UntrustedText.Isolate(d.Title)}' on {Day(d.StartDate)}.",
                EventId: d.Id));
    }

    private static IEnumerable<TimetableWarning> Fatigue(
        List<ExerciseSpan> exercises, IReadOnlyDictionary<int, string> communityNames, IReadOnlyDictionary<int, string> localityNames)
    {
        var ordered = exercises.OrderBy(x => x.Start).ThenBy(x => x.Id).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            // Sorted by start: once a later exercise starts after this one ends, none further on can overlap it.
            for (var j = i + 1; j < ordered.Count && ordered[j].Start <= ordered[i].End; j++)
            {
                var (a, b) = (ordered[i], ordered[j]);
                if (!Shares(a.CommunityIds, b.CommunityIds) && !Shares(a.LocalityIds, b.LocalityIds))
                {
                    continue;
                }

                var shared = a.CommunityIds.Intersect(b.CommunityIds).Select(id => communityNames.GetValueOrDefault(id))
                    .Concat(a.LocalityIds.Intersect(b.LocalityIds).Select(id => localityNames.GetValueOrDefault(id)))
                    .OfType<string>()
                    .ToList();
                if (shared.Count == 0)
                {
                    continue;
                }

                var from = a.Start > b.Start ? a.Start : b.Start;
                var to = a.End < b.End ? a.End : b.End;
                var weeks = (to.DayNumber - from.DayNumber) / 7 + 1;
                yield return new TimetableWarning(
                    TimetableWarningKind.ConsultationFatigue,
                    $"'{UntrustedText.Isolate(a.Title)}' and '{UntrustedText.Isolate(b.Title)}' both reach {string.Join(", ", shared)} between {Day(from)} and {Day(to)} "
                    + $"({Counted.Of(weeks, "week")}): consider joining them up or moving one.",
                    ExerciseIds: [a.Id, b.Id]);
            }
        }
    }

    /// <summary>Whether two short lists share an item, without allocating: checked for every overlapping pair.</summary>
    private static bool Shares(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        for (var i = 0; i < a.Count; i++)
        {
            for (var j = 0; j < b.Count; j++)
            {
                if (a[i] == b[j])
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IEnumerable<TimetableWarning> Gaps(List<ExerciseSpan> exercises, IReadOnlyDictionary<int, string> communityNames, FinancialYear year)
    {
        var reached = exercises.SelectMany(x => x.CommunityIds).ToHashSet();
        return communityNames
            .Where(c => !reached.Contains(c.Key))
            .OrderBy(c => c.Value, StringComparer.OrdinalIgnoreCase)
            .Select(c => new TimetableWarning(
                TimetableWarningKind.CommunityGap,
                $"No exercise in {year.Label} reaches {c.Value}.",
                CommunityId: c.Key));
    }

    internal static string Span(int days) =>
        days % 7 == 0 && days >= 14 ? $"{days / 7} weeks"
        : days >= 14 ? $"{days / 7} weeks {Counted.Of(days % 7, "day")}"
        : Counted.Of(days, "day");

    private static string Day(DateOnly date) => date.ToString("d MMM yyyy", UkCulture);
}
