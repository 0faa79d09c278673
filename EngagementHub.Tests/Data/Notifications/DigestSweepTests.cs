using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Communities;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementHub.Tests.Data.Notifications;

/// <summary>Digest windows on a fake clock (ADR 14). Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class DigestSweepTests(DatabaseProvider provider)
{
    public sealed class Sqlite() : DigestSweepTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : DigestSweepTests(DatabaseProvider.PostgreSql);

    // Friday 9 October 2026, Saturday 10, Sunday 11, Monday 12 (British Summer Time: 08:00 UK is 07:00 UTC).
    private static readonly DateOnly Friday = new(2026, 10, 9);
    private static readonly DateOnly Monday = new(2026, 10, 12);

    [Fact]
    public async Task RunAsync_AcrossAWeekend_MondaysDailyDigestCoversFridayToMondayAndNothingIsSentAtTheWeekend()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        await ChooseAsync(scenario, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        await NotifyAsync(scenario, "Thursday's option", At(Friday.AddDays(-1), 12));
        SetClock(scenario, At(Friday, 8, 5));
        var friday = await scenario.DigestSweep().RunAsync();

        await NotifyAsync(scenario, "Friday afternoon's option", At(Friday, 15));
        await NotifyAsync(scenario, "Saturday's option", At(Friday.AddDays(1), 10));
        var weekend = new List<long>();
        foreach (var day in new[] { Friday.AddDays(1), Friday.AddDays(2) })
        {
            SetClock(scenario, At(day, 8, 5));
            weekend.AddRange(await scenario.DigestSweep().RunAsync());
        }

        SetClock(scenario, At(Monday, 8, 5));
        var monday = await scenario.DigestSweep().RunAsync();

        Assert.Single(friday);
        Assert.Empty(weekend);
        var digest = (await scenario.DeliveriesAsync()).Single(d => d.Id == Assert.Single(monday));
        Assert.Equal((At(Friday, 8), At(Monday, 8)), (digest.WindowStart, digest.WindowEnd));
        var sent = await SendAsync(scenario, digest.Id);
        Assert.Contains("Saturday's option", sent.Body);
        Assert.Contains("Friday afternoon's option", sent.Body);
        Assert.DoesNotContain("Thursday's option", sent.Body);
        Assert.True(sent.Body.IndexOf("Saturday's option", StringComparison.Ordinal) < sent.Body.IndexOf("Friday afternoon's option", StringComparison.Ordinal),
            "newest first");
    }

    [Fact]
    public async Task RunAsync_AcrossChristmasBankHolidays_NextDigestOnTheNextWorkingDayCoversTheWholeBreak()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        await ChooseAsync(scenario, NotificationCategory.Deadlines, DeliveryPreference.DailyDigest);
        var christmasEve = new DateOnly(2026, 12, 24);
        await NotifyAsync(scenario, "Before the break", At(christmasEve, 7), NotificationCategory.Deadlines);
        SetClock(scenario, At(christmasEve, 8, 5));
        Assert.Single(await scenario.DigestSweep().RunAsync());

        // Friday 25 December and Monday 28 December (Boxing Day's substitute) are bank holidays.
        await NotifyAsync(scenario, "Christmas Day", At(christmasEve.AddDays(1), 10), NotificationCategory.Deadlines);
        var held = new List<long>();
        for (var day = christmasEve.AddDays(1); day <= christmasEve.AddDays(4); day = day.AddDays(1))
        {
            SetClock(scenario, At(day, 9));
            held.AddRange(await scenario.DigestSweep().RunAsync());
        }

        var tuesday = new DateOnly(2026, 12, 29);
        SetClock(scenario, At(tuesday, 8, 20));
        var after = Assert.Single(await scenario.DigestSweep().RunAsync());

        Assert.Empty(held);
        var digest = (await scenario.DeliveriesAsync()).Single(d => d.Id == after);
        Assert.Equal((At(christmasEve, 8), At(tuesday, 8)), (digest.WindowStart, digest.WindowEnd));
        Assert.Contains("Christmas Day", (await SendAsync(scenario, after)).Body);
    }

    [Fact]
    public async Task RunAsync_AgainAfterARestart_RecordsNothingNew()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        await ChooseAsync(scenario, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        await NotifyAsync(scenario, "An option", At(Monday, 7));
        SetClock(scenario, At(Monday, 8, 5));

        var first = await scenario.DigestSweep().RunAsync();
        SetClock(scenario, At(Monday, 8, 50));
        var second = await scenario.DigestSweep().RunAsync();

        Assert.Single(first);
        Assert.Empty(second);
        Assert.Single(await scenario.DeliveriesAsync());
    }

    [Fact]
    public async Task UnattemptedDigestsAsync_RecordedButNeverQueued_ListedUntilSent()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        await ChooseAsync(scenario, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        await NotifyAsync(scenario, "An option", At(Monday, 7));
        SetClock(scenario, At(Monday, 8, 5));
        var id = Assert.Single(await scenario.DigestSweep().RunAsync());
        var mailer = scenario.Mailer(new RecordingEmailSender());

        var before = await mailer.UnattemptedDigestsAsync();
        await mailer.SendAsync(id, maxAttempts: 6);

        Assert.Equal([id], before);
        Assert.Empty(await mailer.UnattemptedDigestsAsync());
    }

    [Fact]
    public async Task RunAsync_TwoSweepsRacing_RecordOneDigestAndSendEachItemOnce()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        await ChooseAsync(scenario, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        await NotifyAsync(scenario, "An option", At(Monday, 7));
        SetClock(scenario, At(Monday, 8, 5));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => scenario.DigestSweep().RunAsync())));
        var recorded = results.SelectMany(r => r).ToList();
        var sender = new RecordingEmailSender();
        await Task.WhenAll(recorded.Concat(recorded).Select(id => Task.Run(() => scenario.Mailer(sender).SendAsync(id, maxAttempts: 6))));

        Assert.Single(recorded);
        Assert.Single(await scenario.DeliveriesAsync());
        Assert.Single(sender.Sent);
    }

    [Fact]
    public async Task RunAsync_NothingInTheWindow_RecordsNothingAndTheNextDigestStillCoversIt()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        await ChooseAsync(scenario, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        await NotifyAsync(scenario, "Friday's option", At(Friday, 7));
        SetClock(scenario, At(Friday, 8, 5));
        Assert.Single(await scenario.DigestSweep().RunAsync());

        SetClock(scenario, At(Monday, 8, 5));
        var empty = await scenario.DigestSweep().RunAsync();
        // Recorded after Monday's sweep but stamped just before its slot (a slow transaction): the next digest has it.
        await NotifyAsync(scenario, "Late arrival", At(Monday, 7, 59));
        SetClock(scenario, At(Monday.AddDays(1), 8, 5));
        var tuesday = Assert.Single(await scenario.DigestSweep().RunAsync());

        Assert.Empty(empty);
        Assert.Equal(2, (await scenario.DeliveriesAsync()).Count);
        var digest = (await scenario.DeliveriesAsync()).Single(d => d.Id == tuesday);
        Assert.Equal(At(Friday, 8), digest.WindowStart);
        var body = (await SendAsync(scenario, tuesday)).Body;
        Assert.Contains("Late arrival", body);
        Assert.DoesNotContain("Friday's option", body);
    }

    [Fact]
    public async Task RunAsync_WeeklyOnTheChosenDayAndHour_OnlyThen()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        await ChooseAsync(scenario, NotificationCategory.Timetable, DeliveryPreference.WeeklyDigest);
        var actor = Owner(scenario);
        Assert.True((await database.Preferences().SetDigestScheduleAsync(actor, 17, DayOfWeek.Wednesday)).Succeeded);
        var wednesday = Monday.AddDays(2);
        await NotifyAsync(scenario, "Timetable proposed", At(Monday, 10), NotificationCategory.Timetable);

        SetClock(scenario, At(Monday, 17, 5));
        var monday = await scenario.DigestSweep().RunAsync();
        SetClock(scenario, At(wednesday, 16, 50));
        var early = await scenario.DigestSweep().RunAsync();
        SetClock(scenario, At(wednesday, 17, 5));
        var due = await scenario.DigestSweep().RunAsync();

        Assert.Empty(monday);
        Assert.Empty(early);
        var digest = (await scenario.DeliveriesAsync()).Single(d => d.Id == Assert.Single(due));
        Assert.Equal("digest-weekly", digest.Step);
        Assert.Equal((At(wednesday.AddDays(-7), 17), At(wednesday, 17)), (digest.WindowStart, digest.WindowEnd));
    }

    [Fact]
    public async Task SendAsync_Digest_GroupsNeedsYouComingUpAndWhatChangedWithLinksAndUnsubscribeHeader()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        // The option proposed still awaits the LINk's agreement when the digest goes: it needs the owner's side.
        SetClock(scenario, At(Friday, 7));
        var (_, exercise, _) = await OptionProposedToTheLinkAsync(scenario);
        await ChooseAsync(scenario, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        await ChooseAsync(scenario, NotificationCategory.Exercises, DeliveryPreference.DailyDigest);
        await NotifyAsync(scenario, "Option proposed", At(Monday, 7), needsAction: true, link: PageLink.Exercise(exercise));
        await NotifyAsync(scenario, "Exercise cancelled", At(Monday, 6), NotificationCategory.Exercises);
        SetClock(scenario, At(Monday, 8, 5));
        var id = Assert.Single(await scenario.DigestSweep().RunAsync());

        var sent = await SendAsync(scenario, id);

        Assert.Equal(ReminderScenario.OwnerEmail, sent.To);
        Assert.Equal("Your daily digest: 1 needs you", sent.Subject);
        var needs = sent.Body.IndexOf("NEEDS YOU", StringComparison.Ordinal);
        var changed = sent.Body.IndexOf("WHAT CHANGED", StringComparison.Ordinal);
        Assert.True(needs >= 0 && changed > needs);
        Assert.True(sent.Body.IndexOf("Option proposed", StringComparison.Ordinal) is var o && o > needs && o < changed);
        Assert.True(sent.Body.IndexOf("Exercise cancelled", StringComparison.Ordinal) > changed);
        Assert.Contains($"Open it: https://engage.test/exercises/{exercise}", sent.Body);
        Assert.NotNull(sent.Unsubscribe);
        Assert.StartsWith("https://engage.test/notifications/unsubscribe?token=", sent.Unsubscribe!.ToString());
        Assert.Contains("Stop e-mails about", sent.Body);
        Assert.Equal(DeliveryStatus.Sent, (await scenario.DeliveriesAsync()).Single(d => d.Id == id).Status);
    }

    [Fact]
    public async Task SendAsync_DeadlineDueWithinFiveWorkingDays_ListedAsComingUp()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        await ChooseAsync(scenario, NotificationCategory.Deadlines, DeliveryPreference.DailyDigest);
        var day = EngagementHub.Core.Deadlines.ReminderPlanner.WorkingDaysBefore(scenario.DueDate, 3, scenario.Calendar);
        await NotifyAsync(scenario, "Acknowledged", At(day, 7), NotificationCategory.Deadlines);
        SetClock(scenario, At(day, 8, 5));
        var id = Assert.Single(await scenario.DigestSweep().RunAsync());

        var body = (await SendAsync(scenario, id)).Body;

        Assert.Contains("COMING UP", body);
        Assert.Contains("Waiting times for wheelchair assessments", body);
        Assert.Contains($"https://engage.test/deadlines/{scenario.DeadlineId}", body);
    }

    [Fact]
    public async Task SendAsync_ComingUpSubjectWithALineBreakAndARightToLeftOverride_QuotedOnOneIsolatedLine()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var scenario = await ReminderScenario.CreateAsync(database, "Invoice \u202Efdp.exe\u202C review\n  Open it: https://evil.example/deadlines/1");
        await ChooseAsync(scenario, NotificationCategory.Deadlines, DeliveryPreference.DailyDigest);
        var day = EngagementHub.Core.Deadlines.ReminderPlanner.WorkingDaysBefore(scenario.DueDate, 3, scenario.Calendar);
        await NotifyAsync(scenario, "Acknowledged", At(day, 7), NotificationCategory.Deadlines);
        SetClock(scenario, At(day, 8, 5));
        var id = Assert.Single(await scenario.DigestSweep().RunAsync());

        var body = (await SendAsync(scenario, id)).Body;

        Assert.Contains(": \u2068Invoice fdp.exe review Open it: https://evil.example/deadlines/1\u2069\n", body);
        Assert.DoesNotContain('\u202E', body);
        Assert.All(body.Split('\n').Where(l => l.TrimStart().StartsWith("Open it:", StringComparison.Ordinal)),
            line => Assert.StartsWith("  Open it: https://engage.test/", line));
    }

    // The person chose a daily digest after the notice was recorded and before its own e-mail went: that e-mail is
    // cancelled, so the digest carries the notice, or they would never be e-mailed of it.
    [Fact]
    public async Task RunAsync_OwnEmailCancelledByAChoiceOfDigest_ItemInTheNextDigest()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        SetClock(scenario, At(Monday, 9));
        long own;
        await using (var db = database.CreateContext())
        {
            var notice = new Notification(scenario.OwnerId, scenario.LinkId, "Option 2 proposed for \"Maternity\"", "Agree it.", PageLink.Exercise(1), database.Clock.GetUtcNow(),
                NotificationCategory.Agreement, WorkflowEvents.OptionProposed, needsAction: true);
            db.Notifications.Add(notice);
            var delivery = new ReminderDelivery(notice, database.Clock.GetUtcNow());
            db.ReminderDeliveries.Add(delivery);
            await db.SaveChangesAsync();
            own = delivery.Id;
        }

        await ChooseAsync(scenario, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        var sender = new RecordingEmailSender();
        await scenario.Mailer(sender).SendAsync(own, maxAttempts: 6);
        SetClock(scenario, At(Monday.AddDays(1), 8, 5));
        var id = Assert.Single(await scenario.DigestSweep().RunAsync());

        Assert.Empty(sender.Sent);
        Assert.Contains("Option 2 proposed", (await SendAsync(scenario, id)).Body);
    }

    [Fact]
    public async Task RunAsync_ItemAlreadyEmailedOnItsOwn_NotInTheDigest()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        var emailed = await NotifyAsync(scenario, "Sent straight away", At(Monday, 6));
        await using (var db = database.CreateContext())
        {
            var notification = await db.Notifications.SingleAsync(n => n.Id == emailed);
            db.ReminderDeliveries.Add(new ReminderDelivery(notification, At(Monday, 6)));
            await db.SaveChangesAsync();
        }

        await ChooseAsync(scenario, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        SetClock(scenario, At(Monday, 8, 5));

        Assert.Empty(await scenario.DigestSweep().RunAsync());
    }

    // Tuesday's daily digest carried Monday's notice; the person then moves the category to the weekly digest, whose first
    // window (the week before next Monday) still holds Monday's notice. It carries only what the daily one did not.
    [Fact]
    public async Task RunAsync_CategoryMovedFromTheDailyToTheWeeklyDigest_TheWeeklyOneRepeatsNothingTheDailyOneSent()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        var olive = Owner(scenario);
        await database.Preferences().SetAsync(olive, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        await NotifyAsync(scenario, "Monday's option", At(Monday, 10));
        SetClock(scenario, At(Monday.AddDays(1), 8, 5));
        Assert.Contains("Monday's option", (await SendAsync(scenario, Assert.Single(await scenario.DigestSweep().RunAsync()))).Body);

        await database.Preferences().SetAsync(olive, NotificationCategory.Agreement, DeliveryPreference.WeeklyDigest);
        await NotifyAsync(scenario, "Wednesday's option", At(Monday.AddDays(2), 10));
        SetClock(scenario, At(Monday.AddDays(7), 8, 5));
        var recorded = Assert.Single(await scenario.DigestSweep().RunAsync());
        var weekly = (await scenario.DeliveriesAsync()).Single(d => d.Id == recorded);

        Assert.Equal(("digest-weekly", At(Monday, 8)), (weekly.Step, weekly.WindowStart));
        var body = (await SendAsync(scenario, weekly.Id)).Body;
        Assert.Contains("Wednesday's option", body);
        Assert.DoesNotContain("Monday's option", body);
    }

    // Tuesday's daily digest went; the person then chose "in the app only" for the category, and took the daily digest
    // again on Thursday. Wednesday's notice came while they had chosen not to be e-mailed of it, so the next digest,
    // whose window starts where Tuesday's ended, leaves it out and carries Thursday's. Moving between the digests later
    // keeps that: the weekly digest's first window does not bring Wednesday's back either.
    [Fact]
    public async Task RunAsync_DigestTakenAgainAfterASpellInTheAppOnly_LeavesOutWhatCameInThatSpell()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        await DailyDigestThenASpellInTheAppOnlyAsync(scenario);
        await NotifyAsync(scenario, "Thursday's option", At(Monday.AddDays(3), 15));

        SetClock(scenario, At(Monday.AddDays(4), 8, 5));
        var recorded = Assert.Single(await scenario.DigestSweep().RunAsync());
        var daily = (await scenario.DeliveriesAsync()).Single(d => d.Id == recorded);
        Assert.Equal(At(Monday.AddDays(1), 8), daily.WindowStart);
        var body = (await SendAsync(scenario, daily.Id)).Body;
        Assert.Contains("Thursday's option", body);
        Assert.DoesNotContain("Wednesday's option", body);

        await database.Preferences().SetAsync(Owner(scenario), NotificationCategory.Agreement, DeliveryPreference.WeeklyDigest);
        await NotifyAsync(scenario, "Friday's option", At(Monday.AddDays(4), 10));
        SetClock(scenario, At(Monday.AddDays(7), 8, 5));
        var weekly = (await SendAsync(scenario, Assert.Single(await scenario.DigestSweep().RunAsync()))).Body;
        Assert.Contains("Friday's option", weekly);
        Assert.DoesNotContain("Wednesday's option", weekly);
    }

    // The spell is only what came in it: Monday's 10:00 notice came while the person had the daily digest; at 11:00 they
    // followed an e-mail's "stop e-mails" link, and at 11:30 chose the daily digest again. Tuesday's digest carries the
    // 10:00 notice and leaves out the one of 11:15.
    [Fact]
    public async Task RunAsync_DigestTakenAgainMinutesAfterAnUnsubscribe_StillCarriesWhatCameBeforeTheSpell()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        var olive = Owner(scenario);
        SetClock(scenario, At(Monday, 7));
        await database.Preferences().SetAsync(olive, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        await NotifyAsync(scenario, "Monday morning's option", At(Monday, 10));
        SetClock(scenario, At(Monday, 11));
        await database.Preferences().SetAsync(olive, NotificationCategory.Agreement, DeliveryPreference.InAppOnly);
        await NotifyAsync(scenario, "The option of the spell", At(Monday, 11, 15));
        SetClock(scenario, At(Monday, 11, 30));
        await database.Preferences().SetAsync(olive, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);

        SetClock(scenario, At(Monday.AddDays(1), 8, 5));
        var body = (await SendAsync(scenario, Assert.Single(await scenario.DigestSweep().RunAsync()))).Body;

        Assert.Contains("Monday morning's option", body);
        Assert.DoesNotContain("The option of the spell", body);
    }

    // A spell that ended before its start was recorded (the choice saved by an earlier version, with only its end): read
    // as running from the beginning, as that version read it, so Wednesday's notice is still left out.
    [Fact]
    public async Task RunAsync_SpellEndedBeforeItsStartWasRecorded_StillLeavesOutWhatCameInIt()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        await DailyDigestThenASpellInTheAppOnlyAsync(scenario);
        await using (var db = database.CreateContext())
        {
            await db.NotificationPreferences.Where(p => p.UserId == scenario.OwnerId).ExecuteUpdateAsync(u => u.SetProperty(p => p.InAppOnlySince, (DateTimeOffset?)null));
        }

        await NotifyAsync(scenario, "Thursday's option", At(Monday.AddDays(3), 15));
        SetClock(scenario, At(Monday.AddDays(4), 8, 5));
        var body = (await SendAsync(scenario, Assert.Single(await scenario.DigestSweep().RunAsync()))).Body;

        Assert.Contains("Thursday's option", body);
        Assert.DoesNotContain("Wednesday's option", body);
    }

    // The reverse move: Monday's weekly digest went, Tuesday brought a notice, and on Wednesday the person moved the
    // category to the daily digest. Its first digest starts where the weekly one ended, so Tuesday's notice is sent.
    [Fact]
    public async Task RunAsync_CategoryMovedFromTheWeeklyToTheDailyDigest_TheFirstDailyOneCarriesWhatCameSinceTheWeeklyOne()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        var olive = Owner(scenario);
        await database.Preferences().SetAsync(olive, NotificationCategory.Agreement, DeliveryPreference.WeeklyDigest);
        await NotifyAsync(scenario, "Last week's option", At(Monday.AddDays(-6), 10));
        SetClock(scenario, At(Monday, 8, 5));
        Assert.Contains("Last week's option", (await SendAsync(scenario, Assert.Single(await scenario.DigestSweep().RunAsync()))).Body);
        await NotifyAsync(scenario, "Tuesday's option", At(Monday.AddDays(1), 10));
        SetClock(scenario, At(Monday.AddDays(2), 12));
        await database.Preferences().SetAsync(olive, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        await NotifyAsync(scenario, "Wednesday's option", At(Monday.AddDays(2), 15));

        SetClock(scenario, At(Monday.AddDays(3), 8, 5));
        var recorded = Assert.Single(await scenario.DigestSweep().RunAsync());

        var daily = (await scenario.DeliveriesAsync()).Single(d => d.Id == recorded);
        Assert.Equal(("digest-daily", At(Monday, 8)), (daily.Step, daily.WindowStart));
        var body = (await SendAsync(scenario, recorded)).Body;
        Assert.Contains("Tuesday's option", body);
        Assert.Contains("Wednesday's option", body);
        Assert.DoesNotContain("Last week's option", body);
    }

    // As above, after a quiet week: the weekly slot of 19 October had nothing to carry and recorded no digest, so the
    // daily one starts at that slot, not at the last weekly digest sent, and Tuesday's notice is sent.
    [Fact]
    public async Task RunAsync_CategoryMovedFromWeeklyToDailyAfterAQuietWeek_TheFirstDailyOneStartsAtTheLastWeeklySlot()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        var olive = Owner(scenario);
        await database.Preferences().SetAsync(olive, NotificationCategory.Agreement, DeliveryPreference.WeeklyDigest);
        await NotifyAsync(scenario, "Last week's option", At(Monday.AddDays(-6), 10));
        SetClock(scenario, At(Monday, 8, 5));
        Assert.Single(await scenario.DigestSweep().RunAsync());
        SetClock(scenario, At(Monday.AddDays(7), 8, 5));
        Assert.Empty(await scenario.DigestSweep().RunAsync());
        await NotifyAsync(scenario, "Tuesday's option", At(Monday.AddDays(8), 10));
        SetClock(scenario, At(Monday.AddDays(10), 12));
        await database.Preferences().SetAsync(olive, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);

        SetClock(scenario, At(Monday.AddDays(11), 8, 5));
        var recorded = Assert.Single(await scenario.DigestSweep().RunAsync());

        Assert.Equal(At(Monday.AddDays(7), 8), (await scenario.DeliveriesAsync()).Single(d => d.Id == recorded).WindowStart);
        Assert.Contains("Tuesday's option", (await SendAsync(scenario, recorded)).Body);
    }

    // The notice's own e-mail failed; the person already took another category daily, and moved this one to the daily
    // digest only after the next digest had gone. That digest's window is past the notice, so the administrator's resend
    // of the e-mail goes: the notice is e-mailed once.
    [Fact]
    public async Task SendAsync_OwnEmailFailedAndADigestChosenAfterItsWindowPassed_TheResendGoes()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        var olive = Owner(scenario);
        await database.Preferences().SetAsync(olive, NotificationCategory.Deadlines, DeliveryPreference.DailyDigest);
        SetClock(scenario, At(Monday, 10));
        var emailId = await NoticeWithItsOwnEmailAsync(scenario, "Monday's option", At(Monday, 10));
        await Assert.ThrowsAsync<IOException>(() => scenario.Mailer(new RefusingEmailSender()).SendAsync(emailId, maxAttempts: 1));
        await NotifyAsync(scenario, "Monday's deadline news", At(Monday, 12), NotificationCategory.Deadlines);
        SetClock(scenario, At(Monday.AddDays(1), 8, 5));
        await SendAsync(scenario, Assert.Single(await scenario.DigestSweep().RunAsync()));
        SetClock(scenario, At(Monday.AddDays(1), 14));
        await database.Preferences().SetAsync(olive, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        await NotifyAsync(scenario, "Tuesday's option", At(Monday.AddDays(1), 15));
        SetClock(scenario, At(Monday.AddDays(2), 8, 5));
        var wednesday = await SendAsync(scenario, Assert.Single(await scenario.DigestSweep().RunAsync()));
        var admin = new EngagementHub.Core.Identity.Actor("admin-ada", "Ada Admin", 1, "Test LINk", EngagementHub.Core.Identity.UserRole.Admin);
        Assert.True((await scenario.Mailer(new RecordingEmailSender()).ResendAsync(admin, emailId)).Succeeded);
        var resent = new RecordingEmailSender();

        await scenario.Mailer(resent).SendAsync(emailId, maxAttempts: 6);

        Assert.DoesNotContain("Monday's option", wednesday.Body);
        Assert.Contains("About Monday's option.", Assert.Single(resent.Sent).Body);
    }

    /// <summary>A notice for the owner with its own e-mail, recorded as the notifier records them.</summary>
    /// <returns>The e-mail's delivery id.</returns>
    private static async Task<long> NoticeWithItsOwnEmailAsync(ReminderScenario scenario, string title, DateTimeOffset at)
    {
        await using var db = scenario.Database.CreateContext();
        var notification = new Notification(scenario.OwnerId, scenario.LinkId, title, $"About {title}.", PageLink.Exercise(1), at, NotificationCategory.Agreement,
            WorkflowEvents.OptionProposed, needsAction: true);
        var delivery = new ReminderDelivery(notification, at);
        db.Notifications.Add(notification);
        db.ReminderDeliveries.Add(delivery);
        await db.SaveChangesAsync();
        return delivery.Id;
    }

    // The notice's own e-mail failed, and the person then chose the daily digest for its category: the digest carries it,
    // and an administrator's resend of the failed e-mail afterwards does not send it twice.
    [Fact]
    public async Task RunAsync_OwnEmailFailedThenADigestChosen_TheDigestCarriesItAndTheResendIsCancelled()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        var olive = Owner(scenario);
        SetClock(scenario, At(Monday, 10));
        var emailId = await NoticeWithItsOwnEmailAsync(scenario, "Monday's option", At(Monday, 10));

        await Assert.ThrowsAsync<IOException>(() => scenario.Mailer(new RefusingEmailSender()).SendAsync(emailId, maxAttempts: 1));
        await database.Preferences().SetAsync(olive, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        SetClock(scenario, At(Monday.AddDays(1), 8, 5));
        var digest = await SendAsync(scenario, Assert.Single(await scenario.DigestSweep().RunAsync()));
        await database.Preferences().SetAsync(olive, NotificationCategory.Agreement, DeliveryPreference.Immediately);
        var admin = new EngagementHub.Core.Identity.Actor("admin-ada", "Ada Admin", 1, "Test LINk", EngagementHub.Core.Identity.UserRole.Admin);
        Assert.True((await scenario.Mailer(new RecordingEmailSender()).ResendAsync(admin, emailId)).Succeeded);
        var resent = new RecordingEmailSender();
        await scenario.Mailer(resent).SendAsync(emailId, maxAttempts: 6);

        Assert.Contains("Monday's option", digest.Body);
        Assert.Empty(resent.Sent);
        Assert.Equal(DeliveryStatus.Cancelled, (await scenario.DeliveriesAsync()).Single(d => d.Id == emailId).Status);
    }

    // A digest that could not be sent carries its notices when it is sent again: they count as carried only once sent.
    [Fact]
    public async Task SendAsync_DigestFailedThenResent_StillCarriesItsNotices()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        await ChooseAsync(scenario, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        await NotifyAsync(scenario, "Monday's option", At(Monday, 10));
        SetClock(scenario, At(Monday.AddDays(1), 8, 5));
        var digest = Assert.Single(await scenario.DigestSweep().RunAsync());
        await Assert.ThrowsAsync<IOException>(() => scenario.Mailer(new RefusingEmailSender()).SendAsync(digest, maxAttempts: 1));
        var admin = new EngagementHub.Core.Identity.Actor("admin-ada", "Ada Admin", 1, "Test LINk", EngagementHub.Core.Identity.UserRole.Admin);
        Assert.True((await scenario.Mailer(new RecordingEmailSender()).ResendAsync(admin, digest)).Succeeded);

        Assert.Contains("Monday's option", (await SendAsync(scenario, digest)).Body);
        await using var db = database.CreateContext();
        Assert.Equal(digest, await db.Notifications.Where(n => n.Title == "Monday's option").Select(n => n.CarriedByDigestId).SingleAsync());
    }

    // The owner takes the agreement notices in the daily digest. At 10:00 on Monday the commissioner proposes an option
    // to the LINk (a notice that asks the owner's side to agree it); at 11:00 a colleague of the owner agrees it. Tuesday's
    // digest says what happened, not that it needs the owner: "My work" no longer lists it.
    [Fact]
    public async Task SendAsync_StepAColleagueTookBeforeTheDigest_NotListedAsNeedingYou()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        SetClock(scenario, At(Monday, 7));
        await scenario.Database.Preferences().SetAsync(Owner(scenario), NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        SetClock(scenario, At(Monday, 10));
        var (exercises, id, _) = await OptionProposedToTheLinkAsync(scenario);
        var colleague = await scenario.AddUserAsync("lara@link.test");
        SetClock(scenario, At(Monday, 11));
        var link = (await exercises.GetAsync(id))!.Exercise.LinkOrganisationId;
        Assert.True((await exercises.AgreeAsync(new Actor(colleague, "Lara", link, "Test LINk", UserRole.Editor), id,
            (await exercises.GetAsync(id))!.Exercise.CurrentProposal!.Id)).Succeeded);

        SetClock(scenario, At(Monday.AddDays(1), 8, 5));
        var sent = await SendAsync(scenario, Assert.Single(await scenario.DigestSweep().RunAsync()));

        Assert.Equal("Your daily digest: 1 update", sent.Subject);
        Assert.DoesNotContain("NEEDS YOU", sent.Body);
        Assert.Contains("WHAT CHANGED", sent.Body);
        Assert.Contains("no longer needs you", sent.Body);
    }

    // The owner takes the agreement notices in the daily digest. A notice comes at 10:00 on Monday; at noon they choose
    // "E-mail me straight away". What was waiting for Tuesday's digest is e-mailed to them then, once: no digest of
    // either kind sends it again.
    [Fact]
    public async Task SetAsync_DailyDigestThenImmediately_WhatWasWaitingForTheDigestIsEmailedOnce()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        var preferences = database.Preferences();
        SetClock(scenario, At(Monday, 7));
        await preferences.SetAsync(Owner(scenario), NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        await NotifyAsync(scenario, "Monday's option", At(Monday, 10));
        SetClock(scenario, At(Monday, 12));
        await preferences.SetAsync(Owner(scenario), NotificationCategory.Agreement, DeliveryPreference.Immediately);

        var sender = new RecordingEmailSender();
        var mailer = scenario.Mailer(sender);
        foreach (var day in new[] { Monday, Monday.AddDays(1), Monday.AddDays(2), Monday.AddDays(7) })
        {
            SetClock(scenario, At(day, day == Monday ? 12 : 8, 5));
            foreach (var id in (await scenario.DigestSweep().RunAsync()).Concat(await mailer.UnsentAsync()))
            {
                await mailer.SendAsync(id, maxAttempts: 6);
            }
        }

        var sent = Assert.Single(sender.Sent, m => m.Body.Contains("Monday's option", StringComparison.Ordinal));
        Assert.Contains($"This notice is from {UkTime.Format(At(Monday, 10))}.", sent.Body);
    }

    // The owner is e-mailed the due-date reminder of their request; an hour later they move deadlines to the daily
    // digest. The next morning's digest does not repeat the reminder they were e-mailed.
    [Fact]
    public async Task RunAsync_ReminderEmailedThenDailyDigestChosen_TheDigestDoesNotRepeatIt()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        scenario.SetToday(scenario.DueDate);
        var emailed = new RecordingEmailSender();
        foreach (var id in (await scenario.Sweep().RunAsync()).EmailDeliveryIds)
        {
            await scenario.Mailer(emailed).SendAsync(id, maxAttempts: 6);
        }

        Assert.Single(emailed.Sent, m => m.To == ReminderScenario.OwnerEmail);
        SetClock(scenario, database.Clock.GetUtcNow().AddHours(1));
        await database.Preferences().SetAsync(Owner(scenario), NotificationCategory.Deadlines, DeliveryPreference.DailyDigest);
        await NotifyAsync(scenario, "Something else", database.Clock.GetUtcNow().AddMinutes(5), NotificationCategory.Deadlines);

        SetClock(scenario, At(scenario.Calendar.NextWorkingDay(scenario.DueDate.AddDays(1)), 8, 5));
        var digest = await SendAsync(scenario, Assert.Single(await scenario.DigestSweep().RunAsync()));

        Assert.Contains("Something else", digest.Body);
        Assert.DoesNotContain("Due today", digest.Body);
    }

    /// <summary>The commissioner of the scenario creates an exercise and proposes option 2 to the LINk, now.</summary>
    // The person's organisation is deactivated between the sweep's read of who takes a digest and its write: no digest is
    // recorded for them (nothing is addressed to its people, ADR 4), so no window is spent on one the mailer would cancel.
    // Reactivated, their next digest carries what came meanwhile.
    [Fact]
    public async Task RunAsync_OrganisationDeactivatedBetweenTheSweepsReadAndItsWrite_NoDigestRecordedTheNextOneCarriesIt()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        SetClock(scenario, At(Friday, 9));
        await ChooseAsync(scenario, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        await NotifyAsync(scenario, "Monday's option", At(Monday, 6));
        SetClock(scenario, At(Monday, 8, 5));
        var pause = new QueryPause(c => c.CommandText.Contains("\"DigestSchedules\"", StringComparison.Ordinal));
        var sweep = new DigestSweep(
            pause.Factory(database), new BankHolidayCalendar(database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), database.Clock),
            database.Clock, NullLogger<DigestSweep>.Instance);

        var sweeping = Task.Run(() => sweep.RunAsync());
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        await scenario.Database.SetOrganisationActiveAsync(scenario.LinkId, active: false);
        pause.Release();

        Assert.Empty(await sweeping);
        Assert.DoesNotContain(await scenario.DeliveriesAsync(), d => d.WindowEnd != null);

        await scenario.Database.SetOrganisationActiveAsync(scenario.LinkId, active: true);
        SetClock(scenario, At(Monday, 8, 20));
        var digest = Assert.Single(await scenario.DigestSweep().RunAsync());
        Assert.Contains("Monday's option", (await SendAsync(scenario, digest)).Body);
    }

    private static async Task<(ExerciseService Exercises, int Id, Actor Lead)> OptionProposedToTheLinkAsync(ReminderScenario scenario)
    {
        int commissioner;
        await using (var db = scenario.Database.CreateContext())
        {
            await StandardCommunities.EnsureAsync(db);
            commissioner = await db.Deadlines.Where(d => d.Id == scenario.DeadlineId).Select(d => d.ToOrganisationId).SingleAsync();
        }

        var lead = new Actor(await scenario.AddUserAsync("colin@pct.test", atCommissioner: true), "Colin Marsh", commissioner, "Test PCT", UserRole.Editor);
        var exercises = new ExerciseService(scenario.Database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), scenario.Database.Clock);
        var created = await exercises.CreateAsync(lead, new ExerciseInput
        {
            Title = "Maternity choices", Purpose = "Ask families about place of birth.", LeadCommissionerId = commissioner,
            DecisionInformed = "Maternity strategy", DecisionDate = new DateOnly(2027, 2, 11), StartDate = new DateOnly(2026, 9, 1), EndDate = new DateOnly(2026, 12, 18),
        });
        Assert.True(created.Succeeded);
        Assert.True((await exercises.ProposeOptionAsync(lead, created.Value, 2, "We need the LINk's reach.", [], ProposalSeen.Of((await exercises.GetAsync(created.Value))!.Exercise.CurrentProposal))).Succeeded);
        return (exercises, created.Value, lead);
    }

    /// <summary>
    /// The owner takes the daily digest; Tuesday's carries Monday's notice; at noon on Tuesday they choose "in the app
    /// only", Wednesday brings a notice, and at noon on Thursday they take the daily digest again.
    /// </summary>
    private static async Task DailyDigestThenASpellInTheAppOnlyAsync(ReminderScenario scenario)
    {
        var olive = Owner(scenario);
        var preferences = scenario.Database.Preferences();
        await preferences.SetAsync(olive, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        await NotifyAsync(scenario, "Monday's option", At(Monday, 10));
        SetClock(scenario, At(Monday.AddDays(1), 8, 5));
        Assert.Contains("Monday's option", (await SendAsync(scenario, Assert.Single(await scenario.DigestSweep().RunAsync()))).Body);
        SetClock(scenario, At(Monday.AddDays(1), 12));
        await preferences.SetAsync(olive, NotificationCategory.Agreement, DeliveryPreference.InAppOnly);
        await NotifyAsync(scenario, "Wednesday's option", At(Monday.AddDays(2), 10));
        SetClock(scenario, At(Monday.AddDays(3), 12));
        await preferences.SetAsync(olive, NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
    }

    /// <summary>The scenario's owner, who chooses how they hear of each category.</summary>
    private static EngagementHub.Core.Identity.Actor Owner(ReminderScenario scenario) =>
        new(scenario.OwnerId, "Olive Owner", null, null, EngagementHub.Core.Identity.UserRole.Editor);

    private static DateTimeOffset At(DateOnly date, int hour, int minute = 0) => DigestSchedule.At(date, hour).AddMinutes(minute);

    private static void SetClock(ReminderScenario scenario, DateTimeOffset at) => scenario.Database.Clock.SetUtcNow(at);

    private static async Task ChooseAsync(ReminderScenario scenario, NotificationCategory category, DeliveryPreference delivery)
    {
        await using var db = scenario.Database.CreateContext();
        db.NotificationPreferences.Add(new NotificationPreference(scenario.OwnerId, category, delivery, scenario.Database.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    private static async Task<long> NotifyAsync(
        ReminderScenario scenario, string title, DateTimeOffset at, NotificationCategory category = NotificationCategory.Agreement, bool needsAction = false,
        PageLink? link = null)
    {
        await using var db = scenario.Database.CreateContext();
        link ??= PageLink.Exercise(category == NotificationCategory.Exercises ? 2 : 1);
        var notification = new Notification(scenario.OwnerId, scenario.LinkId, title, $"About {title}.", link, at, category, "test", needsAction);
        db.Notifications.Add(notification);
        await db.SaveChangesAsync();
        return notification.Id;
    }

    private static async Task<EmailMessage> SendAsync(ReminderScenario scenario, long deliveryId)
    {
        var sender = new RecordingEmailSender();
        await scenario.Mailer(sender).SendAsync(deliveryId, maxAttempts: 6);
        return Assert.Single(sender.Sent);
    }
}
