using EngagementHub.Core.Accounts;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Calendar;
using EngagementHub.Core.Communities;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reviews;
using EngagementHub.Core.Timetables;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EngagementHub.Core.Data;

/// <summary>
/// The application database: domain data, people (ASP.NET Core Identity) and the audit log.
/// Provider-neutral: SQLite by default, PostgreSQL when the deployment outgrows one machine.
/// </summary>
public class EngagementHubDbContext(DbContextOptions<EngagementHubDbContext> options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Community> Communities => Set<Community>();
    public DbSet<EngagementExercise> Exercises => Set<EngagementExercise>();
    public DbSet<JointWorkingProposal> JointWorkingProposals => Set<JointWorkingProposal>();
    public DbSet<BankHoliday> BankHolidays => Set<BankHoliday>();
    public DbSet<DeadlineRule> DeadlineRules => Set<DeadlineRule>();
    public DbSet<ResponseDeadline> Deadlines => Set<ResponseDeadline>();
    public DbSet<Recommendation> Recommendations => Set<Recommendation>();
    public DbSet<ImplementationMilestone> ImplementationMilestones => Set<ImplementationMilestone>();
    public DbSet<ReminderDelivery> ReminderDeliveries => Set<ReminderDelivery>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<DigestSchedule> DigestSchedules => Set<DigestSchedule>();
    public DbSet<TimetableEvent> TimetableEvents => Set<TimetableEvent>();
    public DbSet<AnnualTimetable> AnnualTimetables => Set<AnnualTimetable>();
    public DbSet<TimetableAgreement> TimetableAgreements => Set<TimetableAgreement>();
    public DbSet<TimetableChange> TimetableChanges => Set<TimetableChange>();
    public DbSet<TimetableChangeCheck> TimetableChangeChecks => Set<TimetableChangeCheck>();
    public DbSet<CycleTemplate> CycleTemplates => Set<CycleTemplate>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<DeploymentIdentity> DeploymentIdentities => Set<DeploymentIdentity>();
    public DbSet<WorkProgramme.RaisedIssue> RaisedIssues => Set<WorkProgramme.RaisedIssue>();
    public DbSet<WorkProgramme.RelevantDecision> RelevantDecisions => Set<WorkProgramme.RelevantDecision>();
    public DbSet<SuccessCriterion> SuccessCriteria => Set<SuccessCriterion>();
    public DbSet<CriterionWording> CriterionWordings => Set<CriterionWording>();
    public DbSet<ReviewRound> ReviewRounds => Set<ReviewRound>();
    public DbSet<ReviewAction> ReviewActions => Set<ReviewAction>();

    /// <summary>Signed-in sessions: the server-side half of each sign-in cookie (<see cref="UserSession"/>).</summary>
    public DbSet<UserSession> UserSessions => Set<UserSession>();

    /// <summary>The account e-mails each person was sent in the last hour, by kind: see <see cref="AccountEmailLimit"/>.</summary>
    public DbSet<AccountEmailSlot> AccountEmailSlots => Set<AccountEmailSlot>();

    /// <summary>Form submissions that have taken effect, by key: see <see cref="Submissions"/>.</summary>
    public DbSet<Common.Submission> Submissions => Set<Common.Submission>();

    /// <summary>
    /// ASP.NET Core's data-protection key ring (sign-in cookies, antiforgery): in the database, so every node reads the
    /// same keys and a cookie issued by one is accepted by another.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Who the changes saved through this context are recorded against.</summary>
    public Actor AuditActor { get; private set; } = Actor.System;

    internal List<AuditInterceptor.PendingAudit>? PendingAudit { get; set; }
    internal IDbContextTransaction? AuditTransaction { get; set; }

    /// <summary>True while <see cref="AuditInterceptor"/> saves the audit rows of a save that has just succeeded.</summary>
    internal bool SavingAuditEntries { get; set; }

    /// <summary>
    /// Saves as EF Core does. A save refused because a row met another save first (a <see cref="DbUpdateConcurrencyException"/>)
    /// also ends the transaction <see cref="AuditInterceptor"/> opened for it and forgets its pending entries: EF Core tells
    /// an interceptor of every other failed save, not of that one, and the transaction left open kept the database's write
    /// lock (SQLite) and took the context's next saves into it, to be rolled back with it. Identity's account saves meet
    /// such a conflict whenever an account was saved since it was read (ADR 4: a deactivation renews every stamp of its
    /// people), and its context goes on being used.
    /// </summary>
    /// <returns>The number of rows written, as EF Core counts them.</returns>
    /// <exception cref="DbUpdateConcurrencyException">A row met another save; nothing of this save is kept.</exception>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException) when (PendingAudit is not null)
        {
            await AuditInterceptor.EndAsync(this);
            throw;
        }
    }

    /// <summary>Records the changes saved through this context as made by <paramref name="actor"/>.</summary>
    public EngagementHubDbContext ActingAs(Actor actor)
    {
        AuditActor = actor;
        return this;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in the database and safe when a member is inserted.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(64);

        if (Database.IsSqlite())
        {
            // SQLite cannot order or compare DateTimeOffset; UTC ticks sort correctly and keep the instant.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(EngagementHubDbContext).Assembly);
    }
}
