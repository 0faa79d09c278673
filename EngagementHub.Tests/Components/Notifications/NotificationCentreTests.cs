using Bunit;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Layout;
using EngagementHub.Web.Notifications;
using Microsoft.Extensions.DependencyInjection;
using NotificationsPage = EngagementHub.Web.Components.Pages.Notifications.Notifications;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Components.Notifications;

public sealed class NotificationCentreTests : BunitTestContextBase
{
    /// <summary>The deadline's owner, with two reminders in their centre: "due in 1 working day", then "due today".</summary>
    private static async Task<(ReminderScenario Scenario, Actor Owner)> TwoRemindersAsync(TestDatabase database)
    {
        var scenario = await ReminderScenario.CreateAsync(database);
        scenario.SetToday(ReminderPlanner.WorkingDaysBefore(scenario.DueDate, 1, scenario.Calendar));
        await scenario.Sweep().RunAsync();
        scenario.SetToday(scenario.DueDate);
        await scenario.Sweep().RunAsync();
        return (scenario, new Actor(scenario.OwnerId, "Olive Owner", 1, "Test LINk", UserRole.Editor));
    }

    [Fact]
    public async Task NotificationsPage_Owner_SeesTheirRemindersNewestFirstUnread()
    {
        var database = await CreateDatabaseAsync();
        var (_, owner) = await TwoRemindersAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(owner);
        Context.RenderPopovers();

        var cut = Context.Render<NotificationsPage>();

        var items = cut.FindAll("[data-testid=notification]");
        Assert.Equal(2, items.Count);
        Assert.StartsWith("Unread", items[0].QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("Due today: Waiting times", items[0].TextContent);
        Assert.Contains("Due in 1 working day: Waiting times", items[1].TextContent);
        Assert.All(items, i => Assert.Equal("false", i.GetAttribute("data-read")));
        Assert.Equal("Mark as read: Due today: Waiting times for wheelchair assessments",
            items[0].QuerySelector("button")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task NotificationsPage_MarkAsReadThenMarkAll_NoneLeftUnread()
    {
        var database = await CreateDatabaseAsync();
        var (_, owner) = await TwoRemindersAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(owner);
        Context.RenderPopovers();
        var cut = Context.Render<NotificationsPage>();

        await cut.FindAll("[data-testid=notification] button")[0].ClickAsync(new());
        Assert.Equal(["true", "false"], cut.FindAll("[data-testid=notification]").Select(i => i.GetAttribute("data-read")));

        await cut.FindAll("button").Single(b => b.TextContent.Trim() == "Mark all as read").ClickAsync(new());

        Assert.All(cut.FindAll("[data-testid=notification]"), i => Assert.Equal("true", i.GetAttribute("data-read")));
        Assert.True(cut.FindAll("button").Single(b => b.TextContent.Trim() == "Mark all as read").HasAttribute("disabled"));
    }

    // The commissioner names no contact, so its editor is reminded in the contact's place: the reminder needs her until
    // the deadline is answered. Marking everything read asks first, and cancelling leaves it unread.
    [Fact]
    public async Task MarkAll_AnUnreadNoticeStillNeedsThePerson_AsksFirst()
    {
        var database = await CreateDatabaseAsync();
        var scenario = await ReminderScenario.CreateAsync(database);
        var editorId = await scenario.AddUserAsync("cara.editor@commissioner.test", atCommissioner: true);
        await using (var db = database.CreateContext())
        {
            await db.Deadlines.Where(d => d.Id == scenario.DeadlineId).ExecuteUpdateAsync(s => s.SetProperty(d => d.ToContactId, (int?)null));
        }

        scenario.SetToday(scenario.DueDate);
        await scenario.Sweep().RunAsync();
        Context.UseEngagementHub(database);
        Context.SignIn(new Actor(editorId, "Cara Editor", scenario.CommissionerId, "Test PCT", UserRole.Editor));
        Context.RenderPopovers();
        var dialogs = Context.Render<MudBlazor.MudDialogProvider>();
        var cut = Context.Render<NotificationsPage>();
        cut.WaitForAssertion(() => Assert.Contains("Needs you", cut.Find("[data-testid=notification]").TextContent));

        var cancelled = cut.FindAll("button").Single(b => b.TextContent.Trim() == "Mark all as read").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("1 unread notice still needs you", dialogs.Find(".mud-dialog").TextContent));
        await dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await cancelled;
        Assert.Equal("false", cut.Find("[data-testid=notification]").GetAttribute("data-read"));

        var confirmed = cut.FindAll("button").Single(b => b.TextContent.Trim() == "Mark all as read").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Mark all as read"));
        await dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Mark all as read").ClickAsync(new());
        await confirmed;
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=notification]").GetAttribute("data-read")));
        Assert.Contains("Needs you", cut.Find("[data-testid=notification]").TextContent);
    }

    // "Due in 1 working day", then "due today": one thing to do, asked by the newer notice. The older one, whose words are
    // no longer the ones to act on, is not a second "Needs you" (nor a replaced extension proposal).
    [Fact]
    public async Task NotificationsPage_TwoRemindersOfOneDeadlineThatStillNeedsThePerson_OnlyTheNewerSaysNeedsYou()
    {
        var database = await CreateDatabaseAsync();
        var scenario = await ReminderScenario.CreateAsync(database);
        var editorId = await scenario.AddUserAsync("cara.editor@commissioner.test", atCommissioner: true);
        await using (var db = database.CreateContext())
        {
            await db.Deadlines.Where(d => d.Id == scenario.DeadlineId).ExecuteUpdateAsync(s => s.SetProperty(d => d.ToContactId, (int?)null));
        }

        scenario.SetToday(ReminderPlanner.WorkingDaysBefore(scenario.DueDate, 1, scenario.Calendar));
        await scenario.Sweep().RunAsync();
        scenario.SetToday(scenario.DueDate);
        await scenario.Sweep().RunAsync();
        Context.UseEngagementHub(database);
        Context.SignIn(new Actor(editorId, "Cara Editor", scenario.CommissionerId, "Test PCT", UserRole.Editor));
        Context.RenderPopovers();

        var cut = Context.Render<NotificationsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=notification]").Count));
        var items = cut.FindAll("[data-testid=notification]");
        Assert.Contains("Due today", items[0].TextContent);
        Assert.Contains("Needs you", items[0].TextContent);
        Assert.DoesNotContain("Needs you", items[1].TextContent);
    }

    [Fact]
    public async Task NotificationsPage_SomeoneElse_SeesNoneOfTheOwnersNotifications()
    {
        var database = await CreateDatabaseAsync();
        await TwoRemindersAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(People.Editor(2));
        Context.RenderPopovers();

        var cut = Context.Render<NotificationsPage>();

        Assert.Empty(cut.FindAll("[data-testid=notification]"));
        Assert.Contains("You have no notifications", cut.Find("[data-testid=no-notifications]").TextContent);
    }

    [Theory]
    [InlineData(true, "Notifications, 2 unread")]
    [InlineData(false, "Notifications, none unread")]
    public async Task MainLayout_SignedIn_BellNamesTheUnreadCountAndLinksToTheCentre(bool twoUnread, string label)
    {
        var database = await CreateDatabaseAsync();
        var who = twoUnread ? (await TwoRemindersAsync(database)).Owner : People.Viewer(1);
        Context.UseEngagementHub(database);
        Context.SignIn(who);

        var cut = Context.Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddContent(0, "Page body"))));

        var bell = cut.Find("header [data-testid=notification-bell]");
        Assert.Equal(label, bell.GetAttribute("aria-label"));
        Assert.Equal("/notifications", bell.GetAttribute("href"));
    }

    [Fact]
    public async Task NotificationBell_NewNotificationForTheSignedInPerson_CountUpdatesOnTheNodesNextPollWithoutNavigation()
    {
        var database = await CreateDatabaseAsync();
        var (scenario, owner) = await TwoRemindersAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(owner);
        var pulse = Context.Services.GetRequiredService<NotificationPulse>();
        await pulse.TickAsync();
        var cut = Context.Render<NotificationBell>();
        string? Label() => cut.Find("[data-testid=notification-bell]").GetAttribute("aria-label");
        Assert.Equal("Notifications, 2 unread", Label());

        // As the sweep would, on this node or another: nothing tells this circuit.
        await using (var db = database.CreateContext())
        {
            db.Notifications.Add(new EngagementHub.Core.Notifications.Notification(owner.UserId!, scenario.LinkId, "Overdue: X", "Body", null, database.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        Assert.Equal("Notifications, 2 unread", Label());
        await pulse.TickAsync();

        cut.WaitForAssertion(() => Assert.Equal("Notifications, 3 unread", Label()));
    }

    [Fact]
    public async Task NotificationBell_NewNotificationForSomeoneElse_NotRecounted()
    {
        var database = await CreateDatabaseAsync();
        var (scenario, owner) = await TwoRemindersAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(owner);
        var pulse = Context.Services.GetRequiredService<NotificationPulse>();
        await pulse.TickAsync();
        var cut = Context.Render<NotificationBell>();
        var other = await scenario.AddUserAsync("someone-else@link.test");
        var told = new List<IReadOnlySet<string>>();
        pulse.Recorded += people => { told.Add(people); return Task.CompletedTask; };

        await using (var db = database.CreateContext())
        {
            db.Notifications.Add(new EngagementHub.Core.Notifications.Notification(other, scenario.LinkId, "For someone else", "Body", null, database.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await pulse.TickAsync();

        Assert.Equal([other], Assert.Single(told));
        Assert.Equal("Notifications, 2 unread", cut.Find("[data-testid=notification-bell]").GetAttribute("aria-label"));
        // The count as MudBadge draws it, without the component (ADR 0028).
        Assert.Equal("2", cut.Find(".notification-bell .mud-badge[role=status]").TextContent.Trim());
        Assert.Empty(cut.FindComponents<MudBlazor.MudBadge>());
    }
}
