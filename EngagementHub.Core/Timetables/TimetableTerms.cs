using EngagementHub.Core.Common;

namespace EngagementHub.Core.Timetables;

/// <summary>The kinds of event in a partner's timetable that bear on engagement.</summary>
public enum TimetableEventKind
{
    /// <summary>A stage of the organisation's annual commissioning cycle (planning, contracting, ...).</summary>
    CycleStage,
    BoardMeeting,
    DecisionPoint,
    ConsultationWindow,
    /// <summary>A plan refresh such as the JSNA or Local Area Agreement delivery planning.</summary>
    PlanRefresh,
    ScrutinyPlanning,
    RegulatorAssessment,
    LinkMeeting,
    Other,
}

/// <summary>Who may see an event: the partners only, or the public once the year's timetable is published.</summary>
public enum EventVisibility
{
    Partnership,
    Public,
}

/// <summary>Where a year's joint timetable stands in its agreement.</summary>
public enum TimetableStatus
{
    Draft,
    Proposed,
    Agreed,
}

public static class TimetableTerms
{
    public static string Label(this TimetableEventKind kind) => kind switch
    {
        TimetableEventKind.CycleStage => "Commissioning cycle stage",
        TimetableEventKind.BoardMeeting => "Board or committee meeting",
        TimetableEventKind.DecisionPoint => "Decision point",
        TimetableEventKind.ConsultationWindow => "Consultation window",
        TimetableEventKind.PlanRefresh => "Plan refresh",
        TimetableEventKind.ScrutinyPlanning => "Scrutiny agenda planning",
        TimetableEventKind.RegulatorAssessment => "Regulator assessment",
        TimetableEventKind.LinkMeeting => "LINk meeting",
        TimetableEventKind.Other => "Other",
        _ => kind.ToString(),
    };

    public static string Label(this EventVisibility visibility) =>
        visibility == EventVisibility.Public ? "Public once published" : "Partners only";

    public static string Label(this TimetableStatus status) => status switch
    {
        TimetableStatus.Draft => "Draft",
        TimetableStatus.Proposed => "Proposed for agreement",
        TimetableStatus.Agreed => "Agreed and published",
        _ => status.ToString(),
    };

    /// <summary>
    /// Where a year's timetable stands, in words that hold together whatever happened since it was last agreed. The bare
    /// <see cref="TimetableStatus"/> cannot say it: a year agreed once stays <see cref="TimetableStatus.Agreed"/> (and
    /// published) while its changes are proposed, sent back or waiting (ADR 7), so "Agreed and published" alone would
    /// sit beside "changes asked for".
    /// </summary>
    /// <param name="timetable">The year's agreement record; null for a year nobody has proposed.</param>
    /// <returns>One of "Draft"; "Proposed for agreement"; "Draft, back with its proposer" (a proposal sent back or void);
    /// "Agreed and published"; "Published, changed since agreement"; "Published, changes proposed for agreement";
    /// "Published, changes back with their proposer". Refuses nothing.</returns>
    public static string Standing(this AnnualTimetable? timetable) => timetable switch
    {
        null or { NeverProposed: true } => "Draft",
        { Status: TimetableStatus.Proposed, AgreedAt: null } => "Proposed for agreement",
        { Status: TimetableStatus.Proposed } => "Published, changes proposed for agreement",
        { Status: TimetableStatus.Agreed, ChangesRequested: not null } => "Published, changes back with their proposer",
        { Status: TimetableStatus.Agreed, ChangedSinceAgreement: true } => "Published, changed since agreement",
        { Status: TimetableStatus.Agreed } => "Agreed and published",
        { ChangesRequested: not null } => "Draft, back with its proposer",
        _ => "Draft",
    };

    /// <summary>
    /// Whether the year's dates are the ones every organisation asked agreed: agreed, and nothing changed since. A year
    /// whose changes are still to be agreed is published as it now stands (ADR 7), so pages mark it.
    /// </summary>
    /// <returns>True only for an agreed year with no change since its agreement.</returns>
    public static bool AgreedAsItStands(this AnnualTimetable? timetable) =>
        timetable is { Status: TimetableStatus.Agreed, ChangedSinceAgreement: false, ChangesRequested: null };

    /// <summary>
    /// What changing an event of a year sets off, for the person about to change it (the event's form and its removal):
    /// once the year is agreed, proposed, was agreed before or is back with its proposer, the change goes in the year's
    /// change log for partners (<see cref="TimetableChangeLog"/>), and a proposed year needs proposing again.
    /// </summary>
    /// <returns>The sentence, or null for a draft nobody has proposed, where a change needs no notice.</returns>
    public static string? ChangeNotice(AnnualTimetable? timetable) => ChangeNotice(timetable, "This year's timetable");

    /// <summary>
    /// What changing an event sets off in each year its change touches: the years its days fall in before the change and
    /// after it, since each of them logs the change (<see cref="TimetableChangeLog.RecordInYearsAsync"/>, ADR 7). A
    /// consultation from March into May, or one moved into an agreed next year, unsettles that year too.
    /// </summary>
    /// <param name="timetables">Agreement records, of these years or more (others are left out); years without one need no notice.</param>
    /// <param name="years">The <see cref="FinancialYear.StartYear"/>s the change touches.</param>
    /// <returns>One sentence per year that needs one, in year order, as <see cref="ChangeNotice(AnnualTimetable?)"/> words it;
    /// each names its year ("The 2027/28 timetable is agreed …") when the change touches more than one. Empty when none does.</returns>
    public static IReadOnlyList<string> ChangeNotices(IEnumerable<AnnualTimetable> timetables, IReadOnlyCollection<int> years)
    {
        var named = years.Distinct().Count() > 1;
        return [.. timetables.Where(t => years.Contains(t.Year)).DistinctBy(t => t.Year).OrderBy(t => t.Year)
            .Select(t => ChangeNotice(t, named ? $"The {t.FinancialYear.Label} timetable" : "This year's timetable"))
            .OfType<string>()];
    }

    private static string? ChangeNotice(AnnualTimetable? timetable, string subject) => timetable switch
    {
        { Status: TimetableStatus.Agreed } agreed when agreed.AgreedAsItStands() =>
            $"{subject} is agreed — your change will be flagged and logged for partners.",
        { Status: TimetableStatus.Agreed } =>
            $"{subject} was agreed and has changed since — your change will be logged for partners with the others still to agree.",
        { Status: TimetableStatus.Proposed } =>
            $"{subject} is proposed for agreement — your change will be logged for partners, and the timetable will need proposing again.",
        { AgreedAt: not null } =>
            $"{subject} was agreed before — your change will be flagged and logged for partners.",
        { NeverProposed: false } =>
            $"{subject} is back with its proposer — your change will be logged for partners, who see it when the year is proposed again.",
        _ => null,
    };

    /// <summary>
    /// Words for an event shown in <paramref name="year"/> that started in the year before or runs on into the next: each
    /// year that it overlaps shows it, clipped to the year where it is drawn, so the words say that it goes on.
    /// </summary>
    /// <param name="start">The event's first day.</param>
    /// <param name="end">The event's last day.</param>
    /// <param name="year">The financial year shown.</param>
    /// <returns>"continuing from 2025/26", "continuing into 2027/28", "continuing from 2025/26 into 2027/28", or null
    /// when the event lies within the year.</returns>
    public static string? Continuing(DateOnly start, DateOnly end, FinancialYear year)
    {
        var (before, after) = (new FinancialYear(year.StartYear - 1).Label, new FinancialYear(year.StartYear + 1).Label);
        return (start < year.Start, end > year.End) switch
        {
            (true, true) => $"continuing from {before} into {after}",
            (true, false) => $"continuing from {before}",
            (false, true) => $"continuing into {after}",
            _ => null,
        };
    }

    /// <returns>The heading of a kind of timetable warning, e.g. "Input lands after the decision".</returns>
    public static string Label(this TimetableWarningKind kind) => kind switch
    {
        TimetableWarningKind.LateInput => "Input lands after the decision",
        TimetableWarningKind.DecisionWithoutEngagement => "Decisions with no engagement planned",
        TimetableWarningKind.ConsultationFatigue => "Consultation fatigue",
        TimetableWarningKind.CommunityGap => "Communities nobody engages",
        _ => kind.ToString(),
    };

    /// <returns>What to do about a kind of timetable warning, in a sentence, shown under its heading.</returns>
    public static string Advice(this TimetableWarningKind kind) => kind switch
    {
        TimetableWarningKind.LateInput => "End the exercise earlier, or ask for the decision to wait.",
        TimetableWarningKind.DecisionWithoutEngagement => "Plan engagement to inform it, or link the exercise that does.",
        TimetableWarningKind.ConsultationFatigue => "Several bodies consulting the same people at once: join the exercises up or move one.",
        TimetableWarningKind.CommunityGap => "Communities no exercise reaches this year.",
        _ => "",
    };
}
