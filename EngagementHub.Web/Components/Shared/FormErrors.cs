using EngagementHub.Core.Common;
using Microsoft.AspNetCore.Components.Forms;

namespace EngagementHub.Web.Components.Shared;

/// <summary>
/// Puts the server's field messages into a form's validation state, so they show next to their fields like the
/// browser-side ones, and clears each one when the person edits that field.
/// </summary>
public sealed class FormErrors
{
    private readonly EditContext _context;
    private readonly ValidationMessageStore _store;

    public FormErrors(EditContext context)
    {
        _context = context;
        _store = new ValidationMessageStore(context);
        context.OnValidationRequested += (_, _) => _store.Clear();
        context.OnFieldChanged += (_, e) => _store.Clear(e.FieldIdentifier);
    }

    /// <summary>True while the form shows a refusal of the whole form (<see cref="ShowProblem"/>): the person was told to
    /// copy what they need and close it, so closing it is not asked about again.</summary>
    public bool Refused => General.Contains(KeptWhenRefused);

    /// <summary>Messages that belong to no single field.</summary>
    public IReadOnlyList<string> General { get; private set; } = [];

    /// <summary>The first message for a field, for inputs that cannot bind <c>For</c> to it (date pickers, multi-selects).</summary>
    public string? For(string field) => _context.GetValidationMessages(_context.Field(field)).FirstOrDefault();

    /// <summary>Raised after <see cref="Show"/>: the form's <see cref="ErrorSummary"/> lists the messages and takes focus.</summary>
    public event Action? Shown;

    /// <summary>
    /// What a form says when its save was refused as a whole (someone else saved first, or the record moved on), with
    /// everything typed kept: the refusal, then that closing the form shows the record as it is now.
    /// </summary>
    public const string KeptWhenRefused =
        "What you typed is still here: copy what you need, then close this form to see the record as it is now.";

    /// <summary>Shows a refusal of the whole form (<see cref="Outcome.Problem"/>) in its error summary, with <see cref="KeptWhenRefused"/>.</summary>
    public void ShowProblem(string problem)
    {
        _store.Clear();
        General = [problem, KeptWhenRefused];
        _context.NotifyValidationStateChanged();
        Shown?.Invoke();
    }

    /// <summary>Shows the server's messages: each next to its field, and all of them in the form's error summary.</summary>
    public void Show(Outcome outcome)
    {
        _store.Clear();
        foreach (var error in outcome.Errors.Where(e => e.Field != ""))
        {
            _store.Add(_context.Field(error.Field), error.Message);
        }

        General = outcome.Errors.Where(e => e.Field == "").Select(e => e.Message).ToList();
        _context.NotifyValidationStateChanged();
        Shown?.Invoke();
    }
}
