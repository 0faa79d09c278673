using EngagementHub.Core.Data;

namespace EngagementHub.Core.Notifications;

/// <summary>A deadline as a reminder e-mail or a digest speaks of it.</summary>
/// <param name="Id">The deadline's id, for the link to its page.</param>
/// <param name="Subject">What was asked or sent, as logged.</param>
/// <param name="KindName">The name of its kind (request for information, report, referral...).</param>
/// <param name="DueDate">Its due date, a UK calendar date.</param>
/// <param name="OwnerUserId">The person who logged it: a reminder to this id is worded for the owner.</param>
/// <param name="SentByOrganisationId">The LINk that sent it: its owner is reminded while in it.</param>
/// <param name="ToOrganisationId">The organisation that owes the answer: its named contact is reminded while their account, if
/// they have one, is in it.</param>
/// <param name="StepIsForDueDate">
/// The reminder step asked about was planned for the due date the deadline has now; false once the date has moved (an
/// extension, a recount), when its wording ("due today", "overdue") would be wrong.
/// </param>
/// <param name="ContactEmail">The address of the named contact the deadline has now, as the contact record holds it; null
/// for none, or where it is not read (a digest's "coming up"). A reminder recorded for another address (the contact was
/// changed since the sweep) is not sent.</param>
/// <param name="AcknowledgementMeetsIt">Its duty is met by the acknowledgement (ADR 12): the reminder asks for that.</param>
/// <param name="NamesAContact">It names a contact at the organisation that owes the answer (with an address or not); false
/// for none, or where it is not read (a digest's "coming up"). The editors reminded in place of a contact who cannot be
/// are told which it is.</param>
public sealed record RemindedDeadline(
    int Id, string Subject, string KindName, DateOnly DueDate, string OwnerUserId, int SentByOrganisationId, int ToOrganisationId, bool StepIsForDueDate = true,
    string? ContactEmail = null, bool AcknowledgementMeetsIt = false, bool NamesAContact = false);

/// <summary>
/// What the mailer reads of response deadlines, declared here and implemented by the Deadlines folder
/// (<c>Deadlines.DeadlineReminderContent</c>), so that the notification machinery does not depend on the feature whose
/// reminders it sends (docs/conventions.md, "Layering").
/// </summary>
public interface IDeadlineReminders
{
    /// <summary>The deadline a reminder delivery is about, read in the mailer's own context.</summary>
    /// <returns>The deadline, with whether <paramref name="step"/> (a delivery key) still fits its due date; null when
    /// it is no longer open (answered, withdrawn) or does not exist.</returns>
    Task<RemindedDeadline?> OpenForStepAsync(EngagementHubDbContext db, int deadlineId, string step, CancellationToken ct = default);

    /// <summary>A digest's "coming up": the open deadlines that concern a person.</summary>
    /// <returns>Those the person owns, or that were sent to or by their organisation, due from <paramref name="today"/>
    /// to <paramref name="workingDays"/> working days after it (the bank-holiday calendar as it stands), soonest first,
    /// at most <paramref name="take"/>.</returns>
    Task<IReadOnlyList<RemindedDeadline>> ComingUpAsync(
        EngagementHubDbContext db, string userId, int organisationId, DateOnly today, int workingDays, int take, CancellationToken ct = default);

    /// <summary>The deadlines the administrators' failed e-mails list names, with whom each belongs to.</summary>
    /// <returns>Each deadline among <paramref name="ids"/> that exists, by id: its subject, its owner and the two
    /// organisations it is between (<see cref="RemindedDeadline.StepIsForDueDate"/> and the contact are not read).</returns>
    Task<IReadOnlyDictionary<int, RemindedDeadline>> ListedAsync(EngagementHubDbContext db, IReadOnlyCollection<int> ids, CancellationToken ct = default);
}
