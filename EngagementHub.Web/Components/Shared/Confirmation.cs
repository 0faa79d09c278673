using MudBlazor;

namespace EngagementHub.Web.Components.Shared;

/// <summary>
/// The one way to ask before a step: one that commits an organisation (agreeing a timetable, a way of working together,
/// a new due date: issue 13 asks that agreeing anything that binds an organisation asks first and says what it means),
/// or one that cannot simply be taken back (withdrawing, deactivating, revoking, removing). One wording pattern for all
/// of them: a question or the act as the title, then in plain words what it commits to or what stops, and a yes-button
/// that names the act ("Agree for NHS South Birmingham", "Deactivate"), never a bare "OK"; the other button keeps things
/// as they are ("Cancel", "Keep it"), and keyboard focus starts on it (<see cref="ConfirmationDialog"/>).
/// </summary>
public static class Confirmation
{
    /// <summary>Shows the question in a message box.</summary>
    /// <param name="dialogs">The page's dialog service.</param>
    /// <param name="title">The question, e.g. "Agree option 2 for Birmingham LINk?".</param>
    /// <param name="whatItMeans">In plain words: what the step commits the organisation to, or what stops, and what happens next.</param>
    /// <param name="yes">The confirming button's text, naming the act.</param>
    /// <param name="no">The cancelling button's text, which keeps things as they are.</param>
    /// <returns>True only when the person chose <paramref name="yes"/>; false when they cancelled or closed the box.</returns>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string whatItMeans, string yes, string no = "Cancel")
    {
        var parameters = new DialogParameters<ConfirmationDialog>
        {
            { d => d.WhatItMeans, whatItMeans },
            { d => d.Yes, yes },
            { d => d.No, no },
        };
        var dialog = await dialogs.ShowAsync<ConfirmationDialog>(title, parameters, DialogDefaults.Confirmation);
        return await dialog.Result is { Canceled: false, Data: true };
    }

    /// <summary>
    /// Asks before a form dialog is closed with what was typed in it unsaved (its Cancel, its close button or Escape): the
    /// person keeps editing unless they choose to discard it, and focus starts on keeping it.
    /// </summary>
    /// <param name="dialogs">The page's dialog service.</param>
    /// <returns>True only when the person chose to discard what they typed; false when they kept editing or closed the box.</returns>
    public static Task<bool> ConfirmDiscardAsync(this IDialogService dialogs) => dialogs.ConfirmAsync("Discard what you typed?",
        "What you typed in this form has not been saved. Closing the form now loses it.", "Discard it", "Keep editing");
}
