using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Tests.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Data.Notifications;

/// <summary>Choices per person and category, the one-click unsubscribe, and both respected when e-mailing. SQLite and PostgreSQL.</summary>
public abstract class NotificationPreferencesTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : NotificationPreferencesTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : NotificationPreferencesTests(DatabaseProvider.PostgreSql);

    private TestDatabase _database = default!;
    private ReminderScenario _scenario = default!;
    private NotificationPreferences _preferences = default!;
    private Actor _owner = default!;

    public async Task InitializeAsync()
    {
        _database = await ReminderScenario.DatabaseAsync(provider);
        _scenario = await ReminderScenario.LoadAsync(_database);
        _preferences = _database.Preferences();
        _owner = new Actor(_scenario.OwnerId, "Olive Owner", 1, "Test LINk", UserRole.Editor);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>A workflow notification for the owner with its e-mail, recorded as the notifier records them.</summary>
    private async Task<long> NotificationEmailAsync(NotificationCategory category = NotificationCategory.Agreement)
    {
        await using var db = _database.CreateContext();
        var notification = new Notification(_scenario.OwnerId, _scenario.LinkId, "Option 2 proposed for \"Maternity choices\"", "Colin proposed option 2. Agree it or ask for a change.",
            PageLink.Exercise(7), _database.Clock.GetUtcNow(), category, WorkflowEvents.OptionProposed, needsAction: true);
        var delivery = new ReminderDelivery(notification, _database.Clock.GetUtcNow());
        db.Notifications.Add(notification);
        db.ReminderDeliveries.Add(delivery);
        await db.SaveChangesAsync();
        return delivery.Id;
    }

    [Fact]
    public async Task ForAsync_NothingChosen_EveryCategoryImmediately()
    {
        var chosen = await _preferences.ForAsync(_owner);

        Assert.Equal(Enum.GetValues<NotificationCategory>(), chosen.Keys.Order());
        Assert.All(chosen.Values, d => Assert.Equal(DeliveryPreference.Immediately, d));
    }

    [Fact]
    public async Task SetAsync_TwoCategoriesChangedOnce_EachKeptTheOthersDefault()
    {
        await _preferences.SetAsync(_owner, NotificationCategory.Timetable, DeliveryPreference.WeeklyDigest);
        await _preferences.SetAsync(_owner, NotificationCategory.Exercises, DeliveryPreference.DailyDigest);
        await _preferences.SetAsync(_owner, NotificationCategory.Exercises, DeliveryPreference.InAppOnly);

        var chosen = await _preferences.ForAsync(_owner);

        Assert.Equal(DeliveryPreference.WeeklyDigest, chosen[NotificationCategory.Timetable]);
        Assert.Equal(DeliveryPreference.InAppOnly, chosen[NotificationCategory.Exercises]);
        Assert.Equal(DeliveryPreference.Immediately, chosen[NotificationCategory.Deadlines]);
    }

    [Fact]
    public async Task UnsubscribeAsync_LinkUsedTwice_InTheAppOnlyOnceThenSaysAlreadyAndChangesNothingElse()
    {
        var token = _preferences.UnsubscribeToken(_scenario.OwnerId, NotificationCategory.Agreement);

        var first = await _preferences.UnsubscribeAsync(token);
        var second = await _preferences.UnsubscribeAsync(token);

        Assert.Equal(("Olive Owner", NotificationCategory.Agreement, false), (first!.DisplayName, first.Category, first.AlreadyInAppOnly));
        Assert.True(second!.AlreadyInAppOnly);
        var chosen = await _preferences.ForAsync(_owner);
        Assert.Equal(DeliveryPreference.InAppOnly, chosen[NotificationCategory.Agreement]);
        Assert.Equal(DeliveryPreference.Immediately, chosen[NotificationCategory.Deadlines]);
        await using var db = _database.CreateContext();
        Assert.Single(await db.NotificationPreferences.ToListAsync());
    }

    // AccountStanding (ADR 4): a disabled person's links in e-mails do not work, nor those of a member of a deactivated
    // organisation; their unsubscribe link answers as one for nobody, and changes nothing.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UnsubscribeAsync_PersonDisabledOrOrganisationDeactivated_NullAndNothingChanged(bool organisationDeactivated)
    {
        var token = _preferences.UnsubscribeToken(_scenario.OwnerId, NotificationCategory.Agreement);
        await using (var db = _database.CreateContext())
        {
            var owner = await db.Users.SingleAsync(u => u.Id == _scenario.OwnerId);
            if (organisationDeactivated)
            {
                (await db.Organisations.SingleAsync(o => o.Id == owner.OrganisationId)).Deactivate();
            }
            else
            {
                owner.IsDisabled = true;
            }

            await db.SaveChangesAsync();
        }

        Assert.Null(await _preferences.UsableAsync(token));
        Assert.Null(await _preferences.UnsubscribeAsync(token));
        await using var check = _database.CreateContext();
        Assert.Empty(await check.NotificationPreferences.ToListAsync());
    }

    [Fact]
    public async Task UnsubscribeAsync_AlteredOrForeignToken_NullAndNothingChanged()
    {
        var token = _preferences.UnsubscribeToken(_scenario.OwnerId, NotificationCategory.Agreement);
        // Signed by another key ring, as a forger (or another deployment) would have.
        var otherKeys = new NotificationPreferences(_database.Factory, new EphemeralDataProtectionProvider(), _database.Clock);

        Assert.Null(await _preferences.UnsubscribeAsync(token[..^2] + (token[^2] == 'A' ? "BB" : "AA")));
        Assert.Null(await _preferences.UnsubscribeAsync(otherKeys.UnsubscribeToken(_scenario.OwnerId, NotificationCategory.Agreement)));
        Assert.Null(await _preferences.UnsubscribeAsync(""));
        await using var db = _database.CreateContext();
        Assert.Empty(await db.NotificationPreferences.ToListAsync());
    }

    [Fact]
    public async Task SendAsync_NotificationEmail_SentOnceWithTheLinkAndOneClickUnsubscribeForItsCategory()
    {
        var id = await NotificationEmailAsync();
        var sender = new RecordingEmailSender();
        var mailer = _scenario.Mailer(sender);

        await mailer.SendAsync(id, 6);
        await mailer.SendAsync(id, 6);

        var message = Assert.Single(sender.Sent);
        await using (var identity = _database.CreateContext())
        {
            var domain = await identity.DeploymentIdentities.Select(d => d.Domain).SingleAsync();
            Assert.Equal((ReminderScenario.OwnerEmail, "Option 2 proposed for \"Maternity choices\"", ReminderDelivery.MessageIdFor(id, domain)),
                (message.To, message.Subject, message.MessageId));
        }

        Assert.Contains("Open it: https://engage.test/exercises/7", message.Body);
        Assert.StartsWith("https://engage.test/notifications/unsubscribe?token=", message.Unsubscribe!.AbsoluteUri);
        Assert.Contains(message.Unsubscribe.AbsoluteUri, message.Body);
        var token = Uri.UnescapeDataString(message.Unsubscribe.Query["?token=".Length..]);
        Assert.Equal((_scenario.OwnerId, NotificationCategory.Agreement), _preferences.Read(token));
    }

    // The e-mail failed on the day and an administrator resent it two days later: what it asked may have been done since,
    // so it says when it happened and that it was sent again, before the notice's own words. One sent on time does not.
    [Fact]
    public async Task SendAsync_NotificationEmailResentDaysLater_SaysWhenItHappenedAndThatItWasSentAgain()
    {
        var id = await NotificationEmailAsync();
        var happened = _database.Clock.GetUtcNow();
        await Assert.ThrowsAsync<IOException>(() => _scenario.Mailer(new RefusingEmailSender()).SendAsync(id, maxAttempts: 1));
        _database.Clock.Advance(TimeSpan.FromDays(2));
        var admin = new Actor("admin-ada", "Ada Admin", 1, "Test LINk", UserRole.Admin);
        Assert.True((await _scenario.Mailer(new RecordingEmailSender()).ResendAsync(admin, id)).Succeeded);
        var sender = new RecordingEmailSender();

        await _scenario.Mailer(sender).SendAsync(id, 6);

        var body = Assert.Single(sender.Sent).Body;
        Assert.StartsWith($"This notice is from {UkTime.Format(happened)}. It could not be sent at the time, and an administrator sent it again on "
                          + $"{UkTime.Format(_database.Clock.GetUtcNow())}. It may have been dealt with or changed since: open it to see where things stand now.\n\n"
                          + "Colin proposed option 2.", body);
        var onTime = new RecordingEmailSender();
        await _scenario.Mailer(onTime).SendAsync(await NotificationEmailAsync(), 6);
        Assert.StartsWith("Colin proposed option 2.", Assert.Single(onTime.Sent).Body);
    }

    [Fact]
    public async Task SendAsync_UnsubscribedAfterTheEmailWasRecorded_NotSentAndCancelled()
    {
        var id = await NotificationEmailAsync();
        await _preferences.UnsubscribeAsync(_preferences.UnsubscribeToken(_scenario.OwnerId, NotificationCategory.Agreement));
        var sender = new RecordingEmailSender();

        await _scenario.Mailer(sender).SendAsync(id, 6);

        Assert.Empty(sender.Sent);
        Assert.Equal(DeliveryStatus.Cancelled, (await _scenario.DeliveriesAsync()).Single(d => d.Id == id).Status);
    }

    [Fact]
    public async Task Sweep_OwnerChoseTheAppOnlyForDeadlines_OwnerNotEmailedButNotifiedAndTheContactStillEmailed()
    {
        await _preferences.SetAsync(_owner, NotificationCategory.Deadlines, DeliveryPreference.InAppOnly);
        _scenario.SetToday(_scenario.DueDate);

        await _scenario.Sweep().RunAsync();

        var deliveries = await _scenario.DeliveriesAsync();
        Assert.DoesNotContain(deliveries, d => d.Recipient == _scenario.OwnerId && d.Channel == DeliveryChannel.Email);
        Assert.Contains(deliveries, d => d.Recipient == _scenario.OwnerId && d.Channel == DeliveryChannel.InApp);
        Assert.Contains(deliveries, d => d.Recipient == ReminderScenario.ContactEmail && d.Channel == DeliveryChannel.Email);
    }

    [Fact]
    public async Task Sweep_ReminderEmailToTheOwner_CarriesTheUnsubscribeForDeadlines()
    {
        _scenario.SetToday(_scenario.DueDate);
        await _scenario.Sweep().RunAsync();
        var ownerEmail = (await _scenario.DeliveriesAsync()).Single(d => d.Recipient == _scenario.OwnerId && d.Channel == DeliveryChannel.Email);
        var contactEmail = (await _scenario.DeliveriesAsync()).Single(d => d.Recipient == ReminderScenario.ContactEmail);
        var sender = new RecordingEmailSender();

        await _scenario.Mailer(sender).SendAsync(ownerEmail.Id, 6);
        await _scenario.Mailer(sender).SendAsync(contactEmail.Id, 6);

        var token = Uri.UnescapeDataString(sender.Sent[0].Unsubscribe!.Query["?token=".Length..]);
        Assert.Equal((_scenario.OwnerId, NotificationCategory.Deadlines), _preferences.Read(token));
        // The named contact has no account: nothing to unsubscribe, and the statutory reminder still goes.
        Assert.Null(sender.Sent[1].Unsubscribe);
    }
}
