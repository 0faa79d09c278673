using System.Linq.Expressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace EngagementHub.Web.Components.Shared;

/// <summary>
/// What the typed fields share (<see cref="UkDateField"/>, <see cref="UkTimeField"/>): text read by the app's own parser
/// (<c>UkDate</c>, <c>ClockTime</c>), the reason text is refused said next to the field, and the text kept as typed
/// until it is corrected, so nothing typed is lost or silently dropped. Inside an EditForm with <see cref="For"/>,
/// unreadable text is a validation message on the model's property, so the form cannot be submitted while it stands;
/// the field shows the form's messages for that property and carries the id the error summary links to.
/// </summary>
/// <typeparam name="TValue">The value the text stands for.</typeparam>
public abstract class ParsedTextField<TValue> : ComponentBase, IDisposable
    where TValue : struct
{
    private ValidationMessageStore? _store;
    private EditContext? _storeContext;
    private FieldIdentifier? _field;
    private readonly string _ownId;

    protected ParsedTextField(string idPrefix) => _ownId = idPrefix + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The value, or null while the field is empty or holds text that cannot be read.</summary>
    [Parameter]
    public TValue? Value { get; set; }

    [Parameter]
    public EventCallback<TValue?> ValueChanged { get; set; }

    /// <summary>
    /// The model property, inside an EditForm: the field then tells the form it changed, and unreadable text is a
    /// validation message on that property.
    /// </summary>
    [Parameter]
    public Expression<Func<TValue?>>? For { get; set; }

    [CascadingParameter]
    private EditContext? EditContext { get; set; }

    [Parameter]
    public string? Label { get; set; }

    /// <summary>What the value means for this form (e.g. "day 1 of the count"); the field adds how to type it.</summary>
    [Parameter]
    public string? HelperText { get; set; }

    /// <summary>
    /// The input's id; by default <see cref="ErrorSummary.FieldAnchor"/> of the <see cref="For"/> property, so the error
    /// summary's link moves focus here, or a new one for a field without a model property.
    /// </summary>
    [Parameter]
    public string? InputId { get; set; }

    /// <summary>
    /// Marks the label as needed (MudBlazor's asterisk) and tells assistive technology so; the form's own rule says so
    /// in words.
    /// </summary>
    [Parameter]
    public bool Required { get; set; }

    [Parameter]
    public bool Disabled { get; set; }

    [Parameter]
    public string? Class { get; set; }

    /// <summary>
    /// A message of the form's own for a field without <see cref="For"/> (e.g. "cannot be in the future"). With
    /// <see cref="For"/> the field shows the form's messages for its property without being given them.
    /// </summary>
    [Parameter]
    public string? ErrorText { get; set; }

    /// <summary>Why the typed text cannot be read, else the form's message; null when there is nothing to say.</summary>
    public string? Message => ParseError ?? ErrorText ?? FieldMessage;

    /// <summary>The text in the field, as typed or as <see cref="Format"/> wrote a value set by the form.</summary>
    protected string Text { get; private set; } = "";

    /// <summary>Why <see cref="Text"/> cannot be read; null when it can, or is empty.</summary>
    protected string? ParseError { get; private set; }

    /// <summary>The value the field last reported or was given.</summary>
    protected TValue? Shown { get; private set; }

    protected string FieldInputId => InputId ?? (_field is { } identifier ? ErrorSummary.FieldAnchor(identifier.FieldName) : _ownId);

    protected string ErrorId => FieldInputId + "-error";

    /// <summary>How to type a value, after <see cref="HelperText"/>.</summary>
    protected abstract string HowToType { get; }

    protected string Hint => HelperText is null ? HowToType : $"{HelperText} {HowToType}";

    /// <summary>The id of a further line describing the input (e.g. the date understood), or null.</summary>
    protected virtual string? DescribedByAlso => null;

    protected Dictionary<string, object?> InputAttributes => new()
    {
        // The hint, or the message that MudBlazor's helper line shows in its place, and any further line.
        ["aria-describedby"] = string.Join(' ', new[] { Message is null ? FieldInputId + "-helper-text" : ErrorId, DescribedByAlso }.Where(id => id is not null)),
        ["aria-invalid"] = Message is null ? "false" : "true",
        // Not MudBlazor's Required, whose own check would say "Required" in place of the form's message.
        ["aria-required"] = Required ? "true" : "false",
        ["autocomplete"] = "off",
    };

    /// <summary>The first validation message for the <see cref="For"/> property: the model's rules and the server's.</summary>
    private string? FieldMessage => _field is { } identifier && _storeContext is { } context
        ? context.GetValidationMessages(identifier).FirstOrDefault()
        : null;

    /// <summary>Reads <paramref name="text"/> (not empty); false with why not.</summary>
    protected abstract bool TryParse(string text, out TValue value, out string? error);

    /// <summary>Writes a value the form set into the field, in a form <see cref="TryParse"/> reads back unchanged.</summary>
    protected abstract string Format(TValue value);

    protected override void OnParametersSet()
    {
        // A form that binds a new model gives a new EditContext (and a new model behind For): follow both.
        if (For is not null && EditContext is not null && (_store is null || !ReferenceEquals(_storeContext, EditContext)))
        {
            if (_storeContext is not null)
            {
                _storeContext.OnValidationStateChanged -= ValidationStateChanged;
            }

            _store = new ValidationMessageStore(EditContext);
            _storeContext = EditContext;
            // A submission, or the server's messages, change what this field says without its parent re-rendering it.
            _storeContext.OnValidationStateChanged += ValidationStateChanged;
        }

        _field = For is not null && EditContext is not null ? FieldIdentifier.Create(For) : null;

        // A value set by the form (today's date, a saved record, a restored draft) replaces the text; the echo of what
        // this field reported does not, so "1/10/08" stays as typed.
        if (!Nullable.Equals(Value, Shown))
        {
            Shown = Value;
            Text = Value is { } value ? Format(value) : "";
            if (ParseError is not null)
            {
                SetParseError(null);
            }
        }
    }

    protected async Task TextChangedAsync(string? text)
    {
        Text = text ?? "";
        TValue? value = null;
        string? error = null;
        if (Text.Trim().Length > 0)
        {
            value = TryParse(Text, out var parsed, out error) ? parsed : null;
        }

        await ReportAsync(value, error);
    }

    /// <summary>A value chosen another way (a calendar): written into the field as <see cref="Format"/> writes it.</summary>
    protected async Task ChosenAsync(TValue? value)
    {
        Text = value is { } v ? Format(v) : "";
        await ReportAsync(value, null);
    }

    private async Task ReportAsync(TValue? value, string? error)
    {
        Shown = value;
        ParseError = error;
        await ValueChanged.InvokeAsync(value);
        if (EditContext is not null && _field is { } field)
        {
            EditContext.NotifyFieldChanged(field);
        }

        SetParseError(error);
    }

    private void SetParseError(string? error)
    {
        ParseError = error;
        if (_store is null || _field is not { } field || _storeContext is null)
        {
            return;
        }

        _store.Clear();
        if (error is not null)
        {
            _store.Add(field, error);
            // The field shows why the text cannot be read, not the model's "enter the date": the summary lists the same.
            _storeContext.Properties[ErrorSummary.ShownMessageKey(field)] = error;
        }
        else
        {
            _storeContext.Properties.Remove(ErrorSummary.ShownMessageKey(field));
        }

        _storeContext.NotifyValidationStateChanged();
    }

    private void ValidationStateChanged(object? sender, ValidationStateChangedEventArgs e) => StateHasChanged();

    public void Dispose()
    {
        if (_store is not null && _storeContext is not null)
        {
            _storeContext.OnValidationStateChanged -= ValidationStateChanged;
            _store.Clear();
            _storeContext.NotifyValidationStateChanged();
        }

        GC.SuppressFinalize(this);
    }
}
