using System.Data.Common;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.JSInterop;
using MudBlazor;

namespace EngagementHub.Web.Components.Shared;

/// <summary>
/// For components that change data: every action runs as the signed-in person, read on the server, and a refusal by
/// the server-side check, a concurrent change no service settled, or a database that does not answer, becomes a message
/// on screen rather than a broken page
/// (the circuit, and so everything typed into the form, survives).
/// </summary>
public abstract class AppComponentBase : ComponentBase
{
    /// <summary>What the person is told when a save could not reach the database.</summary>
    public const string DatabaseUnavailableMessage =
        "Nothing was saved: the database is not answering just now. What you typed is still here; try again in a minute, "
        + "and tell an administrator if it goes on.";

    /// <summary>What the person is told when the database answered but refused the save (read-only, or out of space).</summary>
    public const string DatabaseRefusesWritesMessage =
        "Nothing was saved: the database is refusing changes just now (it may be full or read-only). What you typed is "
        + "still here; copy anything you cannot easily type again, and tell an administrator.";

    /// <summary>
    /// What the person is told when a save met someone else's change of a record it also writes and the service could not
    /// settle it (a change log re-read and retried until it gave up): the rare race no service turns into its own outcome.
    /// </summary>
    public const string SavedMeanwhileMessage =
        "Nothing was saved: someone changed the same records at the same moment. Try again; anything you typed is still here.";

    [Inject]
    protected CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    protected OrganisationAccess Access { get; set; } = default!;

    [Inject]
    private ILogger<AppComponentBase> Logger { get; set; } = default!;

    [Inject]
    private IJSRuntime FocusScript { get; set; } = default!;

    private string[]? _returnFocusTo;

    /// <summary>
    /// Why the last <see cref="RunAsync{T}"/> returned null (refused, a concurrent change, the database), in the words
    /// its message gave, for a form that also says it beside itself; null after one that returned an outcome.
    /// </summary>
    protected string? NotDoneBecause { get; private set; }

    /// <param name="action">The service call, given the signed-in person.</param>
    /// <param name="saidBeside">What the caller says beside its form itself (docs/conventions.md, "Refusals and failures
    /// on a page"): that is not popped up as well, so a person reads each message once.</param>
    /// <returns>
    /// The outcome, or null when the action was refused or the database failed (the person has been told why, also
    /// in <see cref="NotDoneBecause"/>, and what they typed is untouched).
    /// </returns>
    protected async Task<T?> RunAsync<T>(Func<Actor, Task<T>> action, SaidBeside saidBeside = SaidBeside.Nothing) where T : Outcome
    {
        NotDoneBecause = null;
        // No outcome to show: why is kept for the page, and popped up unless the page says it beside its form.
        T? NotDone(string why, Severity severity, bool stays = true)
        {
            NotDoneBecause = why;
            if (saidBeside != SaidBeside.ProblemAndNotDone)
            {
                Snackbar.Add(why, severity, o => o.RequireInteraction = stays);
            }

            return null;
        }

        try
        {
            var outcome = await action(await CurrentActor.GetAsync());
            if (outcome.Problem is { } problem && saidBeside == SaidBeside.Nothing)
            {
                Snackbar.Add(problem, Severity.Warning, o => o.RequireInteraction = true);
            }

            return outcome;
        }
        catch (AccessDeniedException denied)
        {
            return NotDone(denied.Message, Severity.Error, stays: false);
        }
        catch (DbUpdateConcurrencyException race)
        {
            Logger.LogWarning(race, "A save met a concurrent change the service did not settle; nothing was saved");
            return NotDone(SavedMeanwhileMessage, Severity.Warning);
        }
        catch (Exception failure) when (IsDatabaseFailure(failure))
        {
            return NotDone(DatabaseFailed(failure), Severity.Error);
        }
    }

    /// <summary>For an action with no outcome of its own (a choice saved as it is made, a notification marked read).</summary>
    /// <returns>True when it was done; false when it was refused or the database failed (the person has been told why).</returns>
    protected async Task<bool> RunAsync(Func<Actor, Task> action) =>
        await RunAsync(async actor =>
        {
            await action(actor);
            return Outcome.Success;
        }) is not null;

    /// <summary>Logs a save the database failed.</summary>
    /// <returns>What to tell the person: that the database refused the change (read-only, full), or is not answering.</returns>
    protected string DatabaseFailed(Exception failure)
    {
        if (WriteRefusal.Of(failure) is { } refusal)
        {
            Logger.LogError(failure, "A save failed because the database refuses writes ({Refusal})", refusal);
            return DatabaseRefusesWritesMessage;
        }

        Logger.LogError(failure, "A save failed because the database did not answer");
        return DatabaseUnavailableMessage;
    }

    /// <summary>
    /// A page that will not let this person do what it is for (another organisation's record, a viewer on an edit page):
    /// logs the refusal like any server-side one and returns the message to show in its place.
    /// </summary>
    protected string Refuse(Actor? actor, string action, string target, string message)
    {
        Access.Deny(actor, action, target);
        return message;
    }

    /// <summary>
    /// The id of a control in a list's row (<c>id="@RowControlId("edit-contact", context.Id)"</c>), for
    /// <see cref="ReturnFocusTo"/>: the same for the row whenever the list is drawn again.
    /// </summary>
    /// <returns>The action and the row's id, e.g. "edit-contact-12".</returns>
    protected static string RowControlId(string action, object rowId) => FormattableString.Invariant($"{action}-{rowId}");

    /// <summary>
    /// After a dialog opened from a list's row has closed (saved, cancelled or confirmed) and the list has been loaded
    /// again, gives keyboard focus back to the control that opened it once this component has rendered (WCAG 2.4.3).
    /// A reloaded list is drawn with new rows (MudTable keys each row by its object), so the button the dialog would
    /// return focus to is gone and focus falls to the page's body, sending keyboard and screen-reader users to the top.
    /// </summary>
    /// <param name="ids">
    /// The element ids to try, in order: the row's control (<see cref="RowControlId"/>), then a neighbour for when the
    /// row is gone (the list's heading, which is made focusable for it). Focus moves only if it was lost (is on the
    /// page's body); focus still inside the closing dialog, and a control still disabled by its own busy state, are
    /// waited for, up to two seconds (forms.js, <c>focusReturn.to</c>).
    /// </param>
    protected void ReturnFocusTo(params string[] ids) => _returnFocusTo = ids;

    /// <summary>Moves focus as <see cref="ReturnFocusTo"/> asked; a page that overrides this calls it.</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_returnFocusTo is { } ids)
        {
            _returnFocusTo = null;
            try
            {
                await FocusScript.InvokeVoidAsync("focusReturn.to", (object)ids);
            }
            catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException)
            {
                // Focus is a convenience; the list is shown either way.
            }
        }
    }

    /// <summary>
    /// The database could not be reached or written (file gone, disk full, server down), as opposed to a rule the
    /// person broke: provider errors, EF's wrapping of them, and its retry strategy giving up.
    /// </summary>
    public static bool IsDatabaseFailure(Exception failure) => failure switch
    {
        DbUpdateConcurrencyException => false,
        DbException or DbUpdateException or RetryLimitExceededException or TimeoutException => true,
        _ => failure.InnerException is { } inner && IsDatabaseFailure(inner),
    };
}

/// <summary>What a page or dialog says beside its own form after <see cref="AppComponentBase.RunAsync{T}"/>, and so is
/// not popped up as well.</summary>
public enum SaidBeside
{
    /// <summary>Nothing: every message pops up.</summary>
    Nothing,

    /// <summary>The outcome's problem (someone saved first, the record moved on); a refusal or a database failure, for
    /// which there is no outcome, still pops up.</summary>
    Problem,

    /// <summary>The outcome's problem and, when there is no outcome, <see cref="AppComponentBase.NotDoneBecause"/>.</summary>
    ProblemAndNotDone,
}
