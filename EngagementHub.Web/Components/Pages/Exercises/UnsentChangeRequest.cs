namespace EngagementHub.Web.Components.Pages.Exercises;

/// <summary>
/// A request for a change to a joint-working option that was not recorded because the proposal the page showed had been
/// replaced or answered meanwhile: why, and the comment the person typed, which the page keeps for them.
/// </summary>
/// <param name="Problem">The refusal's message: who proposed or answered what, and when.</param>
/// <param name="Comment">The comment as typed.</param>
public sealed record UnsentChangeRequest(string Problem, string Comment);
