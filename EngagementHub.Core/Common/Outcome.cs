namespace EngagementHub.Core.Common;

/// <summary>A message for one field of a form, shown next to that field.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// What a service returns for an action a person asked for: success, or what they can fix.
/// Errors a user can act on travel as values, never as exceptions, so the UI can show them next to the field.
/// </summary>
public class Outcome
{
    protected Outcome(IReadOnlyList<FieldError> errors, string? problem)
    {
        Errors = errors;
        Problem = problem;
    }

    /// <summary>Messages tied to a field of the form.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>A message about the whole action (e.g. someone else saved first).</summary>
    public string? Problem { get; }

    public bool Succeeded => Errors.Count == 0 && Problem is null;

    public static Outcome Success { get; } = new([], null);

    public static Outcome Invalid(params FieldError[] errors) => new(errors, null);

    public static Outcome Failed(string problem) => new([], problem);

    public IEnumerable<string> ErrorsFor(string field) =>
        Errors.Where(e => e.Field == field).Select(e => e.Message);
}

/// <summary>An <see cref="Outcome"/> that carries a value when it succeeds.</summary>
public sealed class Outcome<T> : Outcome
{
    private Outcome(T? value, IReadOnlyList<FieldError> errors, string? problem) : base(errors, problem) => Value = value;

    public T? Value { get; }

    public static Outcome<T> Ok(T value) => new(value, [], null);

    public static new Outcome<T> Invalid(params FieldError[] errors) => new(default, errors, null);

    public static new Outcome<T> Failed(string problem) => new(default, [], problem);

    public static Outcome<T> From(Outcome failure) => new(default, failure.Errors, failure.Problem);
}
