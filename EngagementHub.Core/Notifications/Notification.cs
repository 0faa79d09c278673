namespace EngagementHub.Core.Notifications;

/// <summary>A message in a person's in-app notification centre.</summary>
public class Notification
{
    private Notification()
    {
        UserId = "";
        Title = "";
        Body = "";
    }

    public Notification(string userId, string title, string body, string? link, DateTimeOffset createdAt)
    {
        UserId = userId;
        Title = title;
        Body = body;
        Link = link;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public string UserId { get; private set; }
    public string Title { get; private set; }
    public string Body { get; private set; }
    public string? Link { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    internal void MarkRead(DateTimeOffset at) => ReadAt ??= at;
}
