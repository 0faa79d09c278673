using System.ComponentModel.DataAnnotations;

namespace EngagementHub.Core.Common;

/// <summary>Runs the data-annotation rules of an input model on the server, whatever the UI already checked.</summary>
public static class InputValidation
{
    public static FieldError[] Validate(object input)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        return results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => new FieldError(m, r.ErrorMessage ?? "This value is not valid.")))
            .ToArray();
    }

    /// <summary>Trims text and turns an empty string into null, so "  " is stored as nothing.</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
