using System.Linq.Expressions;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;

namespace EngagementHub.Core.Notifications;

/// <summary>A message in a person's in-app notification centre.</summary>
[NotAudited]
public class Notification
{
    private Notification()
    {
        UserId = "";
        Title = "";
        Body = "";
        Event = "";
    }

    /// <summary>
    /// A notice for one person, unread. The title and body are composed by the app from a record's own text (a subject,
    /// a title), so they are cut to fit their columns rather than refused (<see cref="InputValidation.Shorten"/>): a title
    /// to 300 characters, a body to 4,000, each ending "…" when cut; the record's page holds the whole text.
    /// </summary>
    /// <param name="userId">The person it is for.</param>
    /// <param name="organisationId">The organisation the person is told as a member of: the one they are in when it is
    /// addressed. The notice is theirs only while they still are (<see cref="StillTheirs"/>).</param>
    /// <param name="title">What happened, with the subject; at most 300 characters are kept.</param>
    /// <param name="body">Who did it, what happened and what to do next; at most 4,000 characters are kept.</param>
    /// <param name="link">The page where the next step is taken; null for none.</param>
    /// <param name="createdAt">The moment of the step (UTC).</param>
    /// <param name="category">What it is about, which decides how the person hears of it (their preference).</param>
    /// <param name="event">A stable key of what happened, e.g. "exercise.option-proposed" (see <see cref="WorkflowEvents"/>).</param>
    /// <param name="needsAction">True when it is now this person's side's turn to act, false when it is for information.</param>
    public Notification(
        string userId, int organisationId, string title, string body, PageLink? link, DateTimeOffset createdAt,
        NotificationCategory category = NotificationCategory.Deadlines, string @event = WorkflowEvents.Reminder, bool needsAction = false)
    {
        UserId = userId;
        OrganisationId = organisationId;
        // One line each, whatever the words a notice quotes hold: an e-mail puts the title and the body on lines of their
        // own, so a line break carried in could start a line that poses as the app's (a forged "Open it:" link).
        Title = InputValidation.Shorten(UntrustedText.OneLine(title), 300);
        Body = InputValidation.Shorten(UntrustedText.OneLine(body), 4000);
        Link = link?.Stored;
        CreatedAt = createdAt;
        Category = category;
        Event = @event;
        NeedsAction = needsAction;
    }

    public long Id { get; private set; }
    public string UserId { get; private set; }

    /// <summary>
    /// The organisation its reader was in when it was addressed: it tells of that organisation's business. Moved to another
    /// organisation since, the reader is no longer shown, counted or e-mailed it (<see cref="StillTheirs"/>), nor sent it
    /// later; moved back, it is theirs again. Rows recorded before it was stored hold the reader's organisation when the
    /// column was added, the best guess there was.
    /// </summary>
    public int OrganisationId { get; private set; }
    public string Title { get; private set; }
    public string Body { get; private set; }
    /// <summary>The page it links to, as <see cref="PageLink.Stored"/> (rows from before links were stored by kind hold a path).</summary>
    public string? Link { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }
    public NotificationCategory Category { get; private set; }

    /// <summary>What happened, as a stable key ("deadline.logged", "timetable.proposed", "reminder", ...).</summary>
    public string Event { get; private set; }

    /// <summary>The person's side must act (agree, answer, acknowledge), rather than only know.</summary>
    public bool NeedsAction { get; private set; }

    /// <summary>
    /// The digest e-mail that carried it (a <see cref="ReminderDelivery"/> id), set once that e-mail was sent; null until
    /// then. A notification is carried by one digest at most, so a person who moves a category from the daily digest to
    /// the weekly one (or back) is not sent again what the other already carried (ADR 14).
    /// </summary>
    public long? CarriedByDigestId { get; private set; }

    public bool IsRead => ReadAt is not null;

    internal void MarkRead(DateTimeOffset at) => ReadAt ??= at;

    /// <summary>
    /// The notices still their reader's, for a query over <c>db.Notifications</c>: those addressed while the reader was in
    /// the organisation they are in now. A notice addressed under an organisation they have left since (an administrator
    /// moved them, <c>UserAdministration.UpdateAsync</c>) tells of that organisation's business, which their new one may
    /// not read (ADR 4): every place that lists, counts, carries in a digest or e-mails a notice takes this condition.
    /// </summary>
    /// <param name="db">The context the query runs on, whose accounts say where each reader is now.</param>
    /// <returns>A condition EF Core translates: an account with the notice's reader's id is in the notice's organisation.</returns>
    public static Expression<Func<Notification, bool>> StillTheirs(EngagementHubDbContext db) =>
        n => db.Users.Any(u => u.Id == n.UserId && u.OrganisationId == n.OrganisationId);

    /// <summary>
    /// The notices among <paramref name="notices"/> that ask their reader to act now ("Needs you" in the centre and in a
    /// digest): one that asked (<see cref="NeedsAction"/>) for a step its page still asks of the reader (ADR 10, ADR 14),
    /// and the newest of its kind about that record. A proposal replaced by a newer one, or "due in 1 working day"
    /// followed by "due today", is not a second thing to do, and its words are no longer the ones to act on.
    /// </summary>
    /// <param name="notices">The notices shown together (one reader's).</param>
    /// <param name="stillAsked">The pages the reader's "My work" still sends them to (<c>IOutstandingWork.StillAskedAsync</c>).</param>
    /// <returns>The ids of the notices that ask now. A calculation: it refuses nothing.</returns>
    public static IReadOnlySet<long> AskingNow(IEnumerable<Notification> notices, IReadOnlySet<string> stillAsked) =>
        notices.Where(n => n.NeedsAction && n.Link is { } link && stillAsked.Contains(link))
            .GroupBy(n => (n.Link, n.Event))
            .Select(g => g.Max(n => n.Id))
            .ToHashSet();
}
