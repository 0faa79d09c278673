using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace EngagementHub.Core.Common;

/// <summary>Runs the data-annotation rules of an input model on the server, whatever the UI already checked.</summary>
public static class InputValidation
{
    /// <summary>
    /// The data-annotation errors of <paramref name="input"/>, plus one error for each text property (or list of texts)
    /// holding a control character (<see cref="UntrustedText.HasControlCharacters"/>), one for each text property not
    /// marked <see cref="MultiLineAttribute"/> holding a line break, and one for each choice (an enum property) holding a
    /// value that is none of its members, each tied to its property.
    /// </summary>
    /// <remarks>
    /// A form offers an enum's members only, but an interactive form's value arrives from the browser and Blazor parses
    /// any number into an enum: checked here, for every input model at once, a value no form offers is refused, not saved.
    /// </remarks>
    public static FieldError[] Validate(object input)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        return results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => new FieldError(m, r.ErrorMessage ?? "This value is not valid.")))
            .Concat(ControlCharacterErrors(input))
            .Concat(LineBreakErrors(input))
            .Concat(UndefinedChoiceErrors(input))
            .Concat(FarOffDateErrors(input))
            .ToArray();
    }

    /// <summary>
    /// The dates a form takes: from <see cref="UkDate.Earliest"/> to <see cref="UkDate.Latest"/>. Nothing the
    /// partnership records falls outside them, so a date beyond is a slip of the keys ("1/10/2126" for 2026), which
    /// would otherwise open a timetable for 2126/27 without a word.
    /// </summary>
    private static IEnumerable<FieldError> FarOffDateErrors(object input) =>
        from property in input.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property.GetIndexParameters().Length == 0 && property.CanRead
              && (Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) == typeof(DateOnly)
        let message = property.GetValue(input) is DateOnly date ? UkDate.OutOfRange(date) : null
        where message is not null
        select new FieldError(property.Name, message);

    /// <summary>The words for a line break in a one-line field.</summary>
    public const string LineBreakMessage = "This field takes one line of text. Remove the line breaks.";

    /// <summary>
    /// The one-line rule for text a service takes without an input model (a name, a note on one line): the same words
    /// as <see cref="Validate"/> gives a one-line property of an input model.
    /// </summary>
    /// <returns>A message for <paramref name="field"/> when <paramref name="text"/> holds a line break (line feed,
    /// carriage return, or the Unicode line or paragraph separator); else null.</returns>
    public static FieldError? CheckOneLine(string field, string? text) =>
        HasLineBreak(text) ? new FieldError(field, LineBreakMessage) : null;

    private static bool HasLineBreak(string? text) => text is not null && text.AsSpan().IndexOfAny("\n\r\u2028\u2029") >= 0;

    // Every text property but those marked [MultiLine] takes one line (lists of texts are made of lines already).
    private static IEnumerable<FieldError> LineBreakErrors(object input) =>
        from property in input.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property.PropertyType == typeof(string) && property.GetIndexParameters().Length == 0 && property.CanRead
              && property.GetCustomAttribute<MultiLineAttribute>() is null
              && HasLineBreak((string?)property.GetValue(input))
        select new FieldError(property.Name, LineBreakMessage);

    /// <summary>The words for a choice holding a value that is none of the options.</summary>
    public const string UndefinedChoiceMessage = "Choose one of the options.";

    /// <summary>
    /// One error for each named text that holds a control character, for inputs that arrive as loose strings rather than
    /// an input model (an answer, a reason, a comment). Empty when all are clean.
    /// </summary>
    public static FieldError[] CheckText(params (string Field, string? Text)[] texts) =>
        [.. texts.Where(t => UntrustedText.HasControlCharacters(t.Text)).Select(t => new FieldError(t.Field, UntrustedText.ControlCharacterMessage))];

    /// <summary>
    /// The length rule for text a service takes without an input model (a comment, a reason), worded like the models'
    /// [MaxLength] messages; the form's field shows the same limit with a counter.
    /// </summary>
    /// <param name="field">The field the message is shown next to (the input's property name).</param>
    /// <param name="text">The text as typed; null counts as empty.</param>
    /// <param name="max">The most characters allowed after trimming, the same number as the column's and the form's.</param>
    /// <param name="what">The field in a sentence, e.g. "The answer".</param>
    /// <returns>A message for <paramref name="field"/> when the trimmed text is longer than <paramref name="max"/> characters; else null.</returns>
    public static FieldError? TooLong(string field, string? text, int max, string what) =>
        text is not null && text.Trim().Length > max
            ? new FieldError(field, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{what} can be at most {max:N0} characters."))
            : null;

    /// <summary>
    /// Fits text the app composes (a referral's subject from the request it escalates, a notice naming a record) into a
    /// column of <paramref name="max"/> characters: as it is when it fits, else cut and ended with "…".
    /// </summary>
    /// <returns>At most <paramref name="max"/> characters.</returns>
    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>
    /// Text the app composes around a person's words, for a field of <paramref name="max"/> characters: the first of
    /// <paramref name="forms"/> that fits, given from the fullest (the app's words around the person's) to the person's
    /// words alone. The app's own words are left out before any of the person's are cut, so input the person's own
    /// field accepted is never refused, or cut, for what the app added to it (docs/conventions.md, "Long text").
    /// </summary>
    /// <returns>At most <paramref name="max"/> characters: the first form that fits; only when none does (the last form's
    /// words came from a longer field than this one), the last cut with "…" by <see cref="Shorten"/>.</returns>
    /// <exception cref="ArgumentException">No form is given.</exception>
    public static string Fit(int max, params string[] forms)
    {
        if (forms.Length == 0)
        {
            throw new ArgumentException("Give at least the person's words.", nameof(forms));
        }

        return forms.FirstOrDefault(f => f.Length <= max) ?? Shorten(forms[^1], max);
    }

    /// <summary>Trims text and turns an empty string into null, so "  " is stored as nothing.</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static IEnumerable<FieldError> UndefinedChoiceErrors(object input) =>
        from property in input.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property.GetIndexParameters().Length == 0 && property.CanRead
              && (Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType).IsEnum
        let value = property.GetValue(input)
        where value is not null && !Enum.IsDefined(value.GetType(), value)
        select new FieldError(property.Name, UndefinedChoiceMessage);

    private static IEnumerable<FieldError> ControlCharacterErrors(object input)
    {
        foreach (var property in input.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanRead)
            {
                continue;
            }

            var value = property.GetValue(input);
            var texts = value switch
            {
                string text => [text],
                IEnumerable list and not string => list.OfType<string>(),
                _ => [],
            };
            if (texts.Any(UntrustedText.HasControlCharacters))
            {
                yield return new FieldError(property.Name, UntrustedText.ControlCharacterMessage);
            }
        }
    }
}
