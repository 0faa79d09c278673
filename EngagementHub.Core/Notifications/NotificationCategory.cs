namespace EngagementHub.Core.Notifications;

/// <summary>What a notification is about; each person chooses per category how they hear of it.</summary>
public enum NotificationCategory
{
    /// <summary>Response deadlines: logged, acknowledged, answered, withdrawn, escalated, and their reminders.</summary>
    Deadlines,
    /// <summary>Agreement between the two sides: joint-working options and deadline extensions.</summary>
    Agreement,
    /// <summary>The shared annual timetable: proposed, agreed, changed since agreement.</summary>
    Timetable,
    /// <summary>Engagement exercises: created with an organisation as lead or partner, changed after agreement, cancelled.</summary>
    Exercises,
    /// <summary>The LINk's work programme: issues raised with the LINk, handed to an organisation, decided and closed, and the feedback owed.</summary>
    WorkProgramme,
    /// <summary>Joint success-criteria reviews: rounds opened, ratings submitted, the meeting, agreed ratings, actions and publication.</summary>
    Reviews,
}

/// <summary>How a person hears of a category of notification. Every notification is in the app whatever the choice.</summary>
public enum DeliveryPreference
{
    /// <summary>An e-mail as soon as it happens.</summary>
    Immediately,
    DailyDigest,
    WeeklyDigest,
    /// <summary>No e-mail: only the notification centre.</summary>
    InAppOnly,
}

/// <summary>The notifications' enums as people say them (pattern: docs/conventions.md, "Labels for enums").</summary>
public static class NotificationTerms
{
    public static string Label(this NotificationCategory category) => category switch
    {
        NotificationCategory.Deadlines => "Deadlines and reminders",
        NotificationCategory.Agreement => "Agreement of options and extensions",
        NotificationCategory.Timetable => "The annual timetable",
        NotificationCategory.Exercises => "Engagement exercises",
        NotificationCategory.WorkProgramme => "The LINk's work programme",
        NotificationCategory.Reviews => "Joint reviews of success criteria",
        _ => category.ToString(),
    };

    /// <returns>What a category covers, in a sentence: shown beside its choice on the preferences page.</returns>
    public static string Description(this NotificationCategory category) => category switch
    {
        NotificationCategory.Deadlines => "Requests, reports and referrals sent to or by your organisation, their answers, and the statutory reminders.",
        NotificationCategory.Agreement => "Joint-working options and deadline extensions proposed to your side, agreed, or sent back with changes.",
        NotificationCategory.Timetable => "The annual timetable proposed to your organisation, agreed, or changed since agreement.",
        NotificationCategory.Exercises => "Engagement exercises your organisation leads or takes part in: added, changed after agreement, cancelled.",
        NotificationCategory.WorkProgramme => "Issues on the LINk's work programme that concern your organisation: raised with the LINk, handed to you, decided, closed; for the LINk, the feedback owed.",
        NotificationCategory.Reviews => "The joint reviews of success criteria your organisation takes part in: opened, ratings submitted, ready to meet, agreed, published, and their actions.",
        _ => "",
    };

    /// <returns>Where a reminder e-mail stands, e.g. "Waiting to be sent" (the deliveries page; the history).</returns>
    public static string Label(this DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => "Waiting to be sent",
        DeliveryStatus.Sending => "Sending now",
        DeliveryStatus.Sent => "Sent",
        DeliveryStatus.Failed => "Failed",
        DeliveryStatus.Cancelled => "Not sent: the deadline was answered or withdrawn",
        _ => status.ToString(),
    };

    public static string Label(this DeliveryPreference preference) => preference switch
    {
        DeliveryPreference.Immediately => "E-mail me straight away",
        DeliveryPreference.DailyDigest => "A daily digest",
        DeliveryPreference.WeeklyDigest => "A weekly digest",
        DeliveryPreference.InAppOnly => "In the app only",
        _ => preference.ToString(),
    };
}
