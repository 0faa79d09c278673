using System.Globalization;
using EngagementHub.Core.Common;
using EngagementHub.Web.Endpoints;

namespace EngagementHub.Web.Components.Shared;

/// <summary>
/// The web app's addresses for the pages Core links to: Core says what a link is to (<see cref="PageLink"/>), this
/// says where that page lives, next to the routes themselves. Registered as Core's <see cref="IPageLinks"/> for
/// the links in e-mails.
/// </summary>
public sealed class PageLinks : IPageLinks
{
    public string PathTo(PageLink link) => Href(link);

    /// <returns>The page's path relative to the site's root, starting with "/". An account link's token goes in as it is
    /// (the account e-mails encode it for a URL themselves).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A kind of page this app does not have.</exception>
    public static string Href(PageLink link) => link.Kind switch
    {
        PageKind.Exercise => Invariant($"/exercises/{link.Id}"),
        PageKind.Deadline => Invariant($"/deadlines/{link.Id}"),
        PageKind.Timetable => Invariant($"/timetable?year={link.Id}"),
        PageKind.TimetableEvent => Invariant($"/timetable/events/{link.Id}"),
        PageKind.PublicTimetableEvent => Invariant($"/public/timetable?year={link.Year}#event-{link.Id}"),
        PageKind.BankHolidays => "/admin/holidays",
        PageKind.Notifications => "/notifications",
        PageKind.NotificationPreferences => "/notifications/preferences",
        PageKind.Unsubscribe => $"{UnsubscribeEndpoints.Path}?token={Uri.EscapeDataString(link.Token ?? "")}",
        PageKind.AccountInvitation => $"/account/invitation?user={Uri.EscapeDataString(link.UserId ?? "")}&token={link.Token}",
        PageKind.PasswordReset => $"/account/reset-password?user={Uri.EscapeDataString(link.UserId ?? "")}&token={link.Token}",
        PageKind.ForgotPassword => "/account/forgot-password",
        PageKind.RaisedIssue => Invariant($"/work-programme/{link.Id}"),
        PageKind.Review => Invariant($"/reviews/{link.Id}"),
        PageKind.ReviewMeeting => Invariant($"/reviews/{link.Id}/meeting"),
        _ => throw new ArgumentOutOfRangeException(nameof(link), link.Kind, "No page for this kind of link."),
    };

    /// <returns>The absolute address of <paramref name="link"/>'s page under <paramref name="baseUrl"/> (the app's trusted address).</returns>
    public static Uri Absolute(Uri baseUrl, PageLink link) => new(baseUrl, Href(link).TrimStart('/'));

    /// <returns>The path of the page a notification's stored link names (see <see cref="PageLinksExtensions.PathToStored"/>).</returns>
    public static string? Href(string? stored) => new PageLinks().PathToStored(stored);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
