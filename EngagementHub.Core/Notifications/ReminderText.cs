using EngagementHub.Core.Common;

namespace EngagementHub.Core.Notifications;

/// <summary>
/// Why a deadline reminder goes to someone other than the person it is for: reminders go "to the people on both sides,
/// until it is answered" (DOMAIN.md), so when the person a side is reminded through cannot be, its editors and
/// administrators are reminded in their place, each told why (ADR 6).
/// </summary>
public enum ReminderStandIn
{
    /// <summary>Not a stand-in: the LINk's owner, or the answering organisation's named contact.</summary>
    None,

    /// <summary>A LINk editor or administrator, for an owner who can no longer be reminded (their account disabled, or
    /// moved to another organisation).</summary>
    ForOwner,

    /// <summary>An editor or administrator of the answering organisation: the deadline names no contact there.</summary>
    NoNamedContact,

    /// <summary>An editor or administrator of the answering organisation: its named contact cannot be reached (no usable
    /// e-mail address, their account disabled, or in another organisation).</summary>
    ForUnreachableContact,
}

/// <summary>What a reminder says, worked out from its step key, so the in-app notice and the e-mail say the same thing.</summary>
public static class ReminderText
{
    /// <param name="step">A planner step key, or a delivery's recorded step: after an agreed extension that carries the new
    /// due date ("before-5@2026-12-01"), which says nothing about what the reminder is and is left out here.</param>
    /// <param name="subject">The deadline's subject, as typed; quoted on one line, control characters removed and its direction isolated.</param>
    /// <param name="kindName">The kind's name as logged, e.g. "Request for information".</param>
    /// <param name="dueDate">The due date (UK calendar date) the reminder speaks of.</param>
    /// <param name="forOwner">For the LINk person following it up; otherwise for the organisation that must answer.</param>
    /// <param name="acknowledgementMeetsIt">The deadline's duty is met by the acknowledgement (a scrutiny referral, or a kind
    /// an administrator set so: ADR 12), so the reminder asks for the acknowledgement, not an answer.</param>
    /// <param name="standIn">For someone reminded in another's place, and why: a LINk editor in place of the person following
    /// it up (<see cref="ReminderStandIn.ForOwner"/>, with <paramref name="forOwner"/>; it suggests handing the deadline
    /// over on its page, ADR 12), or an editor of the answering organisation in place of its named contact (without
    /// <paramref name="forOwner"/>).</param>
    /// <returns>The title and plain-text body, the same in the app and in the e-mail.</returns>
    public static (string Title, string Body) Compose(
        string step, string subject, string kindName, DateOnly dueDate, bool forOwner, bool acknowledgementMeetsIt, ReminderStandIn standIn = ReminderStandIn.None)
    {
        step = step.Split('@', 2)[0];
        // Whatever the subject holds, the reminder reads in order and carries no control characters into mail or the page.
        subject = UntrustedText.Isolate(subject);
        // An administrator names a custom kind: quoted the same way.
        kindName = UntrustedText.Isolate(kindName);
        var due = UkTime.FormatDate(dueDate);
        var title = step switch
        {
            "due" => $"Due today: {subject}",
            "overdue-1" => $"Overdue: {subject}",
            "escalation" => $"Consider referral to scrutiny: {subject}",
            _ when step.StartsWith("before-", StringComparison.Ordinal) => $"Due in {step["before-".Length..]} working day{(step == "before-1" ? "" : "s")}: {subject}",
            _ when step.StartsWith("overdue-week-", StringComparison.Ordinal) => $"Still overdue: {subject}",
            _ => $"Reminder: {subject}",
        };
        var (taken, take) = acknowledgementMeetsIt ? ("acknowledged", "acknowledgement") : ("answered", "answer");
        // The answering organisation's editors reminded in its named contact's place are told why first: what they can do
        // about it (name a contact who can be reached) comes before the request itself.
        var inPlaceOfContact = forOwner ? "" : standIn switch
        {
            ReminderStandIn.NoNamedContact => "It names no contact at your organisation, so your organisation's editors are reminded. ",
            ReminderStandIn.ForUnreachableContact =>
                "Its named contact cannot be reached (no usable e-mail address, or no longer able to use EngagementHub), so your organisation's editors are reminded in their place. ",
            _ => "",
        };
        var body = step == "escalation"
            ? $"The {kindName.ToLowerInvariant()} \"{subject}\" was due on {due} and is still un{taken}. "
              + "The LINk may refer the matter to the Overview and Scrutiny Committee."
            : forOwner && standIn == ReminderStandIn.ForOwner
                ? $"The person following up the {kindName.ToLowerInvariant()} \"{subject}\", due on {due}, can no longer be reminded, so the LINk's editors are. No {take} has been recorded yet. "
                  + "Hand it over on its page to one of you to follow up, who is reminded from then on."
            : forOwner
                ? $"You are following up the {kindName.ToLowerInvariant()} \"{subject}\", due on {due}. No {take} has been recorded yet."
                : acknowledgementMeetsIt
                    ? $"An acknowledgement of the LINk's {kindName.ToLowerInvariant()} \"{subject}\" is due on {due}. {inPlaceOfContact}Please record it in EngagementHub, or agree an extension with the LINk."
                    : $"A response to the LINk's {kindName.ToLowerInvariant()} \"{subject}\" is due on {due}. {inPlaceOfContact}Please record your answer in EngagementHub, or agree an extension with the LINk.";
        return (title, body);
    }

    /// <summary>
    /// The step a reminder planned on <paramref name="plannedOn"/> is worded as when it is sent on <paramref name="today"/>.
    /// Sent the day it was planned, its own step. Sent later (resent after it failed, or held while the app was down), a
    /// step that counts towards the due date no longer holds: on the due date it is worded "due today", after it
    /// "overdue", and before it as a plain reminder, the body giving the due date. Steps after the due date still hold.
    /// </summary>
    /// <param name="step">The delivery's recorded step.</param>
    /// <param name="dueDate">The due date it speaks of (UK date).</param>
    /// <param name="plannedOn">The UK date it was recorded.</param>
    /// <param name="today">The UK date it is sent.</param>
    /// <returns>A step for <see cref="Compose"/>.</returns>
    public static string StepAsOf(string step, DateOnly dueDate, DateOnly plannedOn, DateOnly today)
    {
        var key = step.Split('@', 2)[0];
        if (today == plannedOn || !(key == "due" || key.StartsWith("before-", StringComparison.Ordinal)))
        {
            return step;
        }

        return today > dueDate ? "overdue-1" : today == dueDate ? "due" : "reminder";
    }

    /// <summary>
    /// What an e-mail in the delivery log is, in words, from its recorded step: for the administrators' list of failed
    /// e-mails, which otherwise showed the step's key ("before-5@2026-12-01", "digest-daily").
    /// </summary>
    /// <param name="step">A delivery's recorded step: a reminder's planner key, with the due date it spoke of after that
    /// date moved (<c>ReminderSchedule.KeyFor</c>); <see cref="ReminderDelivery.NotificationStep"/>; or a digest's.</param>
    /// <returns>
    /// e.g. "Reminder 5 working days before the due date", "Reminder on the due date", "Reminder: still overdue (week 2)",
    /// "Notification", "Daily digest"; a reminder keyed with the due date it spoke of, after the date moved, adds that
    /// date ("Reminder on the due date (due Tue 1 Dec 2026)"). A step it does not know is "Reminder". A calculation: it
    /// refuses nothing.
    /// </returns>
    public static string StepLabel(string step)
    {
        var parts = step.Split('@', 2);
        var key = parts[0];
        var label = key switch
        {
            ReminderDelivery.NotificationStep => "Notification",
            _ when key == DigestSchedule.StepFor(DigestKind.Daily) => "Daily digest",
            _ when key == DigestSchedule.StepFor(DigestKind.Weekly) => "Weekly digest",
            "due" => "Reminder on the due date",
            "overdue-1" => "Reminder: overdue",
            "escalation" => "Reminder: consider referral to scrutiny",
            _ when key.StartsWith("before-", StringComparison.Ordinal) && int.TryParse(key["before-".Length..], out var days) =>
                $"Reminder {days} working day{(days == 1 ? "" : "s")} before the due date",
            _ when key.StartsWith("overdue-week-", StringComparison.Ordinal) && int.TryParse(key["overdue-week-".Length..], out var week) =>
                $"Reminder: still overdue (week {week})",
            _ => "Reminder",
        };
        return parts.Length == 2 && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", out var due)
            ? $"{label} (due {UkTime.FormatDate(due)})"
            : label;
    }
}
