using EngagementHub.Core.Common;
using Microsoft.EntityFrameworkCore;
using EngagementHub.Core;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementHub.Tests.Data.Notifications;

/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class ReminderSweepTests(DatabaseProvider provider)
{
    public sealed class Sqlite() : ReminderSweepTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : ReminderSweepTests(DatabaseProvider.PostgreSql);

    [Fact]
    public async Task RunAsync_FiveWorkingDaysBefore_OwnerInAppAndEmailAndContactEmail()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        scenario.SetToday(ReminderPlanner.WorkingDaysBefore(scenario.DueDate, 5, scenario.Calendar));

        var result = await scenario.Sweep().RunAsync();

        var deliveries = await scenario.DeliveriesAsync();
        Assert.All(deliveries, d => Assert.Equal("before-5", d.Step));
        Assert.Equal(
            [(scenario.OwnerId, DeliveryChannel.InApp, DeliveryStatus.Sent), (scenario.OwnerId, DeliveryChannel.Email, DeliveryStatus.Pending),
             (ReminderScenario.ContactEmail, DeliveryChannel.Email, DeliveryStatus.Pending)],
            deliveries.Select(d => (d.Recipient, d.Channel, d.Status)));
        Assert.Equal(deliveries.Where(d => d.Channel == DeliveryChannel.Email).Select(d => d.Id), result.EmailDeliveryIds);
        var notification = Assert.Single(await scenario.NotificationsAsync());
        Assert.Equal(scenario.OwnerId, notification.UserId);
        Assert.StartsWith("Due in 5 working days:", notification.Title);
        Assert.Equal(PageLink.Deadline(scenario.DeadlineId).Stored, notification.Link);
    }

    [Fact]
    public async Task RunAsync_Twice_OneDeliveryPerStepRecipientAndChannel()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        scenario.SetToday(scenario.DueDate);

        var first = await scenario.Sweep().RunAsync();
        var second = await scenario.Sweep().RunAsync();

        Assert.Equal(3, first.Recorded);
        Assert.Equal(0, second.Recorded);
        Assert.Empty(second.EmailDeliveryIds);
        var deliveries = await scenario.DeliveriesAsync();
        Assert.Equal(3, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal("due", d.Step));
        Assert.Single(await scenario.NotificationsAsync());
    }

    [Fact]
    public async Task RunAsync_AfterAnAgreedExtension_StartsAFreshCycleForTheNewDueDate()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        scenario.SetToday(scenario.DueDate);
        await scenario.Sweep().RunAsync();

        var newDue = scenario.Calendar.NextWorkingDay(scenario.DueDate.AddDays(14));
        await scenario.ExtendAsync(newDue);
        scenario.SetToday(newDue);
        var result = await scenario.Sweep().RunAsync();

        Assert.Equal(3, result.Recorded);
        var steps = (await scenario.DeliveriesAsync()).Select(d => d.Step).Distinct().Order().ToList();
        Assert.Equal(["due", $"due@{newDue:yyyy-MM-dd}"], steps);
    }

    /// <summary>The commissioner names another person, at <paramref name="email"/>, as the deadline's contact (the same contact row, changed).</summary>
    private static async Task NameContactAsync(ReminderScenario scenario, string name, string jobTitle, string? email)
    {
        await using var db = scenario.Database.CreateContext();
        var contactId = await db.Deadlines.Where(d => d.Id == scenario.DeadlineId).Select(d => d.ToContactId).SingleAsync();
        (await db.Contacts.SingleAsync(c => c.Id == contactId)).Update(name, jobTitle, email, null, receivesLinkRequests: true);
        await db.SaveChangesAsync();
    }

    private static async Task<List<EmailMessage>> SendAllAsync(ReminderScenario scenario, IEnumerable<long> ids)
    {
        var sender = new RecordingEmailSender();
        foreach (var id in ids)
        {
            await scenario.Mailer(sender).SendAsync(id, maxAttempts: 6);
        }

        return sender.Sent;
    }

    private static async Task ChangeUserAsync(TestDatabase database, string id, Action<EngagementHub.Core.Identity.ApplicationUser> change)
    {
        await using var db = database.CreateContext();
        change(await db.Users.SingleAsync(u => u.Id == id));
        await db.SaveChangesAsync();
    }

    // A person who may not use the app is told of nothing: disabled before the sweep or after it (before the e-mail goes),
    // their organisation deactivated, or moved to the organisation the request went to.
    [Theory]
    [InlineData("disabled before the sweep")]
    [InlineData("disabled before the e-mail is sent")]
    [InlineData("organisation deactivated")]
    [InlineData("moved to the commissioner")]
    public async Task RunAsyncAndSendAsync_OwnerWhoMayNoLongerFollowItUp_NeitherRemindedNorEmailed(string what)
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        await using (var db = database.CreateContext())
        {
            var deadline = await db.Deadlines.AsNoTracking().SingleAsync(d => d.Id == scenario.DeadlineId);
            var owner = await db.Users.SingleAsync(u => u.Id == scenario.OwnerId);
            switch (what)
            {
                case "disabled before the sweep":
                    owner.IsDisabled = true;
                    break;
                case "organisation deactivated":
                    (await db.Organisations.SingleAsync(o => o.Id == deadline.SentByOrganisationId)).Deactivate();
                    break;
                case "moved to the commissioner":
                    owner.OrganisationId = deadline.ToOrganisationId;
                    break;
            }

            await db.SaveChangesAsync();
        }

        scenario.SetToday(scenario.DueDate);
        var result = await scenario.Sweep().RunAsync();
        if (what == "disabled before the e-mail is sent")
        {
            await ChangeUserAsync(database, scenario.OwnerId, u => u.IsDisabled = true);
        }

        var sent = await SendAllAsync(scenario, result.EmailDeliveryIds);

        Assert.DoesNotContain(sent, m => m.To == ReminderScenario.OwnerEmail);
        Assert.Contains(sent, m => m.To == ReminderScenario.ContactEmail);
        if (what != "disabled before the e-mail is sent")
        {
            Assert.DoesNotContain(await scenario.NotificationsAsync(), n => n.UserId == scenario.OwnerId);
        }
    }

    // The named contact's account was disabled (they left): their address is e-mailed no longer, whatever they chose.
    [Fact]
    public async Task RunAsyncAndSendAsync_ContactWhoseAccountIsDisabled_NotEmailed()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        var contact = await scenario.AddUserAsync(ReminderScenario.ContactEmail, atCommissioner: true);
        await ChangeUserAsync(database, contact, u => u.IsDisabled = true);
        scenario.SetToday(scenario.DueDate);

        var sent = await SendAllAsync(scenario, (await scenario.Sweep().RunAsync()).EmailDeliveryIds);

        Assert.DoesNotContain(sent, m => m.To.Equals(ReminderScenario.ContactEmail, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(sent, m => m.To == ReminderScenario.OwnerEmail);
    }

    // The commissioner the request went to is deactivated, before the sweep or after it (before the e-mail goes): nobody
    // there can record the answer or agree an extension, so its named contact (an address with no account) is not asked
    // to (ADR 4: nothing is addressed to a deactivated organisation's people). The reminders to the LINk's owner stand.
    [Theory]
    [InlineData("before the sweep")]
    [InlineData("after the sweep, before the e-mail is sent")]
    public async Task RunAsyncAndSendAsync_AnsweringOrganisationDeactivated_ItsNamedContactIsNotEmailed(string when)
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        if (when == "before the sweep")
        {
            await DeactivateAnsweringOrganisationAsync(scenario);
        }

        scenario.SetToday(scenario.DueDate);
        var result = await scenario.Sweep().RunAsync();
        if (when != "before the sweep")
        {
            Assert.Contains(await scenario.DeliveriesAsync(), d => d.Recipient == ReminderScenario.ContactEmail);
            await DeactivateAnsweringOrganisationAsync(scenario);
        }

        var sent = await SendAllAsync(scenario, result.EmailDeliveryIds);

        Assert.DoesNotContain(sent, m => m.To.Equals(ReminderScenario.ContactEmail, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(sent, m => m.To == ReminderScenario.OwnerEmail);
        if (when == "before the sweep")
        {
            Assert.DoesNotContain(await scenario.DeliveriesAsync(), d => d.Recipient == ReminderScenario.ContactEmail);
        }
    }

    private static async Task DeactivateAnsweringOrganisationAsync(ReminderScenario scenario)
    {
        await using var db = scenario.Database.CreateContext();
        var to = await db.Deadlines.Where(d => d.Id == scenario.DeadlineId).Select(d => d.ToOrganisationId).SingleAsync();
        (await db.Organisations.SingleAsync(o => o.Id == to)).Deactivate();
        await db.SaveChangesAsync();
    }

    // The address the commissioner named as its contact is an account at another organisation (the LINk here), or becomes
    // one after the sweep: that account cannot open the commissioner's deadline and its organisation may not read about
    // it, so the address is told of nothing, in the app or by e-mail. The owner is reminded as ever.
    [Theory]
    [InlineData("before the sweep")]
    [InlineData("after the sweep, before the e-mail is sent")]
    public async Task RunAsyncAndSendAsync_ContactWhoseAccountIsInAnotherOrganisation_NeitherRemindedNorEmailed(string when)
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        var contact = await scenario.AddUserAsync(ReminderScenario.ContactEmail, atCommissioner: when != "before the sweep", role: UserRole.Viewer);
        scenario.SetToday(scenario.DueDate);

        var result = await scenario.Sweep().RunAsync();
        if (when != "before the sweep")
        {
            Assert.Contains(await scenario.DeliveriesAsync(), d => d.Recipient == ReminderScenario.ContactEmail);
            await using var db = database.CreateContext();
            var link = await db.Deadlines.Where(d => d.Id == scenario.DeadlineId).Select(d => d.SentByOrganisationId).SingleAsync();
            await ChangeUserAsync(database, contact, u => u.OrganisationId = link);
        }

        var sent = await SendAllAsync(scenario, result.EmailDeliveryIds);

        Assert.DoesNotContain(sent, m => m.To.Equals(ReminderScenario.ContactEmail, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(sent, m => m.To == ReminderScenario.OwnerEmail);
        if (when == "before the sweep")
        {
            Assert.DoesNotContain(await scenario.DeliveriesAsync(), d => d.Recipient == ReminderScenario.ContactEmail || d.Recipient == contact);
            Assert.DoesNotContain(await scenario.NotificationsAsync(), n => n.UserId == contact);
        }
    }

    // The contact's address was typed with a combining accent ("e" + U+0301), the LINk officer's account with the
    // composed letter: Identity stores the account's address composed, so the two are the same address, and the contact
    // is an account in another organisation, told of nothing. Upper-casing alone saw two addresses and e-mailed the
    // LINk officer the commissioner's deadline as its contact.
    [Fact]
    public async Task RunAsyncAndSendAsync_ContactAddressTypedDecomposedIsAnAccountInAnotherOrganisation_NeitherRemindedNorEmailed()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        const string typed = "rene\u0301.martin@commissioner.test";
        await NameContactAsync(scenario, "Ren\u00e9 Martin", "Commissioning Manager", typed);

        var account = await scenario.AddUserAsync("Ren\u00e9.Martin@commissioner.test", atCommissioner: false, role: UserRole.Viewer);
        scenario.SetToday(scenario.DueDate);

        var sent = await SendAllAsync(scenario, (await scenario.Sweep().RunAsync()).EmailDeliveryIds);

        Assert.DoesNotContain(sent, m => AccountAddress.Same(m.To, typed));
        Assert.DoesNotContain(await scenario.NotificationsAsync(), n => n.UserId == account);
        Assert.Contains(sent, m => m.To == ReminderScenario.OwnerEmail);
    }

    // A contact's address with a capital that does not survive lower case ("ẞ" lowers to "ß", which uppers to "SS" or
    // stays "ß"): the reminder, recorded under the lower-case key, is still recognised as the contact's and sent to the
    // address as typed.
    [Fact]
    public async Task SendAsync_ContactAddressWithACapitalThatDoesNotSurviveLowerCase_TheContactIsStillEmailedAtTheTypedAddress()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        const string typed = "Gro\u1E9Ee@commissioner.test";
        await NameContactAsync(scenario, "Greta Gro\u00dfe", "Commissioning Manager", typed);

        scenario.SetToday(scenario.DueDate);
        var sent = await SendAllAsync(scenario, (await scenario.Sweep().RunAsync()).EmailDeliveryIds);

        Assert.Contains(sent, m => m.To == typed);
        Assert.Contains(sent, m => m.To == ReminderScenario.OwnerEmail);
    }

    // After the sweep, the commissioner named another contact in Janet's place (she left): the reminder recorded for her
    // address is not sent to it; the new contact gets the deadline's next reminder.
    [Fact]
    public async Task SendAsync_ContactReplacedAfterTheSweep_TheOldAddressIsNotEmailedTheNewOneGetsTheNextReminder()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        scenario.SetToday(scenario.DueDate);
        var first = await scenario.Sweep().RunAsync();
        await NameContactAsync(scenario, "Peter Doyle", "Director of Commissioning", "peter.doyle@commissioner.test");

        var sent = await SendAllAsync(scenario, first.EmailDeliveryIds);
        scenario.SetToday(scenario.Calendar.NextWorkingDay(scenario.DueDate.AddDays(1)));
        var next = await SendAllAsync(scenario, (await scenario.Sweep().RunAsync()).EmailDeliveryIds);

        Assert.DoesNotContain(sent.Concat(next), m => m.To == ReminderScenario.ContactEmail);
        Assert.Contains(sent, m => m.To == ReminderScenario.OwnerEmail);
        Assert.Contains(next, m => m.To == "peter.doyle@commissioner.test");
    }

    // The subject is the LINk's words. A form's one-line field cannot hold a line break, but a crafted post can: in the
    // plain-text e-mail to the commissioner's contact it must not start a line that poses as the app's own link.
    [Fact]
    public async Task SendAsync_SubjectWithLineBreaksAndARightToLeftOverride_QuotedOnOneIsolatedLineWithTheAppsLinkAlone()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var scenario = await ReminderScenario.CreateAsync(database, "Waiting times \u202Eexe.fdp\u202C\n\nOpen it: https://evil.example/login\n\n");
        scenario.SetToday(ReminderPlanner.WorkingDaysBefore(scenario.DueDate, 5, scenario.Calendar));
        await scenario.Sweep().RunAsync();
        var sender = new RecordingEmailSender();
        var delivery = (await scenario.DeliveriesAsync()).Single(d => d.Recipient == ReminderScenario.ContactEmail);

        await scenario.Mailer(sender).SendAsync(delivery.Id, maxAttempts: 6);

        var mail = Assert.Single(sender.Sent);
        Assert.Contains("\"\u2068Waiting times exe.fdp Open it: https://evil.example/login\u2069\" is due on", mail.Body);
        Assert.Equal([$"Open it: https://engage.test/deadlines/{scenario.DeadlineId}"], mail.Body.Split('\n').Where(l => l.TrimStart().StartsWith("Open it:", StringComparison.Ordinal)));
        Assert.DoesNotContain('\u202E', mail.Subject + mail.Body);
    }

    [Fact]
    public async Task SendAsync_AfterAnAgreedExtension_EmailSaysWhatTheStepIsNotItsKey()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        var newDue = scenario.Calendar.NextWorkingDay(scenario.DueDate.AddDays(14));
        await scenario.ExtendAsync(newDue);
        scenario.SetToday(ReminderPlanner.WorkingDaysBefore(newDue, 5, scenario.Calendar));
        await scenario.Sweep().RunAsync();
        var sender = new RecordingEmailSender();
        var delivery = (await scenario.DeliveriesAsync()).Single(d => d.Recipient == ReminderScenario.ContactEmail);

        await scenario.Mailer(sender).SendAsync(delivery.Id, maxAttempts: 6);

        Assert.Equal($"before-5@{newDue:yyyy-MM-dd}", delivery.Step);
        Assert.Equal("Due in 5 working days: Waiting times for wheelchair assessments", Assert.Single(sender.Sent).Subject);
    }

    [Fact]
    public async Task RunAsync_NamedContactWithAnAccount_IsAlsoRemindedInTheApp()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        await using (var db = database.CreateContext())
        {
            var commissionerId = await db.Organisations.Where(o => o.Kind == EngagementHub.Core.Organisations.OrganisationKind.Commissioner).Select(o => o.Id).SingleAsync();
            db.Users.Add(new ApplicationUser
            {
                Id = "janet", UserName = ReminderScenario.ContactEmail, Email = ReminderScenario.ContactEmail,
                NormalizedEmail = ReminderScenario.ContactEmail.ToUpperInvariant(), DisplayName = "Janet Rowe", OrganisationId = commissionerId, Role = UserRole.Editor,
            });
            await db.SaveChangesAsync();
        }

        scenario.SetToday(scenario.DueDate);
        var result = await scenario.Sweep().RunAsync();

        Assert.Equal(4, result.Recorded);
        Assert.Contains(await scenario.DeliveriesAsync(), d => (d.Recipient, d.Channel) == ("janet", DeliveryChannel.InApp));
        var notification = Assert.Single(await scenario.NotificationsAsync(), n => n.UserId == "janet");
        Assert.StartsWith("Due today:", notification.Title);
    }

    [Fact]
    public async Task RunAsync_TwoSweepsConcurrentlyOnTheSameFile_StillOneOfEach()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        scenario.SetToday(scenario.DueDate);

        // Two sweeps, two contexts, two connections to one file: as two nodes would run them.
        var results = await Task.WhenAll(Task.Run(() => scenario.Sweep().RunAsync()), Task.Run(() => scenario.Sweep().RunAsync()));

        Assert.Equal(3, results.Sum(r => r.Recorded));
        Assert.Equal(2, results.Sum(r => r.EmailDeliveryIds.Count));
        Assert.Equal(3, (await scenario.DeliveriesAsync()).Count);
        Assert.Single(await scenario.NotificationsAsync());
    }

    [Fact]
    public async Task RunAsync_AfterDowntimePastTheDueDate_OnlyTheLatestStepOnce()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);

        // Down from before the first reminder until two working days after the due date.
        var firstOverdue = scenario.Calendar.NextWorkingDay(scenario.DueDate.AddDays(1));
        scenario.SetToday(scenario.Calendar.NextWorkingDay(firstOverdue.AddDays(1)));
        await scenario.Sweep().RunAsync();
        await scenario.Sweep().RunAsync();

        var deliveries = await scenario.DeliveriesAsync();
        Assert.Equal(3, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal("overdue-1", d.Step));
        Assert.StartsWith("Overdue:", Assert.Single(await scenario.NotificationsAsync()).Title);
    }

    [Fact]
    public async Task RunAsync_BackFromDowntimeOnASaturday_NothingUntilMondayThenTheLatestStepOnce()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        var before5 = ReminderPlanner.WorkingDaysBefore(scenario.DueDate, 5, scenario.Calendar);
        var saturday = before5.AddDays(((int)DayOfWeek.Saturday - (int)before5.DayOfWeek + 7) % 7);
        var monday = scenario.Calendar.NextWorkingDay(saturday);
        // The app was down when "due in 5 working days" came; on Monday that is still the latest reminder.
        Assert.True(monday < ReminderPlanner.WorkingDaysBefore(scenario.DueDate, 1, scenario.Calendar));

        scenario.SetToday(saturday);
        var atTheWeekend = await scenario.Sweep().RunAsync();
        scenario.SetToday(saturday.AddDays(1));
        await scenario.Sweep().RunAsync();
        Assert.Equal((0, 0), (atTheWeekend.Recorded, (await scenario.DeliveriesAsync()).Count));
        Assert.Empty(await scenario.NotificationsAsync());

        scenario.SetToday(monday);
        var onMonday = await scenario.Sweep().RunAsync();
        var again = await scenario.Sweep().RunAsync();

        Assert.Equal((3, 2, 0), (onMonday.Recorded, onMonday.EmailDeliveryIds.Count, again.Recorded));
        Assert.All(await scenario.DeliveriesAsync(), d => Assert.Equal("before-5", d.Step));
        Assert.StartsWith("Due in 5 working days:", Assert.Single(await scenario.NotificationsAsync()).Title);
    }

    [Fact]
    public async Task RunAsync_TenWorkingDaysOverdue_EscalationToTheOwnerOnly()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        var day = scenario.DueDate;
        for (var late = 0; late < 10; day = day.AddDays(1))
        {
            late += scenario.Calendar.IsWorkingDay(day.AddDays(1)) ? 1 : 0;
        }

        scenario.SetToday(day);
        await scenario.Sweep().RunAsync();

        var escalation = (await scenario.DeliveriesAsync()).Where(d => d.Step == "escalation").ToList();
        Assert.Equal([(scenario.OwnerId, DeliveryChannel.InApp), (scenario.OwnerId, DeliveryChannel.Email)], escalation.Select(d => (d.Recipient, d.Channel)));
        Assert.Contains(await scenario.NotificationsAsync(), n => n.Title.StartsWith("Consider referral to scrutiny:", StringComparison.Ordinal));
    }

    // Reminders go to the people on both sides until it is answered (DOMAIN.md): an owner who left the LINk (disabled, or
    // moved out) leaves its editors to be reminded in their place, told why, by notice and e-mail; its viewers are not.
    [Theory]
    [InlineData("disabled")]
    [InlineData("moved")]
    public async Task RunAsyncAndSendAsync_OwnerNoLongerAtTheLink_ItsEditorsAreRemindedInTheirPlace(string left)
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        var colleague = await scenario.AddUserAsync("lena.khan@link.test");
        var viewer = await scenario.AddUserAsync("vic.viewer@link.test", role: UserRole.Viewer);
        await using (var db = database.CreateContext())
        {
            var owner = await db.Users.SingleAsync(u => u.Id == scenario.OwnerId);
            var to = await db.Deadlines.Where(d => d.Id == scenario.DeadlineId).Select(d => d.ToOrganisationId).SingleAsync();
            if (left == "disabled")
            {
                owner.IsDisabled = true;
            }
            else
            {
                owner.OrganisationId = to;
            }

            await db.SaveChangesAsync();
        }

        scenario.SetToday(scenario.DueDate);
        var swept = await scenario.Sweep().RunAsync();
        var sender = new RecordingEmailSender();
        foreach (var id in swept.EmailDeliveryIds)
        {
            await scenario.Mailer(sender).SendAsync(id, maxAttempts: 6);
        }

        scenario.SetToday(scenario.Calendar.AddWorkingDays(scenario.DueDate, 10));
        await scenario.Sweep().RunAsync();

        var deliveries = await scenario.DeliveriesAsync();
        Assert.Contains(deliveries, d => d.Step == "due" && d.Recipient == colleague && d.Channel == DeliveryChannel.InApp);
        Assert.Contains(deliveries, d => d.Step == "escalation" && d.Recipient == colleague);
        Assert.DoesNotContain(deliveries, d => d.Recipient == viewer || d.Recipient == scenario.OwnerId);
        var notice = Assert.Single(await scenario.NotificationsAsync(), n => n.UserId == colleague && n.Title.StartsWith("Due today:", StringComparison.Ordinal));
        Assert.Contains("can no longer be reminded, so the LINk's editors are", notice.Body);
        var mail = Assert.Single(sender.Sent, m => m.To == "lena.khan@link.test");
        Assert.Contains("can no longer be reminded, so the LINk's editors are", mail.Body);
    }

    // Reminders go to the people on both sides until it is answered (DOMAIN.md). When the answering organisation has no
    // named contact, or its named contact cannot be reached (no e-mail address; their account disabled, or in another
    // organisation since they left), its editors and administrators are reminded in the contact's place, by notice and
    // e-mail, told why; its viewers are not. One reminder per person per step, however often the sweep runs; the next step
    // reminds them again; the notice asks them to act, as their "My work" (and so a digest's "Needs you") does.
    [Theory]
    [InlineData("no named contact")]
    [InlineData("named contact without an e-mail address")]
    [InlineData("named contact whose account is disabled")]
    [InlineData("named contact who moved to another organisation")]
    public async Task RunAsyncAndSendAsync_AnsweringOrganisationsContactCannotBeReminded_ItsEditorsAreRemindedInTheirPlace(string contact)
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        var editor = await scenario.AddUserAsync("cara.editor@commissioner.test", atCommissioner: true);
        var admin = await scenario.AddUserAsync("adam.admin@commissioner.test", atCommissioner: true, role: UserRole.Admin);
        var viewer = await scenario.AddUserAsync("val.viewer@commissioner.test", atCommissioner: true, role: UserRole.Viewer);
        switch (contact)
        {
            case "no named contact":
                await using (var db = database.CreateContext())
                {
                    await db.Deadlines.Where(d => d.Id == scenario.DeadlineId).ExecuteUpdateAsync(s => s.SetProperty(d => d.ToContactId, (int?)null));
                }

                break;
            case "named contact without an e-mail address":
                await NameContactAsync(scenario, "Janet Rowe", "Director of Commissioning", null);
                break;
            case "named contact whose account is disabled":
                await ChangeUserAsync(database, await scenario.AddUserAsync(ReminderScenario.ContactEmail, atCommissioner: true), u => u.IsDisabled = true);
                break;
            default:
                await scenario.AddUserAsync(ReminderScenario.ContactEmail, atCommissioner: false, role: UserRole.Viewer);
                break;
        }

        scenario.SetToday(scenario.DueDate);
        var first = await scenario.Sweep().RunAsync();
        var again = await scenario.Sweep().RunAsync();
        var sent = await SendAllAsync(scenario, first.EmailDeliveryIds);

        var why = contact == "no named contact"
            ? "It names no contact at your organisation, so your organisation's editors are reminded."
            : "Its named contact cannot be reached (no usable e-mail address, or no longer able to use EngagementHub), so your organisation's editors are reminded in their place.";
        var deliveries = await scenario.DeliveriesAsync();
        foreach (var (standIn, address) in new[] { (editor, "cara.editor@commissioner.test"), (admin, "adam.admin@commissioner.test") })
        {
            var theirs = deliveries.Where(d => d.Recipient == standIn).Select(d => (d.Step, d.Channel)).ToList();
            Assert.Equal(2, theirs.Count);
            Assert.Contains(("due", DeliveryChannel.InApp), theirs);
            Assert.Contains(("due", DeliveryChannel.Email), theirs);
            var notice = Assert.Single(await scenario.NotificationsAsync(), n => n.UserId == standIn);
            Assert.StartsWith("Due today:", notice.Title);
            Assert.Contains(why, notice.Body);
            Assert.True(notice.NeedsAction);
            Assert.Contains(notice.Link!, await new EngagementHub.Core.Home.MyWorkService(database.Factory, database.Clock).StillAskedAsync(standIn));
            var mail = Assert.Single(sent, m => m.To == address);
            Assert.Contains(why, mail.Body);
        }

        Assert.DoesNotContain(deliveries, d => d.Recipient == viewer || d.Recipient == ReminderScenario.ContactEmail);
        Assert.DoesNotContain(sent, m => m.To.Equals(ReminderScenario.ContactEmail, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(sent, m => m.To == ReminderScenario.OwnerEmail && !m.Body.Contains(why, StringComparison.Ordinal));
        Assert.Equal(0, again.Recorded);

        // The next step reminds them once more, under its own key.
        scenario.SetToday(scenario.Calendar.NextWorkingDay(scenario.DueDate.AddDays(1)));
        var overdue = await SendAllAsync(scenario, (await scenario.Sweep().RunAsync()).EmailDeliveryIds);
        Assert.Equal(2, (await scenario.DeliveriesAsync()).Count(d => d.Recipient == editor && d.Step == "overdue-1"));
        Assert.Contains(overdue, m => m.To == "cara.editor@commissioner.test" && m.Body.Contains(why, StringComparison.Ordinal));
    }

    // The answering organisation's editors stand in only while its named contact cannot be reached: once the contact can
    // be again (given an address) before the e-mails go, the editor's e-mail is not sent, and the contact gets the next
    // reminder; a contact who can be reached is reminded alone, and the organisation's editors are not.
    [Fact]
    public async Task RunAsyncAndSendAsync_NamedContactReachableAgainBeforeTheEmailGoes_TheStandInIsNotEmailedTheContactIsReminded()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        var editor = await scenario.AddUserAsync("cara.editor@commissioner.test", atCommissioner: true);
        await NameContactAsync(scenario, "Janet Rowe", "Director of Commissioning", null);
        scenario.SetToday(scenario.DueDate);
        var first = await scenario.Sweep().RunAsync();
        Assert.Contains(await scenario.DeliveriesAsync(), d => d.Recipient == editor && d.Channel == DeliveryChannel.Email);

        await NameContactAsync(scenario, "Janet Rowe", "Director of Commissioning", ReminderScenario.ContactEmail);
        var sent = await SendAllAsync(scenario, first.EmailDeliveryIds);
        scenario.SetToday(scenario.Calendar.NextWorkingDay(scenario.DueDate.AddDays(1)));
        var next = await SendAllAsync(scenario, (await scenario.Sweep().RunAsync()).EmailDeliveryIds);

        Assert.DoesNotContain(sent.Concat(next), m => m.To == "cara.editor@commissioner.test");
        Assert.Contains(next, m => m.To == ReminderScenario.ContactEmail);
        Assert.DoesNotContain(await scenario.DeliveriesAsync(), d => d.Recipient == editor && d.Step == "overdue-1");
    }

    // What the scrutiny committee itself owes cannot be escalated to it (DeadlineService.EscalatesToScrutiny): ten
    // working days overdue, the owner is still chased, but not advised to refer it to the committee.
    [Fact]
    public async Task RunAsync_TenWorkingDaysOverdueAtTheScrutinyCommittee_NoAdviceToReferItThere()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        await using (var db = database.CreateContext())
        {
            var to = await db.Deadlines.Where(d => d.Id == scenario.DeadlineId).Select(d => d.ToOrganisationId).SingleAsync();
            await db.Organisations.Where(o => o.Id == to).ExecuteUpdateAsync(s => s.SetProperty(o => o.Kind, OrganisationKind.Scrutiny));
        }

        scenario.SetToday(scenario.Calendar.AddWorkingDays(scenario.DueDate, 10));
        await scenario.Sweep().RunAsync();

        Assert.DoesNotContain(await scenario.DeliveriesAsync(), d => d.Step == "escalation");
        Assert.DoesNotContain(await scenario.NotificationsAsync(), n => n.Title.StartsWith("Consider referral to scrutiny:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_AnsweredDeadline_Nothing()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        await scenario.AnswerAsync();
        scenario.SetToday(scenario.DueDate.AddDays(30));

        var result = await scenario.Sweep().RunAsync();

        Assert.Equal(0, result.DeadlinesChecked);
        Assert.Empty(await scenario.DeliveriesAsync());
        Assert.Empty(await scenario.NotificationsAsync());
    }

    [Fact]
    public async Task SendAsync_DeadlineAnsweredAfterTheSweep_CancelledNotSent()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        scenario.SetToday(scenario.DueDate);
        var sweep = await scenario.Sweep().RunAsync();
        await scenario.AnswerAsync();
        var sender = new RecordingEmailSender();

        foreach (var id in sweep.EmailDeliveryIds)
        {
            await scenario.Mailer(sender).SendAsync(id, maxAttempts: 6);
        }

        Assert.Empty(sender.Sent);
        Assert.All((await scenario.DeliveriesAsync()).Where(d => d.Channel == DeliveryChannel.Email), d => Assert.Equal(DeliveryStatus.Cancelled, d.Status));
    }

    // The deadline is answered after the sweep read what is due and before it recorded the reminders: saved in between, or
    // being saved (its row held) when the sweep writes. The sweep's write re-checks the deadline in its own transaction, so
    // no reminder is recorded for it, in the app or by e-mail, and nothing is sent. The interleaving is forced: the sweep is
    // held once its read of the due deadlines has run, and on PostgreSQL released answer or not only once it waits for the
    // answer's row.
    [Theory]
    [InlineData("answer saved between the sweep's read and its write")]
    [InlineData("answer being saved when the sweep writes")]
    public async Task RunAsyncAndSendAsync_DeadlineAnsweredBetweenTheSweepsReadAndItsWrite_NoReminderRecordedNorSent(string when)
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        scenario.SetToday(scenario.DueDate);
        var pause = new QueryPause(c => c.CommandText.Contains("\"NextReminderOn\" <=", StringComparison.Ordinal));

        var sweeping = Task.Run(() => scenario.Sweep(pause.Factory(database)).RunAsync());
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        if (when == "answer saved between the sweep's read and its write")
        {
            await scenario.AnswerAsync();
            pause.Release();
        }
        else
        {
            await using var db = database.CreateContext();
            await using var answering = await db.Database.BeginTransactionAsync();
            var deadline = await db.Deadlines.SingleAsync(d => d.Id == scenario.DeadlineId);
            deadline.RecordAnswer("Median wait 14 weeks.", scenario.DueDate, "Janet Rowe", scenario.Calendar);
            await db.SaveChangesAsync();
            pause.Release();
            await database.WaitingForALockAsync(sweeping);
            await answering.CommitAsync();
        }

        var swept = await sweeping;
        var sender = new RecordingEmailSender();
        foreach (var id in swept.EmailDeliveryIds.Concat(await scenario.Mailer(sender).UnsentAsync()))
        {
            await scenario.Mailer(sender).SendAsync(id, maxAttempts: 6);
        }

        Assert.Equal(1, swept.DeadlinesChecked);
        Assert.Equal((0, 0), (swept.StepsDue, swept.Recorded));
        Assert.Empty(await scenario.DeliveriesAsync());
        Assert.Empty(await scenario.NotificationsAsync());
        Assert.Empty(sender.Sent);
    }

    [Fact]
    public async Task SendAsync_DueDateMovedByAHolidayAfterTheSweep_CancelledAndTheNewDateGetsItsOwnReminder()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        scenario.SetToday(scenario.DueDate);
        var sweep = await scenario.Sweep().RunAsync();
        var holidays = new BankHolidayCalendar(database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), database.Clock);
        var holiday = scenario.Calendar.AddWorkingDays(scenario.DueDate, -3);
        var moved = await holidays.AddAsync(new Actor("admin", "Ada Admin", null, null, UserRole.Admin), holiday, "Bank holiday for a state occasion");
        var newDue = scenario.Calendar.AddWorkingDays(scenario.DueDate, 1);
        Assert.Equal(newDue, moved.Value!.Single().To);
        var sender = new RecordingEmailSender();

        foreach (var id in sweep.EmailDeliveryIds)
        {
            await scenario.Mailer(sender).SendAsync(id, maxAttempts: 6);
        }

        Assert.Empty(sender.Sent); // "due today" would be wrong now
        scenario.SetToday(newDue);
        var next = await scenario.Sweep().RunAsync();
        foreach (var id in next.EmailDeliveryIds)
        {
            await scenario.Mailer(sender).SendAsync(id, maxAttempts: 6);
        }

        Assert.NotEmpty(sender.Sent);
        Assert.All(sender.Sent, m => Assert.StartsWith("Due today:", m.Subject, StringComparison.Ordinal));
        Assert.All((await scenario.DeliveriesAsync()).Where(d => d.Step == "due" && d.Channel == DeliveryChannel.Email), d => Assert.Equal(DeliveryStatus.Cancelled, d.Status));
    }

    [Fact]
    public async Task SendAsync_RunTwice_SentOnceWithStableMessageId()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        scenario.SetToday(scenario.DueDate);
        var sweep = await scenario.Sweep().RunAsync();
        var sender = new RecordingEmailSender();
        var contactDelivery = (await scenario.DeliveriesAsync()).Single(d => d.Recipient == ReminderScenario.ContactEmail);

        await scenario.Mailer(sender).SendAsync(contactDelivery.Id, maxAttempts: 6);
        await scenario.Mailer(sender).SendAsync(contactDelivery.Id, maxAttempts: 6);

        var sent = Assert.Single(sender.Sent);
        Assert.Equal(ReminderScenario.ContactEmail, sent.To);
        await using (var db = database.CreateContext())
        {
            Assert.Equal($"reminder-{contactDelivery.Id}@{await db.DeploymentIdentities.Select(d => d.Domain).SingleAsync()}", sent.MessageId);
        }

        Assert.StartsWith("Due today:", sent.Subject);
        Assert.Equal(DeliveryStatus.Sent, (await scenario.DeliveriesAsync()).Single(d => d.Id == contactDelivery.Id).Status);
        Assert.Contains(contactDelivery.Id, sweep.EmailDeliveryIds);
    }

    [Fact]
    public async Task SendAsync_TwoJobsForOneDeliveryAtOnce_SendsOnce()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        scenario.SetToday(scenario.DueDate);
        await scenario.Sweep().RunAsync();
        var sender = new RecordingEmailSender();
        var id = (await scenario.DeliveriesAsync()).Single(d => d.Recipient == ReminderScenario.ContactEmail).Id;

        // The sweep's job and a start-up re-queue (or two nodes) picking up the same delivery together.
        await Task.WhenAll(Task.Run(() => scenario.Mailer(sender).SendAsync(id, maxAttempts: 6)), Task.Run(() => scenario.Mailer(sender).SendAsync(id, maxAttempts: 6)));

        Assert.Single(sender.Sent);
        Assert.Equal(DeliveryStatus.Sent, (await scenario.DeliveriesAsync()).Single(d => d.Id == id).Status);
    }

    [Fact]
    public async Task SendAsync_FailedAttempt_ReleasesTheClaimForTheNextRetry()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        scenario.SetToday(scenario.DueDate);
        await scenario.Sweep().RunAsync();
        var id = (await scenario.DeliveriesAsync()).Single(d => d.Recipient == ReminderScenario.ContactEmail).Id;

        await Assert.ThrowsAsync<IOException>(() => scenario.Mailer(new FailingEmailSender()).SendAsync(id, maxAttempts: 6));
        var afterFailure = (await scenario.DeliveriesAsync()).Single(d => d.Id == id);
        var sender = new RecordingEmailSender();
        await scenario.Mailer(sender).SendAsync(id, maxAttempts: 6);

        Assert.Equal((DeliveryStatus.Pending, 1), (afterFailure.Status, afterFailure.Attempts));
        Assert.Single(sender.Sent);
    }

    private sealed class FailingEmailSender : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken ct = default) => throw new IOException("Connection refused");
    }

    [Fact]
    public async Task SendAsync_AnotherNodeStartingWhileOneIsMidSend_LeavesThatEmailAlone()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        scenario.SetToday(scenario.DueDate);
        await scenario.Sweep().RunAsync();
        var id = (await scenario.DeliveriesAsync()).Single(d => d.Recipient == ReminderScenario.ContactEmail).Id;
        var slow = new BlockingEmailSender();
        var midSend = scenario.Mailer(slow).SendAsync(id, maxAttempts: 6);
        await slow.Started;

        // The other node's start-up catch-up, then its attempt at the same e-mail, while the first is still sending.
        var unsent = await scenario.Mailer(new RecordingEmailSender()).UnsentAsync();
        var other = new RecordingEmailSender();
        await scenario.Mailer(other).SendAsync(id, maxAttempts: 6);
        slow.Finish();
        await midSend;

        Assert.DoesNotContain(id, unsent);
        Assert.Empty(other.Sent);
        Assert.Single(slow.Sent);
        Assert.Equal(DeliveryStatus.Sent, (await scenario.DeliveriesAsync()).Single(d => d.Id == id).Status);
    }

    [Fact]
    public async Task SendAsync_ClaimOfAnAttemptThatDied_TakenAgainOnlyOnceItsLeaseHasRunOut()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        scenario.SetToday(scenario.DueDate);
        await scenario.Sweep().RunAsync();
        var id = (await scenario.DeliveriesAsync()).Single(d => d.Recipient == ReminderScenario.ContactEmail).Id;
        // A node claimed the e-mail and stopped before it finished: its claim stays behind, held by nobody.
        var lapses = database.Clock.GetUtcNow() + ReminderMailer.ClaimLease;
        await using (var db = database.CreateContext())
        {
            await db.ReminderDeliveries.Where(d => d.Id == id).ExecuteUpdateAsync(u => u
                .SetProperty(d => d.Status, DeliveryStatus.Sending).SetProperty(d => d.ClaimToken, Guid.NewGuid()).SetProperty(d => d.ClaimExpiresAt, lapses));
        }

        var sender = new RecordingEmailSender();
        var mailer = scenario.Mailer(sender);
        await mailer.SendAsync(id, maxAttempts: 6);
        var lapsedTooSoon = await mailer.LapsedClaimsAsync();
        Assert.Empty(sender.Sent);

        database.Clock.Advance(ReminderMailer.ClaimLease + TimeSpan.FromSeconds(1));
        var lapsed = await mailer.LapsedClaimsAsync();
        await mailer.SendAsync(id, maxAttempts: 6);
        await mailer.SendAsync(id, maxAttempts: 6);

        Assert.DoesNotContain(id, lapsedTooSoon);
        Assert.Contains(id, lapsed);
        Assert.Single(sender.Sent);
        var delivery = (await scenario.DeliveriesAsync()).Single(d => d.Id == id);
        Assert.Equal((DeliveryStatus.Sent, (Guid?)null, (DateTimeOffset?)null), (delivery.Status, delivery.ClaimToken, delivery.ClaimExpiresAt));
    }

    [Fact]
    public async Task SendAsync_StillSendingNearTheEndOfItsLease_AbandonedAsAFailedAttemptAndReleased()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        scenario.SetToday(scenario.DueDate);
        await scenario.Sweep().RunAsync();
        var id = (await scenario.DeliveriesAsync()).Single(d => d.Recipient == ReminderScenario.ContactEmail).Id;
        var hung = new BlockingEmailSender();
        var attempt = scenario.Mailer(hung).SendAsync(id, maxAttempts: 6);
        await hung.Started;

        // The send is abandoned before the lease ends, so nobody can take the claim while it might still be sending.
        database.Clock.Advance(ReminderMailer.ClaimLease - ReminderMailer.LeaseMargin);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => attempt);
        var delivery = (await scenario.DeliveriesAsync()).Single(d => d.Id == id);
        Assert.Equal((DeliveryStatus.Pending, 1, (Guid?)null), (delivery.Status, delivery.Attempts, delivery.ClaimToken));
        Assert.Equal("The send did not finish within its claim.", delivery.LastError);
    }

    /// <summary>A send that starts, then waits until the test lets it finish (or its cancellation token fires).</summary>
    private sealed class BlockingEmailSender : IEmailSender
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<EmailMessage> Sent { get; } = [];

        public Task Started => _started.Task;

        public void Finish() => _finish.SetResult();

        public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
        {
            _started.SetResult();
            await _finish.Task.WaitAsync(ct);
            Sent.Add(message);
        }
    }

    [Fact]
    public async Task NotificationCentre_MarkAllAsRead_OnlyTheSignedInPersonsAndNewestFirst()
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        scenario.SetToday(ReminderPlanner.WorkingDaysBefore(scenario.DueDate, 1, scenario.Calendar));
        await scenario.Sweep().RunAsync();
        scenario.SetToday(scenario.DueDate);
        await scenario.Sweep().RunAsync();
        var centre = new NotificationCentre(database.Factory, database.Clock);
        var owner = new Actor(scenario.OwnerId, "Olive Owner", 1, "Test LINk", UserRole.Editor);
        var someoneElse = new Actor("someone-else", "Sam Else", 1, "Test LINk", UserRole.Editor);

        var list = await centre.ListAsync(owner);
        Assert.Equal(["due", "before-1"], list.Select(n => n.Title.StartsWith("Due today", StringComparison.Ordinal) ? "due" : "before-1"));
        Assert.Empty(await centre.ListAsync(someoneElse));
        await centre.MarkReadAsync(someoneElse, list[0].Id);
        Assert.Equal(2, await centre.UnreadCountAsync(owner));

        await centre.MarkReadAsync(owner, list[0].Id);
        Assert.Equal(1, await centre.UnreadCountAsync(owner));
        Assert.Equal(1, await centre.MarkAllReadAsync(owner));
        Assert.Equal(0, await centre.UnreadCountAsync(owner));
    }

    // One side's organisation is deactivated between the sweep's read of the due deadlines and its write: nothing is
    // recorded for its people (nobody there may be told, ADR 4), in the app or by e-mail, and the other side's reminder is
    // recorded and sent as ever, as if the deactivation had come before the read.
    [Theory]
    [InlineData("commissioner")]
    [InlineData("LINk")]
    public async Task RunAsyncAndSendAsync_SideDeactivatedBetweenTheSweepsReadAndItsWrite_OnlyTheOtherSideReminded(string deactivated)
    {
        await using var database = await ReminderScenario.DatabaseAsync(provider);
        var scenario = await ReminderScenario.LoadAsync(database);
        var contact = await scenario.AddUserAsync(ReminderScenario.ContactEmail, atCommissioner: true);
        scenario.SetToday(scenario.DueDate);
        // Held once the plan is made: its last read is of the reminders already recorded, after whom to remind.
        var pause = new QueryPause(c => c.CommandText.Contains("FROM \"ReminderDeliveries\"", StringComparison.Ordinal));
        var (gone, stays, staysAddress) = deactivated == "commissioner"
            ? (scenario.CommissionerId, scenario.OwnerId, ReminderScenario.OwnerEmail)
            : (scenario.LinkId, contact, ReminderScenario.ContactEmail);

        var sweeping = Task.Run(() => scenario.Sweep(pause.Factory(database)).RunAsync());
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        await using (var db = database.CreateContext())
        {
            (await db.Organisations.SingleAsync(o => o.Id == gone)).Deactivate();
            await db.SaveChangesAsync();
        }

        pause.Release();
        var swept = await sweeping;
        var sender = new RecordingEmailSender();
        foreach (var id in swept.EmailDeliveryIds)
        {
            await scenario.Mailer(sender).SendAsync(id, maxAttempts: 6);
        }

        Assert.Equal([stays], (await scenario.NotificationsAsync()).Select(n => n.UserId));
        Assert.Equal(
            [(DeliveryChannel.InApp, stays), (DeliveryChannel.Email, stays == contact ? ReminderScenario.ContactEmail : stays)],
            (await scenario.DeliveriesAsync()).Select(d => (d.Channel, d.Recipient)).OrderBy(d => d.Channel == DeliveryChannel.Email));
        Assert.Equal([staysAddress], sender.Sent.Select(m => m.To));
    }
}
