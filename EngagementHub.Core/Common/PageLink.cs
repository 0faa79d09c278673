using System.Globalization;

namespace EngagementHub.Core.Common;

/// <summary>The pages of the web app that Core links to from notices, e-mails and to-do lists.</summary>
public enum PageKind
{
    /// <summary>One engagement exercise; the id is the exercise's.</summary>
    Exercise,

    /// <summary>One response deadline; the id is the deadline's.</summary>
    Deadline,

    /// <summary>The annual timetable; the id is the financial year's start year (2026 for 2026/27).</summary>
    Timetable,

    /// <summary>One timetable event; the id is the event's.</summary>
    TimetableEvent,

    /// <summary>One event on the public timetable page; the id is the event's, the year its financial year's start year.</summary>
    PublicTimetableEvent,

    /// <summary>The bank-holiday list administrators keep.</summary>
    BankHolidays,

    /// <summary>The person's notification centre.</summary>
    Notifications,

    /// <summary>The person's choices of how they hear of each kind of notification.</summary>
    NotificationPreferences,

    /// <summary>The one-click unsubscribe page of an e-mail; the token says who and from what.</summary>
    Unsubscribe,

    /// <summary>The page an invitation e-mail opens to set a password; with the user's id and the token.</summary>
    AccountInvitation,

    /// <summary>The page a password-reset e-mail opens; with the user's id and the token.</summary>
    PasswordReset,

    /// <summary>The "forgot password" form.</summary>
    ForgotPassword,

    /// <summary>One issue raised on the LINk's work programme; the id is the issue's.</summary>
    RaisedIssue,

    /// <summary>One joint review round (where each side rates); the id is the round's.</summary>
    Review,

    /// <summary>The meeting view of a joint review round (both sides' ratings, agreed actions); the id is the round's.</summary>
    ReviewMeeting,
}

/// <summary>
/// What a link is to: a kind of page and the id of what it shows. Core says what it links to; the web app owns its
/// routes and turns a link into an address (<see cref="IPageLinks"/>), so a page can move without Core changing.
/// A notification stores its link as <see cref="Stored"/>.
/// </summary>
public readonly record struct PageLink(PageKind Kind, int Id = 0, string? Token = null, string? UserId = null, int Year = 0)
{
    public static PageLink Exercise(int id) => new(PageKind.Exercise, id);

    public static PageLink Deadline(int id) => new(PageKind.Deadline, id);

    public static PageLink Timetable(FinancialYear year) => new(PageKind.Timetable, year.StartYear);

    public static PageLink TimetableEvent(int id) => new(PageKind.TimetableEvent, id);

    public static PageLink PublicTimetableEvent(FinancialYear year, int eventId) => new(PageKind.PublicTimetableEvent, eventId, Year: year.StartYear);

    public static PageLink BankHolidays => new(PageKind.BankHolidays);

    public static PageLink Notifications => new(PageKind.Notifications);

    public static PageLink NotificationPreferences => new(PageKind.NotificationPreferences);

    public static PageLink Unsubscribe(string token) => new(PageKind.Unsubscribe, Token: token);

    public static PageLink AccountInvitation(string userId, string token) => new(PageKind.AccountInvitation, Token: token, UserId: userId);

    public static PageLink PasswordReset(string userId, string token) => new(PageKind.PasswordReset, Token: token, UserId: userId);

    public static PageLink ForgotPassword => new(PageKind.ForgotPassword);

    public static PageLink RaisedIssue(int id) => new(PageKind.RaisedIssue, id);

    public static PageLink Review(int id) => new(PageKind.Review, id);

    public static PageLink ReviewMeeting(int id) => new(PageKind.ReviewMeeting, id);

    /// <summary>How a notification stores the link: the kind and the id, e.g. "Exercise:12" (links that need more are not stored).</summary>
    public string Stored => string.Create(CultureInfo.InvariantCulture, $"{Kind}:{Id}");

    /// <returns>The link <paramref name="stored"/> holds, or null when it holds none or a value of another form.</returns>
    public static PageLink? FromStored(string? stored)
    {
        var parts = stored?.Split(':');
        return parts is [var kind, var id]
               && Enum.TryParse<PageKind>(kind, out var parsed) && Enum.IsDefined(parsed)
               && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? new PageLink(parsed, number)
            : null;
    }
}

/// <summary>Turns a <see cref="PageLink"/> into the path of the web app's page: implemented by the web app, which owns its routes.</summary>
public interface IPageLinks
{
    /// <returns>The page's path relative to the site's root, starting with "/" (query string included).</returns>
    string PathTo(PageLink link);
}

public static class PageLinksExtensions
{
    /// <returns>The path of the page a notification's stored link names; a value stored before links were stored by
    /// kind is already a path and is returned as it is; null for none.</returns>
    public static string? PathToStored(this IPageLinks links, string? stored) =>
        PageLink.FromStored(stored) is { } link ? links.PathTo(link) : stored;
}
