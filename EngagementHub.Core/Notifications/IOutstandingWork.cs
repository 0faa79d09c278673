namespace EngagementHub.Core.Notifications;

/// <summary>
/// What a person's side still has to do, as their "My work" lists it (ADR 10: every notice that asks has an item there,
/// linking to the same page, until the step is taken), declared here and implemented by the home page's read service
/// (<c>Home.MyWorkService</c>), so that the notification machinery does not depend on the features above it
/// (docs/conventions.md, "Layering"). A notice's stored <see cref="Notification.NeedsAction"/> says it asked when it was
/// recorded; this says whether it still does.
/// </summary>
public interface IOutstandingWork
{
    /// <summary>The pages the person's "My work" sends them to now.</summary>
    /// <returns>The links (<see cref="Common.PageLink.Stored"/>) of every item of the person's deadlines, agreements, reviews
    /// and work programme; empty for a person who no longer exists or has no organisation. Refuses nobody: it reads what
    /// the person's own home page shows.</returns>
    Task<IReadOnlySet<string>> StillAskedAsync(string userId, CancellationToken ct = default);
}
