using MudBlazor;

namespace EngagementHub.Web.Components.Shared;

public static class DialogDefaults
{
    /// <summary>Forms in dialogs: wide enough for labels, full screen on a phone, closed by Escape, never by a stray click.</summary>
    public static DialogOptions Form { get; } = new()
    {
        MaxWidth = MaxWidth.Small,
        FullWidth = true,
        CloseButton = true,
        CloseOnEscapeKey = true,
        BackdropClick = false,
    };
}
