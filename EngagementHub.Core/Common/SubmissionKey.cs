namespace EngagementHub.Core.Common;

/// <summary>
/// Identifies one filling-in of a form: made when the form opens and sent with every submission of it, so that a
/// double-click, two quick Enters or a retry after a reconnect take effect once (see <see cref="Data.Submissions"/>).
/// </summary>
/// <remarks>A type of its own, not a bare <see cref="Guid"/>: several service methods also take a row's version.</remarks>
public readonly record struct SubmissionKey(Guid Value)
{
    /// <summary>No key: every submission takes effect (demo data, imports, tests of other rules).</summary>
    public static SubmissionKey None => default;

    public bool IsNone => Value == Guid.Empty;

    /// <summary>A new key, for a form that has just opened.</summary>
    public static SubmissionKey New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString("N");
}
