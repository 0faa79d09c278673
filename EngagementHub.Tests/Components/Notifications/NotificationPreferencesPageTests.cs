using Bunit;
using EngagementHub.Core;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Notifications;
using EngagementHub.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EngagementHub.Tests.Components.Notifications;

public sealed class NotificationPreferencesPageTests : BunitTestContextBase
{
    [Fact]
    public async Task Render_NothingChosen_EachCategoryWithFourChoicesImmediatelyChecked()
    {
        var database = await CreateDatabaseAsync(provider => ReminderScenario.DatabaseAsync(provider));
        var scenario = await ReminderScenario.LoadAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(new Actor(scenario.OwnerId, "Olive Owner", 1, "Test LINk", UserRole.Editor));
        Context.RenderPopovers();

        var cut = Context.Render<NotificationPreferencesPage>();

        foreach (var category in Enum.GetValues<NotificationCategory>())
        {
            var group = cut.Find($"[data-testid=preference-{category}]");
            Assert.Contains(category.Label(), group.QuerySelector("h2")!.TextContent);
            Assert.Equal(4, group.QuerySelectorAll("input[type=radio]").Length);
            Assert.Contains(DeliveryPreference.Immediately.Label(), group.TextContent);
        }
    }

    [Fact]
    public async Task Choose_InTheAppOnlyForTheTimetable_SavedForThatCategoryOnly()
    {
        var database = await CreateDatabaseAsync(provider => ReminderScenario.DatabaseAsync(provider));
        var scenario = await ReminderScenario.LoadAsync(database);
        var owner = new Actor(scenario.OwnerId, "Olive Owner", 1, "Test LINk", UserRole.Editor);
        Context.UseEngagementHub(database);
        Context.SignIn(owner);
        Context.RenderPopovers();
        var cut = Context.Render<NotificationPreferencesPage>();

        var radios = cut.Find($"[data-testid=preference-{NotificationCategory.Timetable}]").QuerySelectorAll("input[type=radio]");
        await radios[(int)DeliveryPreference.InAppOnly].ClickAsync(new());

        var chosen = await database.Preferences().ForAsync(owner);
        Assert.Equal(DeliveryPreference.InAppOnly, chosen[NotificationCategory.Timetable]);
        Assert.Equal(DeliveryPreference.Immediately, chosen[NotificationCategory.Deadlines]);
    }

    [Fact]
    public async Task Choose_PostgreSqlDatabaseRefusesWrites_SaysSoAndSavesNothing()
    {
        var database = await CreateDatabaseAsync(provider => ReminderScenario.DatabaseAsync(provider), DatabaseProvider.PostgreSql);
        var scenario = await ReminderScenario.LoadAsync(database);
        var owner = new Actor(scenario.OwnerId, "Olive Owner", 1, "Test LINk", UserRole.Editor);
        Context.UseEngagementHub(database);
        Context.SignIn(owner);
        Context.RenderPopovers();
        var cut = Context.Render<NotificationPreferencesPage>();
        var group = cut.WaitForElement($"[data-testid=preference-{NotificationCategory.Timetable}]");
        database.RefuseWrites();

        var radios = group.QuerySelectorAll("input[type=radio]");
        await radios[(int)DeliveryPreference.InAppOnly].ClickAsync(new());

        var shown = Assert.Single(Context.Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal(AppComponentBase.DatabaseRefusesWritesMessage, shown.Message);
        Assert.Equal(DeliveryPreference.Immediately, (await database.Preferences().ForAsync(owner))[NotificationCategory.Timetable]);
    }

    [Theory]
    [InlineData(null, null, "08:00", "Monday")]
    [InlineData(17, DayOfWeek.Friday, "17:00", "Friday")]
    public async Task Render_DigestSchedule_ShowsTheChosenHourAndDayOrEightOClockOnMonday(int? hour, DayOfWeek? day, string shownHour, string shownDay)
    {
        var database = await CreateDatabaseAsync(provider => ReminderScenario.DatabaseAsync(provider));
        var scenario = await ReminderScenario.LoadAsync(database);
        var owner = new Actor(scenario.OwnerId, "Olive Owner", 1, "Test LINk", UserRole.Editor);
        if (hour is { } chosenHour && day is { } chosenDay)
        {
            Assert.True((await database.Preferences().SetDigestScheduleAsync(owner, chosenHour, chosenDay)).Succeeded);
        }

        Context.UseEngagementHub(database);
        Context.SignIn(owner);
        Context.RenderPopovers();

        var cut = Context.Render<NotificationPreferencesPage>();

        var schedule = cut.Find("[data-testid=digest-schedule]");
        Assert.Contains("When digests arrive", schedule.TextContent);
        Assert.Contains("Hour (UK time)", schedule.TextContent);
        Assert.Equal(shownHour, Inputs(cut)[0]);
        Assert.Equal(shownDay, Inputs(cut)[1]);
    }

    /// <summary>The values the hour and the day selects show, in that order.</summary>
    private static List<string?> Inputs(IRenderedComponent<NotificationPreferencesPage> cut) =>
        [.. cut.Find("[data-testid=digest-schedule]").QuerySelectorAll("input.mud-select-input").Select(i => i.GetAttribute("value"))];
}
