using EngagementHub.Core.Common;
using EngagementHub.Core.Identity;
using EngagementHub.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace EngagementHub.Web.Components.Shared;

/// <summary>
/// For components that change data: every action runs as the signed-in person, read on the server, and a refusal by
/// the server-side check becomes a message on screen rather than a broken page.
/// </summary>
public abstract class AppComponentBase : ComponentBase
{
    [Inject]
    protected CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    /// <returns>The outcome, or null when the action was refused (the person has been told why).</returns>
    protected async Task<T?> RunAsync<T>(Func<Actor, Task<T>> action) where T : Outcome
    {
        try
        {
            var outcome = await action(await CurrentActor.GetAsync());
            if (outcome.Problem is { } problem)
            {
                Snackbar.Add(problem, Severity.Warning, o => o.RequireInteraction = true);
            }

            return outcome;
        }
        catch (AccessDeniedException denied)
        {
            Snackbar.Add(denied.Message, Severity.Error);
            return null;
        }
    }
}
