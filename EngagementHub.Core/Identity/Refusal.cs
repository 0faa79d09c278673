namespace EngagementHub.Core.Identity;

/// <summary>
/// Why a person may not make a change: what they tried and on what (for the log, through
/// <see cref="OrganisationAccess.Deny"/>), and the feature's own message, safe to show (the
/// <see cref="AccessDeniedException"/>'s).
/// </summary>
/// <param name="Action">What they tried, e.g. "edit an exercise".</param>
/// <param name="Target">What on, e.g. "exercise 12".</param>
/// <param name="Message">What the person is told.</param>
public sealed record Refusal(string Action, string Target, string Message)
{
    /// <returns>The refusal <see cref="OrganisationAccess.EnsureCanActFor"/> makes: the actor does not act for
    /// <paramref name="organisationId"/>, with the same message and log entry.</returns>
    public static Refusal NotActingFor(int organisationId, string action) =>
        new(action, $"organisation {organisationId}", "You can only do this for your own organisation, as an editor.");
}
