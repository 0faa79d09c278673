using System.Diagnostics;
using EngagementHub.Core.Common;
using Microsoft.AspNetCore.Components.Forms;

namespace EngagementHub.Web.Components.Shared;

/// <summary>
/// One filling-in of a form: the <see cref="SubmissionKey"/> the server uses to take a submission once, and whether it
/// is being saved now. Made when the form opens (a field initialiser, or when the form binds a new model).
/// </summary>
/// <remarks>
/// Blazor Server queues a circuit's events and runs them one at a time, but a handler that awaits lets the next event
/// in: a double-click or two quick Enters reach <see cref="RunAsync"/> while the first save is still waiting for the
/// database. The check and the flag are set before the first await, so the second is ignored. The key covers what
/// this cannot see (a retry after a reconnect): see docs/conventions.md.
/// </remarks>
public sealed class FormSubmission
{
    // The form emptied after a save, and when: see IgnoreRepeatOfTheSave.
    private EditContext? _untouched;
    private long _savedAt;

    /// <summary>A new filling-in of a form, with a new key.</summary>
    public FormSubmission()
        : this(SubmissionKey.New())
    {
    }

    /// <summary>A filling-in resumed from a draft: the key it was started under.</summary>
    public FormSubmission(SubmissionKey key) => Key = key;

    /// <summary>Sent with every submission of this form to the service that creates or changes the record.</summary>
    public SubmissionKey Key { get; private set; }

    /// <summary>True while a submission runs: the form's <see cref="BusyButton"/> shows it and repeats are ignored.</summary>
    public bool IsBusy { get; private set; }

    /// <summary>
    /// Raised as a submission starts, before it reaches the service: <see cref="FormDraft{TModel}"/> marks its stored
    /// draft as sent under <see cref="Key"/>, so only a draft that may have been saved keeps the key when restored.
    /// </summary>
    public event Func<Task>? Starting;

    /// <summary>Runs <paramref name="submit"/> unless a submission of this form is already running (then does nothing).</summary>
    public async Task RunAsync(Func<Task> submit)
    {
        if (IsBusy)
        {
            return;
        }

        IsBusy = true;
        try
        {
            if (Starting is { } starting)
            {
                await starting();
            }

            await submit();
        }
        finally
        {
            IsBusy = false;
        }
    }

    /// <summary>
    /// The form's <c>OnSubmit</c>: ignored while a submission of this form runs, or when it repeats the last click
    /// (<see cref="IgnoreRepeatOfTheSave"/>); otherwise checks the form (as <c>OnValidSubmit</c> would) and runs
    /// <paramref name="submit"/> when it passes.
    /// </summary>
    /// <param name="form">The form's edit context.</param>
    /// <param name="submit">The save.</param>
    /// <param name="validate">False for a form whose rules are all the server's (it has no validator to ask).</param>
    public Task SubmitAsync(EditContext form, Func<Task> submit, bool validate = true)
    {
        if (IsBusy || IsRepeat(form))
        {
            return Task.CompletedTask;
        }

        _untouched = null;
        return !validate || form.Validate() ? RunAsync(submit) : Task.CompletedTask;
    }

    /// <summary>
    /// For a form that stays on its page once a save succeeded, emptied or re-read for the next one: a submission of
    /// <paramref name="next"/> with nothing typed into it, within <see cref="RepeatWindow"/> of the save, is the second
    /// click of a double-click (or a second Enter) that reached the server after the first had saved. It is ignored by
    /// <see cref="SubmitAsync"/>, instead of checking the empty form and showing "There is a problem" beside the
    /// confirmation, or recording the next step of an issue nobody asked for. A click after that, or once anything is
    /// typed, is a request of its own.
    /// </summary>
    public void IgnoreRepeatOfTheSave(EditContext next)
    {
        _untouched = next;
        _savedAt = Stopwatch.GetTimestamp();
        next.OnFieldChanged += (_, _) => _untouched = null;
    }

    /// <summary>A double-click's clicks come within half a second (the usual setting); the second may wait for the save.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromSeconds(1);

    private bool IsRepeat(EditContext form) => ReferenceEquals(form, _untouched) && Stopwatch.GetElapsedTime(_savedAt) < RepeatWindow;

    /// <summary>A new key, for a form that stays open to create another record after one was created.</summary>
    public void Renew() => Key = SubmissionKey.New();
}
