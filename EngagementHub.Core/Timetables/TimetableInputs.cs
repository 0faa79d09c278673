using EngagementHub.Core.Common;
using System.ComponentModel.DataAnnotations;

namespace EngagementHub.Core.Timetables;

/// <summary>What a person fills in for a timetable event; checked on the server by <see cref="TimetableRules"/>.</summary>
public sealed class TimetableEventInput
{
    [Required(ErrorMessage = "Choose the organisation whose event this is.")]
    public int? OrganisationId { get; set; }

    public TimetableEventKind Kind { get; set; } = TimetableEventKind.BoardMeeting;

    [Required(ErrorMessage = "Give the event a title.")]
    [MaxLength(TimetableEvent.TitleMaxLength, ErrorMessage = "The title can be at most 200 characters.")]
    public string Title { get; set; } = "";

    [MaxLength(TimetableEvent.DescriptionMaxLength, ErrorMessage = "The description can be at most 2,000 characters.")]
    [MultiLine]
    public string? Description { get; set; }

    [MaxLength(TimetableEvent.LocationMaxLength, ErrorMessage = "The location can be at most 200 characters.")]
    public string? Location { get; set; }

    [Required(ErrorMessage = "Give the date, or the first day of the span.")]
    public DateOnly? StartDate { get; set; }

    /// <summary>The last day of a span; empty for a single day.</summary>
    public DateOnly? EndDate { get; set; }

    /// <summary>A time of day turns a single-day event into a meeting with a start (and usually an end) time.</summary>
    public TimeOnly? StartTime { get; set; }

    public TimeOnly? EndTime { get; set; }

    public bool IsFormal { get; set; } = true;

    public bool IsMovable { get; set; }

    public EventVisibility Visibility { get; set; } = EventVisibility.Public;

    public List<int> ExerciseIds { get; set; } = [];

    public Guid Version { get; set; }

    public static TimetableEventInput From(TimetableEvent e) => new()
    {
        OrganisationId = e.OrganisationId,
        Kind = e.Kind,
        Title = e.Title,
        Description = e.Description,
        Location = e.Location,
        StartDate = e.StartDate,
        EndDate = e.EndDate == e.StartDate ? null : e.EndDate,
        StartTime = e.StartTime,
        EndTime = e.EndTime,
        IsFormal = e.IsFormal,
        IsMovable = e.IsMovable,
        Visibility = e.Visibility,
        ExerciseIds = [.. e.ExerciseIds],
        Version = e.Version,
    };
}
