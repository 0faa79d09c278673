using EngagementHub.Core;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.History;
using EngagementHub.Core.Home;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Data.Deadlines;

/// <summary>
/// Handing a deadline to a new owner of the LINk (ADR 12, "A deadline handed to a new owner"): who may, to whom, what is
/// refused and said next to the field, who is told, and that the reminders and "My work" follow the new owner. Run
/// against SQLite and PostgreSQL.
/// </summary>
public abstract class DeadlineHandOverTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : DeadlineHandOverTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : DeadlineHandOverTests(DatabaseProvider.PostgreSql);

    private const string Field = DeadlineHandOverInput.NewOwnerField;
    private TestDatabase _database = default!;
    private ReminderScenario _scenario = default!;
    private CapturingLoggerProvider _logs = default!;
    private DeadlineService _service = default!;

    // The LINk: Olive Owner (editor, who logged it), Mo (editor), Larry (administrator), Vic (viewer), Dora (editor, disabled).
    // The commissioner it was sent to: Colin (editor).
    private string _mo = "", _larry = "", _vic = "", _dora = "", _colin = "";
    private readonly Dictionary<string, string> _names = [];

    public async Task InitializeAsync()
    {
        // Received Monday 2 November 2026: due Friday 27 November, reminded on the 20th and the 26th.
        var received = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
        _database = await ReminderScenario.DatabaseAsync(provider, received);
        _database.Clock.SetUtcNow(received);
        _scenario = await ReminderScenario.LoadAsync(_database);
        _mo = await AddAsync("mo.patel@link.test");
        _larry = await AddAsync("larry.admin@link.test", role: UserRole.Admin);
        _vic = await AddAsync("vic.viewer@link.test", role: UserRole.Viewer);
        _dora = await AddAsync("dora.left@link.test");
        _colin = await AddAsync("colin@pct.test", atCommissioner: true);
        _names[_scenario.OwnerId] = "Olive Owner";
        await using (var db = _database.CreateContext())
        {
            (await db.Users.SingleAsync(u => u.Id == _dora)).IsDisabled = true;
            await db.SaveChangesAsync();
        }

        _logs = new CapturingLoggerProvider();
        var access = new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>());
        _service = new DeadlineService(_database.Factory, new BankHolidayCalendar(_database.Factory, access, _database.Clock), access, _database.Clock);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<string> AddAsync(string email, bool atCommissioner = false, UserRole role = UserRole.Editor)
    {
        var id = await _scenario.AddUserAsync(email, atCommissioner, role);
        _names[id] = email.Split('@')[0];
        return id;
    }

    /// <summary>The person as they act from a page: their name, role and organisation as their account has them.</summary>
    private Actor As(string userId, UserRole role = UserRole.Editor, bool atCommissioner = false) =>
        new(userId, _names[userId], atCommissioner ? _scenario.CommissionerId : _scenario.LinkId, atCommissioner ? "Test PCT" : "Test LINk", role);

    private async Task<ResponseDeadline> DeadlineAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Deadlines.AsNoTracking().SingleAsync(d => d.Id == _scenario.DeadlineId);
    }

    /// <summary>Hands the deadline over as a page would: with the version it read now, unless given an older one.</summary>
    private async Task<Outcome> HandOverAsync(Actor by, string to, Guid? version = null) =>
        await _service.HandOverAsync(by, _scenario.DeadlineId,
            new DeadlineHandOverInput { NewOwnerUserId = to, Version = version ?? (await DeadlineAsync()).Version });

    /// <summary>Text as read, without the marks that isolate the names and subjects people typed.</summary>
    private static string Plain(string text) => text.Replace("\u2068", "", StringComparison.Ordinal).Replace("\u2069", "", StringComparison.Ordinal);

    private async Task<List<Notification>> HandOverNoticesAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Notifications.AsNoTracking().Where(n => n.Event == WorkflowEvents.DeadlineHandedOver).OrderBy(n => n.Id).ToListAsync();
    }

    [Fact]
    public async Task HandOverAsync_AnAdministratorHandsItToAnotherEditor_TheyOwnItAndTheHistorySaysSo()
    {
        var outcome = await HandOverAsync(As(_larry, UserRole.Admin), _mo);

        Assert.True(outcome.Succeeded, outcome.Problem ?? string.Join("; ", outcome.Errors.Select(e => e.Message)));
        var deadline = await DeadlineAsync();
        Assert.Equal((_mo, "mo.patel"), (deadline.OwnerUserId, deadline.OwnerName));
        await using var db = _database.CreateContext();
        var key = _scenario.DeadlineId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entry = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(ResponseDeadline) && a.EntityId == key)
            .OrderBy(a => a.Id).LastAsync();
        Assert.Equal((AuditAction.Modified, "larry.admin"), (entry.Action, entry.UserName));
        var line = AuditText.Describe(entry);
        Assert.Equal("handed the deadline over", line.Action);
        Assert.Equal(["Person who follows it up changed from “Olive Owner” to “mo.patel”."], line.Details);
    }

    [Fact]
    public async Task HandOverAsync_HandedToAColleague_TheNewOwnerAndTheOneBeforeAreToldEachByTheirOwnChoice()
    {
        await using (var db = _database.CreateContext())
        {
            // The owner before hears of deadlines in the app only; the new owner keeps the default, e-mailed at once.
            db.NotificationPreferences.Add(new NotificationPreference(_scenario.OwnerId, NotificationCategory.Deadlines, DeliveryPreference.InAppOnly, _database.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        Assert.True((await HandOverAsync(As(_larry, UserRole.Admin), _mo)).Succeeded);

        var notices = await HandOverNoticesAsync();
        Assert.Equal(new[] { _mo, _scenario.OwnerId }.Order(StringComparer.Ordinal), notices.Select(n => n.UserId).Order(StringComparer.Ordinal));
        var toMo = Assert.Single(notices, n => n.UserId == _mo);
        Assert.Equal("Handed to you: Waiting times for wheelchair assessments", Plain(toMo.Title));
        Assert.Contains("handed you the request for information", toMo.Body);
        Assert.Contains("You follow it up for the LINk from now on", toMo.Body);
        Assert.Equal((PageLink.Deadline(_scenario.DeadlineId).Stored, false), (toMo.Link, toMo.NeedsAction));
        var toOlive = Assert.Single(notices, n => n.UserId == _scenario.OwnerId);
        Assert.StartsWith("Handed over:", toOlive.Title, StringComparison.Ordinal);
        Assert.Contains("mo.patel", toOlive.Body);
        Assert.Contains("gets its reminders in your place", toOlive.Body);
        await using var check = _database.CreateContext();
        var emailed = await check.ReminderDeliveries.AsNoTracking().Where(r => r.NotificationId != null).Select(r => r.NotificationId).ToListAsync();
        Assert.Equal([toMo.Id], emailed);
    }

    // The commissioner's named contact, Janet Rowe, deals with whoever follows the request up at the LINk: she learns
    // who that is now. Without a named contact, the commissioner's editors do.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task HandOverAsync_TheOrganisationThatOwesTheAnswer_LearnsWhoFollowsItUpNow(bool namedContact)
    {
        var janet = await AddAsync(ReminderScenario.ContactEmail, atCommissioner: true);
        if (!namedContact)
        {
            await using var db = _database.CreateContext();
            await db.Deadlines.Where(d => d.Id == _scenario.DeadlineId).ExecuteUpdateAsync(u => u.SetProperty(d => d.ToContactId, (int?)null));
        }

        Assert.True((await HandOverAsync(As(_larry, UserRole.Admin), _mo)).Succeeded);

        var atTheCommissioner = (await HandOverNoticesAsync()).Where(n => n.OrganisationId == _scenario.CommissionerId).ToList();
        Assert.Equal(namedContact ? [janet] : new[] { janet, _colin }.Order(StringComparer.Ordinal), atTheCommissioner.Select(n => n.UserId).Order(StringComparer.Ordinal));
        var notice = atTheCommissioner[0];
        Assert.Equal("Followed up by mo.patel now: Waiting times for wheelchair assessments", Plain(notice.Title));
        Assert.Contains("handed to mo.patel the LINk's follow-up of the request for information", Plain(notice.Body));
        Assert.Contains("which Olive Owner followed up until now", Plain(notice.Body));
        Assert.False(notice.NeedsAction);
    }

    [Fact]
    public async Task HandOverAsync_TakenOverByAnEditor_OnlyTheOwnerBeforeIsTold()
    {
        Assert.True((await HandOverAsync(As(_mo), _mo)).Succeeded);

        Assert.Equal(_mo, (await DeadlineAsync()).OwnerUserId);
        var notice = Assert.Single(await HandOverNoticesAsync());
        Assert.Equal(_scenario.OwnerId, notice.UserId);
        Assert.Contains("mo.patel (Test LINk) took over the request for information", Plain(notice.Body));
        Assert.Contains("They follow it up for the LINk from now on, and get its reminders in your place.", Plain(notice.Body));
    }

    [Fact]
    public async Task HandOverAsync_TheOwnerBeforeHasLeftTheLink_OnlyTheNewOwnerIsTold()
    {
        await using (var db = _database.CreateContext())
        {
            (await db.Users.SingleAsync(u => u.Id == _scenario.OwnerId)).OrganisationId = _scenario.CommissionerId;
            await db.SaveChangesAsync();
        }

        Assert.True((await _service.OwnerChoicesAsync(As(_larry, UserRole.Admin), _scenario.DeadlineId)).OwnerHasLeft);

        Assert.True((await HandOverAsync(As(_larry, UserRole.Admin), _mo)).Succeeded);

        Assert.Equal(_mo, Assert.Single(await HandOverNoticesAsync()).UserId);
        Assert.False((await _service.OwnerChoicesAsync(As(_larry, UserRole.Admin), _scenario.DeadlineId)).OwnerHasLeft);
    }

    [Fact]
    public async Task OwnerChoicesAsync_AnEditorOfTheLink_ListsItsActiveEditorsAndAdministratorsButTheOwner_ThemselvesFirst()
    {
        var choices = await _service.OwnerChoicesAsync(As(_mo), _scenario.DeadlineId);

        Assert.Equal([(_mo, true), (_larry, false)], choices.Options.Select(o => (o.UserId, o.IsYou)).ToArray());
        Assert.False(choices.OwnerHasLeft);
        Assert.Same(DeadlineOwnerChoices.None, await _service.OwnerChoicesAsync(As(_colin, atCommissioner: true), _scenario.DeadlineId));
        Assert.Same(DeadlineOwnerChoices.None, await _service.OwnerChoicesAsync(As(_vic, UserRole.Viewer), _scenario.DeadlineId));
    }

    [Theory]
    [InlineData("commissioner")]
    [InlineData("viewer")]
    public async Task HandOverAsync_NotAnEditorOfTheLinkThatSentIt_RefusedAndLogged(string who)
    {
        var actor = who == "viewer" ? As(_vic, UserRole.Viewer) : As(_colin, atCommissioner: true);
        Assert.False(DeadlineService.CanHandOver(actor, await DeadlineAsync()));

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => HandOverAsync(actor, actor.UserId!));

        Assert.Equal("Only the LINk that sent it can do this.", denied.Message);
        var warning = Assert.Single(_logs.Warnings);
        Assert.Contains(actor.UserId!, warning.Message);
        Assert.Contains("hand over a deadline", warning.Message);
        Assert.Equal(_scenario.OwnerId, (await DeadlineAsync()).OwnerUserId);
        Assert.Empty(await HandOverNoticesAsync());
    }

    [Theory]
    [InlineData("viewer", "vic.viewer can only view Test LINk's records; its editors and administrators follow up its deadlines, so they cannot follow it up.")]
    [InlineData("disabled", "dora.left's account can no longer be used, so they cannot follow it up.")]
    [InlineData("commissioner", "colin is no longer at Test LINk, so they cannot follow it up.")]
    [InlineData("nobody", "Choose who follows it up from the list.")]
    [InlineData("owner", "Olive Owner already follows it up. Choose someone else to hand it to, or leave it with them.")]
    [InlineData("", "Choose who follows it up from now on.")]
    public async Task HandOverAsync_ToSomeoneWhoCannotTakeItOn_RefusedNextToTheField(string whom, string message)
    {
        var to = whom switch
        {
            "viewer" => _vic,
            "disabled" => _dora,
            "commissioner" => _colin,
            "nobody" => "no-such-account",
            "owner" => _scenario.OwnerId,
            _ => "",
        };

        var outcome = await HandOverAsync(As(_larry, UserRole.Admin), to);

        Assert.StartsWith(message, Plain(Assert.Single(outcome.ErrorsFor(Field))), StringComparison.Ordinal);
        Assert.Null(outcome.Problem);
        Assert.Equal(_scenario.OwnerId, (await DeadlineAsync()).OwnerUserId);
        Assert.Empty(await HandOverNoticesAsync());
        Assert.Empty(_logs.Warnings);
    }

    [Theory]
    [InlineData("answered", "This request for information was answered on Fri 27 Nov 2026: nobody follows it up any more")]
    [InlineData("withdrawn", "This request for information was withdrawn on Mon 2 Nov 2026: nobody follows it up any more")]
    public async Task HandOverAsync_Closed_RefusedNextToTheFieldSayingWhatClosedIt(string how, string message)
    {
        if (how == "answered")
        {
            await _scenario.AnswerAsync();
        }
        else
        {
            Assert.True((await _service.WithdrawAsync(As(_scenario.OwnerId), _scenario.DeadlineId)).Succeeded);
        }

        Assert.False(DeadlineService.CanHandOver(As(_larry, UserRole.Admin), await DeadlineAsync()));

        var outcome = await HandOverAsync(As(_larry, UserRole.Admin), _mo);

        Assert.StartsWith(message, Plain(Assert.Single(outcome.ErrorsFor(Field))), StringComparison.Ordinal);
        Assert.Equal(_scenario.OwnerId, (await DeadlineAsync()).OwnerUserId);
        Assert.Empty(await HandOverNoticesAsync());
    }

    [Fact]
    public async Task HandOverAsync_FromAPageReadBeforeSomeoneElseHandedItOver_RefusedNamingWhoAndNothingChanges()
    {
        var read = (await DeadlineAsync()).Version;
        Assert.True((await HandOverAsync(As(_larry, UserRole.Admin), _mo, read)).Succeeded);

        var outcome = await HandOverAsync(As(_scenario.OwnerId), _larry, read);

        Assert.Empty(outcome.Errors);
        Assert.StartsWith("larry.admin saved this deadline on 2 Nov 2026 at 10:00 while you were editing it (changed: Person who follows it up).", Plain(outcome.Problem!),
            StringComparison.Ordinal);
        Assert.Equal(_mo, (await DeadlineAsync()).OwnerUserId);
        // The refused hand-over told nobody: only the first one's notices stand.
        Assert.Equal(2, (await HandOverNoticesAsync()).Count);
    }

    [Fact]
    public async Task ReminderSweep_AfterAHandOver_TheNextReminderGoesToTheNewOwnerAndTheOneBeforeIsNotRemindedAgain()
    {
        _scenario.SetToday(ReminderPlanner.WorkingDaysBefore(_scenario.DueDate, 5, _scenario.Calendar));
        var first = await _scenario.Sweep().RunAsync();
        Assert.Contains(await _scenario.DeliveriesAsync(), d => d.Recipient == _scenario.OwnerId && d.Step == "before-5");

        // Handed over the same day, before the owner's e-mail of the step went: that e-mail is not sent, and the step is not
        // sent again to the new owner.
        Assert.True((await HandOverAsync(As(_larry, UserRole.Admin), _mo)).Succeeded);
        var sender = new RecordingEmailSender();
        foreach (var id in first.EmailDeliveryIds)
        {
            await _scenario.Mailer(sender).SendAsync(id, maxAttempts: 6);
        }

        await _scenario.Sweep().RunAsync();
        Assert.DoesNotContain(sender.Sent, m => m.To == ReminderScenario.OwnerEmail);
        Assert.DoesNotContain(await _scenario.DeliveriesAsync(), d => d.Recipient == _mo && d.DeadlineId == _scenario.DeadlineId);

        _scenario.SetToday(ReminderPlanner.WorkingDaysBefore(_scenario.DueDate, 1, _scenario.Calendar));
        var next = await _scenario.Sweep().RunAsync();
        foreach (var id in next.EmailDeliveryIds)
        {
            await _scenario.Mailer(sender).SendAsync(id, maxAttempts: 6);
        }

        var deliveries = await _scenario.DeliveriesAsync();
        Assert.Contains(deliveries, d => d.Recipient == _mo && d.Step == "before-1" && d.Channel == DeliveryChannel.InApp);
        Assert.DoesNotContain(deliveries, d => d.Recipient == _scenario.OwnerId && d.Step == "before-1");
        var mail = Assert.Single(sender.Sent, m => m.To == "mo.patel@link.test");
        Assert.Contains("You are following up the request for information", mail.Body);
        var notice = Assert.Single(await _scenario.NotificationsAsync(), n => n.UserId == _mo && n.Event == WorkflowEvents.Reminder);
        Assert.StartsWith("Due in 1 working day:", notice.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReminderSweep_OwnerHadLeftThenHandedOver_TheStandInsAskedToHandItOverAreRemindedNoMore()
    {
        await using (var db = _database.CreateContext())
        {
            (await db.Users.SingleAsync(u => u.Id == _scenario.OwnerId)).IsDisabled = true;
            await db.SaveChangesAsync();
        }

        _scenario.SetToday(ReminderPlanner.WorkingDaysBefore(_scenario.DueDate, 5, _scenario.Calendar));
        await _scenario.Sweep().RunAsync();
        var standIn = Assert.Single(await _scenario.NotificationsAsync(), n => n.UserId == _larry && n.Event == WorkflowEvents.Reminder);
        Assert.Contains("can no longer be reminded, so the LINk's editors are", standIn.Body);
        Assert.Contains("Hand it over on its page to one of you to follow up, who is reminded from then on.", standIn.Body);

        Assert.True((await HandOverAsync(As(_larry, UserRole.Admin), _mo)).Succeeded);
        _scenario.SetToday(ReminderPlanner.WorkingDaysBefore(_scenario.DueDate, 1, _scenario.Calendar));
        await _scenario.Sweep().RunAsync();

        // The LINk's side of the step (the named contact is reminded as ever): its owner alone.
        var lastStep = (await _scenario.DeliveriesAsync()).Where(d => d.Step == "before-1" && d.Recipient != ReminderScenario.ContactEmail).Select(d => d.Recipient).Distinct().ToList();
        Assert.Equal([_mo], lastStep);
        var reminded = Assert.Single(await _scenario.NotificationsAsync(), n => n.UserId == _mo && n.Title.StartsWith("Due in 1 working day:", StringComparison.Ordinal));
        Assert.StartsWith("You are following up", reminded.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyWork_AfterAHandOver_TheNewOwnerSeesTheyFollowItUpAndTheOthersWhoDoes()
    {
        _scenario.SetToday(_scenario.DueDate.AddDays(-3));
        await using (var db = _database.CreateContext())
        {
            (await db.Users.SingleAsync(u => u.Id == _scenario.OwnerId)).IsDisabled = true;
            await db.SaveChangesAsync();
        }

        var myWork = new MyWorkService(_database.Factory, _database.Clock);
        var link = PageLink.Deadline(_scenario.DeadlineId);
        var before = Assert.Single((await myWork.ForAsync(As(_larry, UserRole.Admin)))!.Deadlines, i => i.Link == link);
        Assert.EndsWith("; Olive Owner, who followed it up, has left the LINk: hand it over on its page", Plain(before.Detail), StringComparison.Ordinal);

        Assert.True((await HandOverAsync(As(_larry, UserRole.Admin), _mo)).Succeeded);

        var mine = Assert.Single((await myWork.ForAsync(As(_mo)))!.Deadlines, i => i.Link == link);
        Assert.EndsWith("; you follow it up", mine.Detail, StringComparison.Ordinal);
        Assert.StartsWith("Follow it up with Test PCT", Plain(mine.NextStep), StringComparison.Ordinal);
        var theirs = Assert.Single((await myWork.ForAsync(As(_larry, UserRole.Admin)))!.Deadlines, i => i.Link == link);
        Assert.EndsWith("; mo.patel follows it up", Plain(theirs.Detail), StringComparison.Ordinal);
    }
}
