using MudBlazor;

namespace EngagementHub.Web.Components.Shared;

/// <summary>
/// The options every dialog opens with, in one place: closed by Escape and by its close button, never by a stray click
/// on the page behind (which would lose what was typed), as wide as its width allows. On a phone (below 600 px) every
/// dialog fills the screen: <c>app.css</c> does that, as MudBlazor's options cannot depend on the screen. A form's
/// Escape and close button press its Cancel instead of closing it at once (<c>forms.js</c>, "form-dialog"), which asks
/// before losing what was typed, and leave a field's own pop-up (a calendar, a list) to close alone.
/// </summary>
public static class DialogDefaults
{
    /// <summary>Forms in dialogs (<see cref="FormDialog"/>): wide enough for labels and a short paragraph.</summary>
    public static DialogOptions Form { get; } = Options(MaxWidth.Small);

    /// <summary>Forms with rows side by side or a guide inside (proposing a way of working).</summary>
    public static DialogOptions WideForm { get; } = Options(MaxWidth.Medium);

    /// <summary>
    /// A question before a step (<see cref="Confirmation"/>): narrow, closed by Escape or by its cancelling button (no
    /// close button beside the title: the two buttons say what each choice does).
    /// </summary>
    public static DialogOptions Confirmation { get; } = Options(MaxWidth.ExtraSmall) with { CloseButton = false, CloseOnEscapeKey = true };

    private static DialogOptions Options(MaxWidth width) => new()
    {
        MaxWidth = width,
        FullWidth = true,
        CloseButton = true,
        // Escape reaches the form's Cancel through forms.js: MudBlazor's own would close it at once, also when Escape
        // was meant for a field's calendar or list, and lose everything typed.
        CloseOnEscapeKey = false,
        BackdropClick = false,
    };
}
