using EngagementHub.Core.Common;
using EngagementHub.Web.Components.Shared;

namespace EngagementHub.Tests.Core.Common;

/// <summary>Core names the page a link is to; the web app's <see cref="PageLinks"/> turns it into the page's address.</summary>
public sealed class PageLinkTests
{
    public static TheoryData<PageLink, string> Addresses => new()
    {
        { PageLink.Exercise(12), "/exercises/12" },
        { PageLink.Deadline(5), "/deadlines/5" },
        { PageLink.Timetable(new FinancialYear(2026)), "/timetable?year=2026" },
        { PageLink.TimetableEvent(7), "/timetable/events/7" },
        { PageLink.PublicTimetableEvent(new FinancialYear(2026), 7), "/public/timetable?year=2026#event-7" },
        { PageLink.BankHolidays, "/admin/holidays" },
        { PageLink.Notifications, "/notifications" },
        { PageLink.NotificationPreferences, "/notifications/preferences" },
        { PageLink.Unsubscribe("a b+c"), "/notifications/unsubscribe?token=a%20b%2Bc" },
        { PageLink.AccountInvitation("user 1", "dG9rZW4"), "/account/invitation?user=user%201&token=dG9rZW4" },
        { PageLink.PasswordReset("user-1", "dG9rZW4"), "/account/reset-password?user=user-1&token=dG9rZW4" },
        { PageLink.ForgotPassword, "/account/forgot-password" },
        { PageLink.RaisedIssue(3), "/work-programme/3" },
        { PageLink.Review(4), "/reviews/4" },
        { PageLink.ReviewMeeting(4), "/reviews/4/meeting" },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Href_EachKindOfPage_IsThePagesRoute(PageLink link, string expected) => Assert.Equal(expected, PageLinks.Href(link));

    [Fact]
    public void Href_EveryKindOfPage_HasAnAddress()
    {
        var covered = Addresses.Select(row => ((PageLink)row[0]).Kind).Distinct().Order();

        Assert.Equal(Enum.GetValues<PageKind>().Order(), covered);
    }

    [Fact]
    public void FromStored_WhatANotificationStores_IsTheSameLink()
    {
        var stored = PageLink.Deadline(12).Stored;

        Assert.Equal("Deadline:12", stored);
        Assert.Equal(PageLink.Deadline(12), PageLink.FromStored(stored));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/deadlines/12")]
    [InlineData("Nowhere:12")]
    [InlineData("Deadline:twelve")]
    [InlineData("Deadline:-1")]
    public void FromStored_NoLinkOrAnotherForm_IsNull(string? stored) => Assert.Null(PageLink.FromStored(stored));

    [Fact]
    public void Href_ANotificationStoredBeforeLinksWereStoredByKind_KeepsItsPath()
    {
        Assert.Equal("/exercises/3", PageLinks.Href(PageLink.Exercise(3).Stored));
        Assert.Equal("/deadlines/12", PageLinks.Href("/deadlines/12"));
        Assert.Null(PageLinks.Href((string?)null));
    }
}
