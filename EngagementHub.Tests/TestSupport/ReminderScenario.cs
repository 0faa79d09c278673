using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// One open request for information from a LINk to a commissioner, with a named contact who has an e-mail address
/// and a LINk owner with an account: what the reminder tests start from.
/// </summary>
public sealed class ReminderScenario
{
    public const string ContactEmail = "janet.rowe@commissioner.test";
    public const string OwnerEmail = "owner@link.test";

    private ReminderScenario(TestDatabase database, int deadlineId, string ownerId, DateOnly dueDate, WorkingDayCalendar calendar, int linkId, int commissionerId)
    {
        Database = database;
        LinkId = linkId;
        CommissionerId = commissionerId;
        DeadlineId = deadlineId;
        OwnerId = ownerId;
        DueDate = dueDate;
        Calendar = calendar;
    }

    public TestDatabase Database { get; }

    /// <summary>The LINk that sent the deadline, where its owner is.</summary>
    public int LinkId { get; }

    /// <summary>The commissioner it was sent to, which named the contact.</summary>
    public int CommissionerId { get; }
    public int DeadlineId { get; }
    public string OwnerId { get; }
    public DateOnly DueDate { get; }
    public WorkingDayCalendar Calendar { get; }

    /// <summary>
    /// A database of the test's own holding the scenario as <see cref="CreateAsync"/> makes it with its default subject,
    /// received at <paramref name="receivedAt"/> or else a test database's first instant (1 October 2026, 09:00 UTC): a
    /// copy of one seeded once per test run, provider and instant. <see cref="LoadAsync"/> reads the scenario back from
    /// it; the test database's own clock is left for the test to set.
    /// </summary>
    public static Task<TestDatabase> DatabaseAsync(DatabaseProvider provider, DateTimeOffset? receivedAt = null) =>
        TestDatabase.CreateSeededAsync(provider, $"{nameof(ReminderScenario)} received {receivedAt:O}", template =>
        {
            if (receivedAt is { } at)
            {
                template.Clock.SetUtcNow(at);
            }

            return CreateAsync(template);
        });

    /// <summary>The scenario in <paramref name="database"/>, which <see cref="DatabaseAsync"/> made.</summary>
    public static async Task<ReminderScenario> LoadAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var deadline = await db.Deadlines.AsNoTracking().SingleAsync();
        return new ReminderScenario(database, deadline.Id, deadline.OwnerUserId, deadline.DueDate, await BankHolidayCalendar.ReadAsync(db),
            deadline.SentByOrganisationId, deadline.ToOrganisationId);
    }

    /// <summary>Adds the scenario to <paramref name="database"/>, whose clock says when the request was received.</summary>
    public static async Task<ReminderScenario> CreateAsync(TestDatabase database, string subject = "Waiting times for wheelchair assessments")
    {
        await using var db = database.CreateContext();
        await DeadlineService.EnsureRulesAsync(db);
        var calendar = await BankHolidayCalendar.ReadAsync(db);

        var link = new Organisation("Test LINk", OrganisationKind.Link);
        var commissioner = new Organisation("Test PCT", OrganisationKind.Commissioner);
        var contact = commissioner.AddContact("Janet Rowe", "Director of Commissioning", ContactEmail, null, receivesLinkRequests: true);
        db.Organisations.AddRange(link, commissioner);
        await db.SaveChangesAsync();

        var owner = new ApplicationUser
        {
            UserName = OwnerEmail, Email = OwnerEmail, DisplayName = "Olive Owner", OrganisationId = link.Id, Role = UserRole.Editor,
            CreatedAt = database.Clock.GetUtcNow(),
        };
        db.Users.Add(owner);
        var rule = await db.DeadlineRules.FirstAsync(r => r.Kind == DeadlineKind.InformationRequest);
        var received = DateOnly.FromDateTime(UkTime.ToLocal(database.Clock.GetUtcNow()).DateTime);
        var deadline = new ResponseDeadline(rule, subject, null, link.Id, commissioner.Id, contact.Id, owner.Id, owner.DisplayName, null,
            calendar.DueDate(received, rule.WorkingDays), database.Clock.GetUtcNow());
        db.Deadlines.Add(deadline);
        await db.SaveChangesAsync();
        return new ReminderScenario(database, deadline.Id, owner.Id, deadline.DueDate, calendar, link.Id, commissioner.Id);
    }

    /// <summary>Adds a person with an account, at the LINk or (<paramref name="atCommissioner"/>) at the commissioner; returns their id.</summary>
    public async Task<string> AddUserAsync(string email, bool atCommissioner = false, UserRole role = UserRole.Editor)
    {
        await using var db = Database.CreateContext();
        var deadline = await db.Deadlines.AsNoTracking().SingleAsync(d => d.Id == DeadlineId);
        var user = new ApplicationUser
        {
            UserName = email, Email = email, NormalizedEmail = AccountAddress.Normalise(email), DisplayName = email.Split('@')[0],
            OrganisationId = atCommissioner ? deadline.ToOrganisationId : deadline.SentByOrganisationId, Role = role, CreatedAt = Database.Clock.GetUtcNow(),
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>Moves the clock to 09:00 UK time on <paramref name="date"/>.</summary>
    public void SetToday(DateOnly date) =>
        Database.Clock.SetUtcNow(new DateTimeOffset(date.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));

    /// <summary>The sweep, on <paramref name="factory"/>'s contexts when given (one with a <see cref="QueryPause"/>), else the database's.</summary>
    public ReminderSweep Sweep(IDbContextFactory<EngagementHub.Core.Data.EngagementHubDbContext>? factory = null) => new(
        factory ?? Database.Factory, new BankHolidayCalendar(Database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), Database.Clock),
        Database.Clock, NullLogger<ReminderSweep>.Instance);

    public DigestSweep DigestSweep() => new(
        Database.Factory, new BankHolidayCalendar(Database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), Database.Clock),
        Database.Clock, NullLogger<DigestSweep>.Instance);

    public ReminderMailer Mailer(IEmailSender sender, OrganisationAccess? access = null) => new(
        Database.Factory, sender, access ?? new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), Database.Clock, NullLogger<ReminderMailer>.Instance,
        Database.Preferences(), Microsoft.Extensions.Options.Options.Create(new EngagementHub.Core.EngagementHubOptions { PublicBaseUrl = "https://engage.test" }),
        new EngagementHub.Web.Components.Shared.PageLinks(),
        new DeadlineReminderContent(new BankHolidayCalendar(Database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), Database.Clock)),
        new EngagementHub.Core.Home.MyWorkService(Database.Factory, Database.Clock));

    public async Task<List<ReminderDelivery>> DeliveriesAsync()
    {
        await using var db = Database.CreateContext();
        return await db.ReminderDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
    }

    public async Task<List<Notification>> NotificationsAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
    }

    /// <summary>Both sides agree a later due date.</summary>
    public async Task ExtendAsync(DateOnly newDueDate)
    {
        await using var db = Database.CreateContext();
        var deadline = await db.Deadlines.SingleAsync(d => d.Id == DeadlineId);
        deadline.ProposeExtension(newDueDate, "More time agreed at the liaison meeting.", byLink: false, "Janet Rowe", UkTime.Today(Database.Clock), Calendar, waitingSeen: null);
        deadline.AgreeExtension(byLink: true, "Lena Khan", Database.Clock.GetUtcNow(), UkTime.Today(Database.Clock), proposedSeen: newDueDate, Calendar);
        await db.SaveChangesAsync();
    }

    public async Task AnswerAsync()
    {
        await using var db = Database.CreateContext();
        var deadline = await db.Deadlines.FirstAsync(d => d.Id == DeadlineId);
        deadline.RecordAnswer("Median wait 14 weeks.", DueDate, "Janet Rowe", Calendar);
        await db.SaveChangesAsync();
    }
}

/// <summary>An e-mail sender that keeps what it was asked to send.</summary>
public sealed class RecordingEmailSender : IEmailSender
{
    public List<EmailMessage> Sent { get; } = [];

    public Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        Sent.Add(message);
        return Task.CompletedTask;
    }
}

/// <summary>An e-mail sender whose server refuses every message, as one down would.</summary>
public sealed class RefusingEmailSender : IEmailSender
{
    public Task SendAsync(EmailMessage message, CancellationToken ct = default) => throw new IOException("Connection refused");
}

/// <summary>Keeps the jobs a page or service asked Hangfire to create instead of running them.</summary>
public sealed class RecordingJobClient : Hangfire.IBackgroundJobClient
{
    public List<Hangfire.Common.Job> Created { get; } = [];

    public string Create(Hangfire.Common.Job job, Hangfire.States.IState state)
    {
        Created.Add(job);
        return Created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, Hangfire.States.IState state, string expectedState) => true;
}
