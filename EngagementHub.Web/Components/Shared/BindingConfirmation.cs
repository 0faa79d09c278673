using MudBlazor;

namespace EngagementHub.Web.Components.Shared;

/// <summary>
/// The question asked before a step that commits an organisation (agreeing a timetable, a way of working together, a
/// new due date): issue 13 asks that agreeing anything that binds an organisation asks first and says what it means.
/// One wording pattern for all of them: a question as the title, then what the organisation commits to and what happens
/// next, and a yes-button that names the act ("Agree for NHS South Birmingham"), never a bare "OK".
/// </summary>
public static class BindingConfirmation
{
    /// <summary>Shows the question in a message box.</summary>
    /// <param name="dialogs">The page's dialog service.</param>
    /// <param name="title">The question, e.g. "Agree option 2 for Birmingham LINk?".</param>
    /// <param name="whatItMeans">In plain words: what agreeing commits the organisation to and what happens next.</param>
    /// <param name="yes">The confirming button's text, naming the act.</param>
    /// <param name="no">The cancelling button's text.</param>
    /// <returns>True only when the person chose <paramref name="yes"/>; false when they cancelled or closed the box.</returns>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string whatItMeans, string yes, string no = "Cancel") =>
        await dialogs.ShowMessageBoxAsync(title, whatItMeans, yesText: yes, cancelText: no) == true;
}
