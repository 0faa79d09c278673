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
        if (delivery == DeliveryPreference.InAppOnly)
        {
            InAppOnlySince = at;
        }
    }

    public string UserId { get; private set; }
    public NotificationCategory Category { get; private set; }
    public DeliveryPreference Delivery { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>
    /// When the person's latest spell of "in the app only" for this category began (UTC); null when they have not chosen
    /// it since this was recorded. With <see cref="EmailedSince"/>, the spell a digest leaves out (ADR 14).
    /// </summary>
    public DateTimeOffset? InAppOnlySince { get; private set; }

    /// <summary>
    /// When the person last moved this category from "in the app only" to a way of being e-mailed (UTC), ending the spell
    /// that began at <see cref="InAppOnlySince"/>; null when it has not been "in the app only" since they first chose. A
    /// digest leaves out the category's notices that came in that spell: the person chose not to be e-mailed of them when
    /// they came, and taking a digest again later is not asking for them all at once. Notices before the spell are
    /// carried as ever. Only the latest spell is kept (ADR 14).
    /// </summary>
    public DateTimeOffset? EmailedSince { get; private set; }

    /// <summary>
    /// Immediately, for every category: each is a step where the other side must act or should know, and statutory
    /// reminders to the named contact stay immediate unless that person chooses otherwise (issue 12).
    /// </summary>
    public static DeliveryPreference DefaultFor(NotificationCategory category) => DeliveryPreference.Immediately;

    internal void Change(DeliveryPreference delivery, DateTimeOffset at)
    {
        if (Delivery != DeliveryPreference.InAppOnly && delivery == DeliveryPreference.InAppOnly)
        {
            InAppOnlySince = at;
        }
        else if (Delivery == DeliveryPreference.InAppOnly && delivery != DeliveryPreference.InAppOnly)
        {
            // A choice made before spells were recorded: it was "in the app only" since it was last changed.
            InAppOnlySince ??= UpdatedAt;
            EmailedSince = at;
        }

        Delivery = delivery;
        UpdatedAt = at;
    }
}
