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

public static class NotificationCategoryText
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

    public static string Label(this DeliveryPreference preference) => preference switch
    {
        DeliveryPreference.Immediately => "E-mail me straight away",
        DeliveryPreference.DailyDigest => "A daily digest",
        DeliveryPreference.WeeklyDigest => "A weekly digest",
        DeliveryPreference.InAppOnly => "In the app only",
        _ => preference.ToString(),
    };
}
