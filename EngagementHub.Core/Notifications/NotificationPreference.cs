using EngagementHub.Core.Common;

namespace EngagementHub.Core.Notifications;

/// <summary>
/// One person's choice of how they hear of one category. No row means the default (<see cref="DefaultFor"/>), so people
/// who never open the preferences page still get what needs them at once.
/// </summary>
[NotAudited]
public class NotificationPreference
{
    private NotificationPreference()
    {
        UserId = "";
    }

    public NotificationPreference(string userId, NotificationCategory category, DeliveryPreference delivery, DateTimeOffset at)
    {
        UserId = userId;
        Category = category;
        Delivery = delivery;
        UpdatedAt = at;
    }

    public string UserId { get; private set; }
    public NotificationCategory Category { get; private set; }
    public DeliveryPreference Delivery { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>
    /// When the person last moved this category from "in the app only" to a way of being e-mailed (UTC); null when it has
    /// not been "in the app only" since they first chose. A digest leaves out the category's notices from up to this
    /// instant: the person chose not to be e-mailed of them when they came, and taking a digest again later is not asking
    /// for them all at once (ADR 14).
    /// </summary>
    public DateTimeOffset? EmailedSince { get; private set; }

    /// <summary>
    /// Immediately, for every category: each is a step where the other side must act or should know, and statutory
    /// reminders to the named contact stay immediate unless that person chooses otherwise (issue 12).
    /// </summary>
    public static DeliveryPreference DefaultFor(NotificationCategory category) => DeliveryPreference.Immediately;

    internal void Change(DeliveryPreference delivery, DateTimeOffset at)
    {
        if (Delivery == DeliveryPreference.InAppOnly && delivery != DeliveryPreference.InAppOnly)
        {
            EmailedSince = at;
        }

        Delivery = delivery;
        UpdatedAt = at;
    }
}
