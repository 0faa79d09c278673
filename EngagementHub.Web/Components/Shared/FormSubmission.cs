using EngagementHub.Core.Common;

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
            await submit();
        }
        finally
        {
            IsBusy = false;
        }
    }

    /// <summary>A new key, for a form that stays open to create another record after one was created.</summary>
    public void Renew() => Key = SubmissionKey.New();
}
