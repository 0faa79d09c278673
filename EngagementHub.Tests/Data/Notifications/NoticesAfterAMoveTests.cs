using EngagementHub.Core;
using EngagementHub.Core.Accounts;
using EngagementHub.Core.Common;
using EngagementHub.Core.Home;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Reminders;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Data.Notifications;

/// <summary>
/// A notice belongs to the organisation its reader was in when it was addressed. Olive, the LINk's officer, is told of
/// the LINk's business; an administrator then moves her to the commissioner. What she was told at the LINk is no longer
/// e-mailed to her (at once, in a digest or as a reminder), nor listed, counted or marked in her notification centre or
/// on her home page; what she is told at the commissioner is. SQLite and PostgreSQL.
/// </summary>
public abstract class NoticesAfterAMoveTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : NoticesAfterAMoveTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : NoticesAfterAMoveTests(DatabaseProvider.PostgreSql);

    // Monday 12 October 2026 (British Summer Time: 08:00 UK is 07:00 UTC).
    private static readonly DateOnly Monday = new(2026, 10, 12);

    private readonly CapturingLoggerProvider _logs = new();
    private readonly RecordingEmailSender _sender = new();
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private ReminderScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _database = await ReminderScenario.DatabaseAsync(provider);
        _services = CoreServices.Build(_database, _logs, alter: s =>
        {
            s.AddSingleton<IEmailSender>(_sender);
            s.AddTransient<ReminderMailer>();
        });
        _scenario = await ReminderScenario.LoadAsync(_database);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static Actor Admin => new("admin-1", "Ada Admin", null, null, UserRole.Admin);

    private Actor OliveAtTheLink => new(_scenario.OwnerId, "Olive Owner", _scenario.LinkId, "Test LINk", UserRole.Editor);

    private Actor OliveAtTheCommissioner => new(_scenario.OwnerId, "Olive Owner", _scenario.CommissionerId, "Test PCT", UserRole.Editor);

    private T Service<T>() where T : notnull => _services.GetRequiredService<T>();

    [Fact]
    public async Task SendAsync_NoticesEmailAtOnce_OliveMovedBeforeItGoes_NotSentCancelledAndLogged()
    {
        var (_, email) = await NotifyAsync(_scenario.LinkId, "Option 2 proposed for \"Maternity choices\"");

        await MoveOliveAsync(_scenario.CommissionerId);
        await Service<ReminderMailer>().SendAsync(email!.Value, maxAttempts: 6);

        Assert.Empty(_sender.Sent);
        Assert.Equal(DeliveryStatus.Cancelled, (await DeliveryAsync(email.Value)).Status);
        Assert.Contains(_logs.Logs, l => l.Message.Contains($"Notification e-mail {email} not sent: {_scenario.OwnerId} has moved", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_NoticesEmailAtOnce_OliveMovedAndBackBeforeItGoes_Sent()
    {
        var (_, email) = await NotifyAsync(_scenario.LinkId, "Option 2 proposed for \"Maternity choices\"");

        await MoveOliveAsync(_scenario.CommissionerId);
        await MoveOliveAsync(_scenario.LinkId);
        await Service<ReminderMailer>().SendAsync(email!.Value, maxAttempts: 6);

        Assert.Equal(ReminderScenario.OwnerEmail, Assert.Single(_sender.Sent).To);
    }

    [Fact]
    public async Task NotificationCentreAndHomePage_OliveMoved_ShowCountAndMarkOnlyWhatSheWasToldAtTheCommissioner()
    {
        var (atTheLink, _) = await NotifyAsync(_scenario.LinkId, "Option 2 proposed for \"Maternity choices\"");
        await NotifyAsync(_scenario.LinkId, "Extension proposed: Waiting times");
        var centre = Service<NotificationCentre>();
        Assert.Equal(2, await centre.UnreadCountAsync(OliveAtTheLink));

        await MoveOliveAsync(_scenario.CommissionerId);
        var (atTheCommissioner, _) = await NotifyAsync(_scenario.CommissionerId, "Timetable proposed: 2026/27");

        Assert.Equal([atTheCommissioner], (await centre.ListAsync(OliveAtTheCommissioner)).Select(n => n.Id));
        Assert.Equal(1, await centre.UnreadCountAsync(OliveAtTheCommissioner));
        var home = await Service<MyWorkService>().ForAsync(OliveAtTheCommissioner);
        Assert.Equal([atTheCommissioner], home!.Unread.Select(n => n.Id));
        Assert.Equal(1, home.UnreadCount);

        await centre.MarkReadAsync(OliveAtTheCommissioner, atTheLink);
        Assert.Equal(1, await centre.MarkAllReadAsync(OliveAtTheCommissioner));
        await using var db = _database.CreateContext();
        var read = await db.Notifications.AsNoTracking().ToDictionaryAsync(n => n.Id, n => n.IsRead);
        Assert.Equal(2, read.Count(r => !r.Value));
        Assert.True(read[atTheCommissioner]);
    }

    [Fact]
    public async Task NotificationCentre_OliveMovedAndBack_WhatSheWasToldAtTheLinkIsHersAgain()
    {
        var (atTheLink, _) = await NotifyAsync(_scenario.LinkId, "Option 2 proposed for \"Maternity choices\"");

        await MoveOliveAsync(_scenario.CommissionerId);
        await MoveOliveAsync(_scenario.LinkId);

        Assert.Equal([atTheLink], (await Service<NotificationCentre>().ListAsync(OliveAtTheLink)).Select(n => n.Id));
    }

    // The daily digest's sweep finds only what Olive was told at the LINk: nothing is recorded. Told something at the
    // commissioner as well, her digest carries that alone.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DigestSweep_NoticesAddressedBeforeAMove_NotCarried(bool toldAtTheCommissionerToo)
    {
        await ChooseAsync(NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        _database.Clock.SetUtcNow(At(Monday, 6));
        await NotifyAsync(_scenario.LinkId, "The LINk's option");
        await MoveOliveAsync(_scenario.CommissionerId);
        if (toldAtTheCommissionerToo)
        {
            await NotifyAsync(_scenario.CommissionerId, "The commissioner's option");
        }

        _database.Clock.SetUtcNow(At(Monday, 8, 5));
        var recorded = await Service<DigestSweep>().RunAsync();

        if (!toldAtTheCommissionerToo)
        {
            Assert.Empty(recorded);
            return;
        }

        await Service<ReminderMailer>().SendAsync(Assert.Single(recorded), maxAttempts: 6);
        var digest = Assert.Single(_sender.Sent);
        Assert.Contains("The commissioner's option", digest.Body);
        Assert.DoesNotContain("The LINk's option", digest.Body);
    }

    // Recorded before the move, sent after it: the digest is composed at send time, and has nothing left to carry.
    [Fact]
    public async Task SendAsync_DigestRecordedThenOliveMoved_CancelledAndLogged()
    {
        await ChooseAsync(NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        _database.Clock.SetUtcNow(At(Monday, 6));
        await NotifyAsync(_scenario.LinkId, "The LINk's option");
        _database.Clock.SetUtcNow(At(Monday, 8, 5));
        var digest = Assert.Single(await Service<DigestSweep>().RunAsync());

        await MoveOliveAsync(_scenario.CommissionerId);
        await Service<ReminderMailer>().SendAsync(digest, maxAttempts: 6);

        Assert.Empty(_sender.Sent);
        Assert.Equal(DeliveryStatus.Cancelled, (await DeliveryAsync(digest)).Status);
        Assert.Contains(_logs.Logs, l => l.Message.Contains($"Digest {digest}: 1 notices to {_scenario.OwnerId} left out", StringComparison.Ordinal));
    }

    // Olive chose the daily digest, was moved, and then asked to be e-mailed straight away: what waited for the digest
    // from her time at the LINk is not e-mailed to her now.
    [Fact]
    public async Task SetAsync_DigestToImmediatelyAfterAMove_QueuesNothingFromTheFormerOrganisation()
    {
        await ChooseAsync(NotificationCategory.Agreement, DeliveryPreference.DailyDigest);
        _database.Clock.SetUtcNow(At(Monday, 9));
        await NotifyAsync(_scenario.LinkId, "The LINk's option");
        await MoveOliveAsync(_scenario.CommissionerId);
        _database.Clock.SetUtcNow(At(Monday, 10));

        await Service<NotificationPreferences>().SetAsync(OliveAtTheCommissioner, NotificationCategory.Agreement, DeliveryPreference.Immediately);

        await using var db = _database.CreateContext();
        Assert.Empty(await db.ReminderDeliveries.AsNoTracking().Where(d => d.Channel == DeliveryChannel.Email).ToListAsync());
    }

    // The deadline's owner, or its named contact who has an account at the commissioner, is reminded by the sweep in the
    // app and by e-mail; then moved out of the organisation they were reminded for: the e-mail does not go and the
    // reminder leaves their notification centre. The other side's reminder goes as ever.
    [Theory]
    [InlineData("owner")]
    [InlineData("contact")]
    public async Task ReminderSweep_PersonMovedAfterTheSweep_ReminderNeitherEmailedNorListed(string who)
    {
        var contact = await _scenario.AddUserAsync(ReminderScenario.ContactEmail, atCommissioner: true);
        var (person, email, from, to) = who == "owner"
            ? (_scenario.OwnerId, ReminderScenario.OwnerEmail, _scenario.LinkId, _scenario.CommissionerId)
            : (contact, ReminderScenario.ContactEmail, _scenario.CommissionerId, _scenario.LinkId);
        Actor Person(int organisationId) => new(person, who, organisationId, null, UserRole.Editor);
        _scenario.SetToday(_scenario.DueDate);
        var result = await Service<ReminderSweep>().RunAsync();
        var centre = Service<NotificationCentre>();
        Assert.Single(await centre.ListAsync(Person(from)));

        await MoveAsync(person, to);
        foreach (var id in result.EmailDeliveryIds)
        {
            await Service<ReminderMailer>().SendAsync(id, maxAttempts: 6);
        }

        Assert.DoesNotContain(_sender.Sent, m => m.To.Equals(email, StringComparison.OrdinalIgnoreCase));
        Assert.Single(_sender.Sent);
        Assert.Empty(await centre.ListAsync(Person(to)));
        Assert.Equal(0, await centre.UnreadCountAsync(Person(to)));
    }

    // The owner chose deadlines in the daily digest: the sweep's reminder waits for it, and is not carried once the owner
    // has been moved to the commissioner.
    [Fact]
    public async Task ReminderSweepThenDigest_OwnerMovedBetween_ReminderNotCarried()
    {
        await ChooseAsync(NotificationCategory.Deadlines, DeliveryPreference.DailyDigest);
        _scenario.SetToday(_scenario.DueDate);
        await Service<ReminderSweep>().RunAsync();
        await MoveOliveAsync(_scenario.CommissionerId);

        _database.Clock.SetUtcNow(At(_scenario.Calendar.AddWorkingDays(_scenario.DueDate, 1), 8, 5));
        var recorded = await Service<DigestSweep>().RunAsync();

        Assert.Empty(recorded);
    }

    // Olive's e-mail of a notice she was told at the LINk (a workflow notice's own e-mail, or the sweep's reminder linked to
    // her notice of it) failed; then she was moved to the commissioner. The administrators still see the failure, to her
    // address, but not the notice's title or the deadline's subject, nor a link to it: that is the LINk's business, not
    // hers now, as her notification centre leaves it out. It is not offered for resending, and a resend is refused with
    // why (it would not be sent to her). Moved back, it is hers again: its title is shown and it can be resent. A reminder
    // recorded before reminders were linked to their notice has no notice to say where it was addressed: the deadline
    // does (its owner is reminded under the LINk that sent it), and the same rule holds.
    [Theory]
    [InlineData("notice")]
    [InlineData("reminder")]
    [InlineData("reminder with no notice linked")]
    public async Task FailedAsync_EmailFailedThenItsPersonMoved_ListedWithoutTheTitleAndNotResentUntilMovedBack(string what)
    {
        string title;
        long email;
        if (what == "notice")
        {
            title = "Option 2 proposed for \"Maternity choices\"";
            email = (await NotifyAsync(_scenario.LinkId, title)).Email!.Value;
        }
        else
        {
            title = "Waiting times for wheelchair assessments";
            _scenario.SetToday(_scenario.DueDate);
            await Service<ReminderSweep>().RunAsync();
            email = (await _scenario.DeliveriesAsync()).Single(d => d.Recipient == _scenario.OwnerId && d.Channel == DeliveryChannel.Email).Id;
            if (what == "reminder with no notice linked")
            {
                await using var db = _database.CreateContext();
                await db.ReminderDeliveries.Where(d => d.Id == email).ExecuteUpdateAsync(d => d.SetProperty(x => x.NotificationId, (long?)null));
            }
        }

        await Assert.ThrowsAsync<IOException>(() => _scenario.Mailer(new RefusingEmailSender()).SendAsync(email, maxAttempts: 1));
        var mailer = Service<ReminderMailer>();
        var before = Assert.Single(await mailer.FailedAsync(Admin));
        Assert.Equal((title, true), (before.DeadlineSubject, before.CanResend));

        await MoveOliveAsync(_scenario.CommissionerId);

        var listed = Assert.Single(await mailer.FailedAsync(Admin));
        Assert.Equal((email, ReminderScenario.OwnerEmail, DeliveryStatus.Failed), (listed.Id, listed.Recipient, listed.Status));
        Assert.Equal(ReminderMailer.MovedSinceSubject("Test LINk"), listed.DeadlineSubject);
        Assert.Equal(("Test LINk", (string?)null, false), (listed.LeftOrganisation, listed.Link, listed.CanResend));
        var resend = await mailer.ResendAsync(Admin, email);
        Assert.False(resend.Succeeded);
        Assert.Equal(ReminderMailer.MovedSinceMessage("Test LINk"), resend.Problem);
        Assert.Equal(DeliveryStatus.Failed, (await DeliveryAsync(email)).Status);

        await MoveOliveAsync(_scenario.LinkId);

        var back = Assert.Single(await mailer.FailedAsync(Admin));
        Assert.Equal((title, (string?)null, true), (back.DeadlineSubject, back.LeftOrganisation, back.CanResend));
        Assert.True((await mailer.ResendAsync(Admin, email)).Succeeded);
    }

    // The named contact, Janet, has an account at the commissioner. Her reminder, recorded before reminders were linked to
    // notices, failed; then she was moved to the LINk. It was addressed to her as the commissioner's contact: the
    // administrators' list no longer gives the deadline's subject, and it is not resent.
    [Fact]
    public async Task FailedAsync_ContactsReminderWithNoNoticeLinkedFailedThenTheyMoved_ListedWithoutTheSubjectAndNotResent()
    {
        var janet = await _scenario.AddUserAsync(ReminderScenario.ContactEmail, atCommissioner: true);
        _scenario.SetToday(_scenario.DueDate);
        await Service<ReminderSweep>().RunAsync();
        var email = (await _scenario.DeliveriesAsync())
            .Single(d => d.Recipient == ReminderDelivery.ContactRecipient(ReminderScenario.ContactEmail) && d.Channel == DeliveryChannel.Email).Id;
        await using (var db = _database.CreateContext())
        {
            await db.ReminderDeliveries.Where(d => d.Id == email).ExecuteUpdateAsync(d => d.SetProperty(x => x.NotificationId, (long?)null));
        }

        await Assert.ThrowsAsync<IOException>(() => _scenario.Mailer(new RefusingEmailSender()).SendAsync(email, maxAttempts: 1));
        var mailer = Service<ReminderMailer>();
        Assert.Equal("Waiting times for wheelchair assessments", Assert.Single(await mailer.FailedAsync(Admin)).DeadlineSubject);

        await MoveAsync(janet, _scenario.LinkId);

        var listed = Assert.Single(await mailer.FailedAsync(Admin));
        Assert.Equal((ReminderMailer.MovedSinceSubject("Test PCT"), "Test PCT", (string?)null, false),
            (listed.DeadlineSubject, listed.LeftOrganisation, listed.Link, listed.CanResend));
        Assert.Equal(ReminderMailer.MovedSinceMessage("Test PCT"), (await mailer.ResendAsync(Admin, email)).Problem);
    }

    /// <summary>A notice to the editors of <paramref name="organisationId"/>, recorded as every workflow step records one.</summary>
    /// <returns>Olive's notice, and its e-mail when she hears of the category at once.</returns>
    private async Task<(long Notice, long? Email)> NotifyAsync(int organisationId, string title, NotificationCategory category = NotificationCategory.Agreement)
    {
        await using var db = _database.CreateContext();
        var colin = new Actor("colin", "Colin Marsh", _scenario.CommissionerId, "Test PCT", UserRole.Editor);
        await WorkflowNotifications.NotifyAsync(db, colin, [organisationId], null, null, _database.Clock.GetUtcNow(), default,
            new WorkflowNotifications.Notice(category, WorkflowEvents.OptionProposed, true, title, "Agree it or ask for a change.", PageLink.Exercise(1)));
        await db.SaveChangesAsync();
        var notice = await db.Notifications.Where(n => n.Title == title && n.UserId == _scenario.OwnerId).Select(n => n.Id).SingleAsync();
        var email = await db.ReminderDeliveries.Where(d => d.NotificationId == notice).Select(d => (long?)d.Id).SingleOrDefaultAsync();
        return (notice, email);
    }

    private Task MoveOliveAsync(int organisationId) => MoveAsync(_scenario.OwnerId, organisationId);

    /// <summary>An administrator moves the person to another organisation, as the users page does.</summary>
    private async Task MoveAsync(string userId, int organisationId)
    {
        await using var db = _database.CreateContext();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        var moved = await Service<UserAdministration>().UpdateAsync(Admin, userId, new UserInput
        {
            DisplayName = user.DisplayName, OrganisationId = organisationId, Role = user.Role,
            Version = ApplicationUser.AdministeredVersion(user.DisplayName, user.OrganisationId, user.Role),
        });
        Assert.True(moved.Succeeded, moved.Problem);
    }

    private async Task ChooseAsync(NotificationCategory category, DeliveryPreference delivery)
    {
        await using var db = _database.CreateContext();
        db.NotificationPreferences.Add(new NotificationPreference(_scenario.OwnerId, category, delivery, _database.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    private async Task<ReminderDelivery> DeliveryAsync(long id)
    {
        await using var db = _database.CreateContext();
        return await db.ReminderDeliveries.AsNoTracking().SingleAsync(d => d.Id == id);
    }

    private static DateTimeOffset At(DateOnly date, int hour, int minute = 0) => DigestSchedule.At(date, hour).AddMinutes(minute);
}
