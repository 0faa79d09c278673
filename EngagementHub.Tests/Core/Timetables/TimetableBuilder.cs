using System.Globalization;
using EngagementHub.Core.Timetables;

namespace EngagementHub.Tests.Core.Timetables;

/// <summary>Events and exercise spans for the pure timetable rules, with ids set as the database would.</summary>
internal static class TimetableBuilder
{
    public const int Lead = 10;
    public const int OtherLead = 11;

    public static DateOnly D(string date) => DateOnly.Parse(date, CultureInfo.InvariantCulture);

    public static TimetableEvent Event(
        int id, TimetableEventKind kind, string date, int organisationId = Lead, string title = "Board", string? time = null, int[]? exercises = null)
    {
        var e = new TimetableEvent(new TimetableEventInput
        {
            OrganisationId = organisationId,
            Kind = kind,
            Title = title,
            StartDate = D(date),
            StartTime = time is null ? null : TimeOnly.Parse(time, CultureInfo.InvariantCulture),
            ExerciseIds = [.. exercises ?? []],
        }, DateTimeOffset.UnixEpoch);
        typeof(TimetableEvent).GetProperty(nameof(TimetableEvent.Id))!.SetValue(e, id);
        return e;
    }

    public static TimetableEvent Decision(int id, string date, string title = "Board decision", int organisationId = Lead, int[]? exercises = null) =>
        Event(id, TimetableEventKind.DecisionPoint, date, organisationId, title, null, exercises);

    public static ExerciseSpan Exercise(
        int id, string start, string end, string? decision = null, int lead = Lead, int[]? communities = null, int[]? localities = null, string? title = null) =>
        new(id, title ?? $"Exercise {id}", lead, D(start), D(end), decision is null ? null : D(decision), communities ?? [], localities ?? []);
}
