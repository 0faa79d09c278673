using EngagementHub.Core.Common;

namespace EngagementHub.Core.Exercises;

/// <summary>The rules for an exercise's details that need no database: errors block a save, warnings do not.</summary>
public static class ExerciseRules
{
    public static FieldError[] Errors(ExerciseInput details)
    {
        var errors = InputValidation.Validate(details).ToList();
        if (details.LeadCommissionerId is null)
        {
            errors.Add(new FieldError(nameof(details.LeadCommissionerId), "Choose the commissioner that leads this exercise."));
        }

        if (details.StartDate is { } start && details.EndDate is { } end && end < start)
        {
            errors.Add(new FieldError(nameof(details.EndDate), "The end date is before the start date."));
        }

        if (details.Scope == ExerciseScope.Localities && details.LocalityIds.Count == 0)
        {
            errors.Add(new FieldError(nameof(details.LocalityIds), "Choose at least one locality, or make the exercise city-wide."));
        }

        return [.. errors];
    }

    /// <summary>Things worth a second look that do not stop a save, e.g. input that would land after the decision.</summary>
    public static FieldError[] Warnings(ExerciseInput details)
    {
        var warnings = new List<FieldError>();
        if (details.DecisionDate is { } decision && details.EndDate is { } end && decision < end)
        {
            var days = end.DayNumber - decision.DayNumber;
            warnings.Add(new FieldError(nameof(details.DecisionDate),
                $"The decision is taken {Counted.Of(days, "day")} before the exercise ends: its input would land too late."));
        }

        return [.. warnings];
    }
}
