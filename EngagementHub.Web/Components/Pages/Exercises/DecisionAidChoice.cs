namespace EngagementHub.Web.Components.Pages.Exercises;

/// <summary>The option a person chose in the decision aid, and the aid's reasons for it as a draft (empty when none).</summary>
public sealed record DecisionAidChoice(int Option, string DraftReasons);
