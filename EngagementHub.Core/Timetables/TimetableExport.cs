namespace EngagementHub.Core.Timetables;

/// <summary>An exercise as the event form offers it for linking: enough to tell two with similar titles apart.</summary>
public sealed record ExerciseChoice(int Id, string Title, DateOnly StartDate, DateOnly EndDate)
{
    public string Label => $"{Title} ({StartDate:MMM yyyy})";
}

/// <summary>One event as exported: the event with its organisation's name and the titles of the exercises it links.</summary>
public sealed record TimetableExportRow(TimetableEvent Event, string Organisation, IReadOnlyList<string> Exercises);
