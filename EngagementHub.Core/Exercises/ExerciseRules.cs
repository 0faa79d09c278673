using EngagementHub.Core.Common;

namespace EngagementHub.Core.Exercises;

/// <summary>The rules for an exercise's details that need no database: errors block a save, warnings do not.</summary>
public static class ExerciseRules
{
    public static FieldError[] Errors(ExerciseInput input)
    {
        var errors = InputValidation.Validate(input).ToList();
        if (input.LeadCommissionerId is null)
        {
            errors.Add(new FieldError(nameof(input.LeadCommissionerId), "Choose the commissioner that leads this exercise."));
        }

        if (input.StartDate is { } start && input.EndDate is { } end && end < start)
        {
            errors.Add(new FieldError(nameof(input.EndDate), "The end date is before the start date."));
        }

        if (input.Scope == ExerciseScope.Localities && input.LocalityIds.Count == 0)
        {
            errors.Add(new FieldError(nameof(input.LocalityIds), "Choose at least one locality, or make the exercise city-wide."));
        }

        return [.. errors];
    }

    /// <summary>Things worth a second look that do not stop a save, e.g. input that would land after the decision.</summary>
    public static FieldError[] Warnings(ExerciseInput input)
    {
        var warnings = new List<FieldError>();
        if (input.DecisionDate is { } decision && input.EndDate is { } end && decision < end)
        {
            var days = end.DayNumber - decision.DayNumber;
            warnings.Add(new FieldError(nameof(input.DecisionDate),
                $"The decision is taken {Counted.Of(days, "day")} before the exercise ends: its input would land too late."));
        }

        return [.. warnings];
    }
}
