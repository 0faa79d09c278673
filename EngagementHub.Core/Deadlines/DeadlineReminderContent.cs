using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Deadlines;

/// <summary>The deadlines as the mailer reads them (<see cref="IDeadlineReminders"/>): the port's one implementation.</summary>
public sealed class DeadlineReminderContent(IWorkingDays calendar) : IDeadlineReminders
{
    /// <inheritdoc/>
    public async Task<RemindedDeadline?> OpenForStepAsync(EngagementHubDbContext db, int deadlineId, string step, CancellationToken ct = default)
    {
        var deadline = await db.Deadlines.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deadlineId, ct);
        if (deadline is not { IsOpen: true })
        {
            return null;
        }

        // The contact named now, at the organisation it was sent to (as the deadline's page shows them).
        var contactEmail = deadline.ToContactId is { } contactId
            ? await db.Contacts.AsNoTracking().Where(c => c.Id == contactId && c.OrganisationId == deadline.ToOrganisationId).Select(c => c.Email).FirstOrDefaultAsync(ct)
            : null;
        return new RemindedDeadline(deadline.Id, deadline.Subject, deadline.KindName, deadline.DueDate, deadline.OwnerUserId, deadline.SentByOrganisationId, deadline.ToOrganisationId,
            ReminderSchedule.IsForDueDate(step, deadline.DueDate, deadline.LoggedDueDate), contactEmail, deadline.DischargedBy == DutyStep.Acknowledgement,
            NamesAContact: deadline.ToContactId is not null);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RemindedDeadline>> ComingUpAsync(
        EngagementHubDbContext db, string userId, int organisationId, DateOnly today, int workingDays, int take, CancellationToken ct = default)
    {
        var horizon = (await calendar.GetAsync(ct)).AddWorkingDays(today, workingDays);
        return await db.Deadlines.AsNoTracking().Where(ResponseDeadline.Open)
            .Where(d => d.DueDate >= today && d.DueDate <= horizon)
            // The organisation's, not matched by owner: someone moved to another organisation no longer follows up those of
            // the one they left (an owner is always of the organisation that sent the deadline).
            .Where(d => d.ToOrganisationId == organisationId || d.SentByOrganisationId == organisationId)
            .OrderBy(d => d.DueDate).ThenBy(d => d.Id)
            .Select(d => new RemindedDeadline(d.Id, d.Subject, d.KindName, d.DueDate, d.OwnerUserId, d.SentByOrganisationId, d.ToOrganisationId, true))
            .Take(take)
            .ToListAsync(ct);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<int, RemindedDeadline>> ListedAsync(EngagementHubDbContext db, IReadOnlyCollection<int> ids, CancellationToken ct = default) =>
        ids.Count == 0
            ? new Dictionary<int, RemindedDeadline>()
            : await db.Deadlines.AsNoTracking().Where(d => ids.Contains(d.Id))
                .Select(d => new RemindedDeadline(d.Id, d.Subject, d.KindName, d.DueDate, d.OwnerUserId, d.SentByOrganisationId, d.ToOrganisationId, true))
                .ToDictionaryAsync(d => d.Id, ct);
}
