using EngagementHub.Core.Common;

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
    /// <param name="title">What happened, with the subject; at most 300 characters are kept.</param>
    /// <param name="body">Who did it, what happened and what to do next; at most 4,000 characters are kept.</param>
    /// <param name="link">The page where the next step is taken; null for none.</param>
    /// <param name="createdAt">The moment of the step (UTC).</param>
    /// <param name="category">What it is about, which decides how the person hears of it (their preference).</param>
    /// <param name="event">A stable key of what happened, e.g. "exercise.option-proposed" (see <see cref="WorkflowEvents"/>).</param>
    /// <param name="needsAction">True when it is now this person's side's turn to act, false when it is for information.</param>
    public Notification(
        string userId, string title, string body, PageLink? link, DateTimeOffset createdAt,
        NotificationCategory category = NotificationCategory.Deadlines, string @event = WorkflowEvents.Reminder, bool needsAction = false)
    {
        UserId = userId;
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
}
