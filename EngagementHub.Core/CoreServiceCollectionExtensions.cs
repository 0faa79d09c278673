using EngagementHub.Core.Accounts;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Calendar;
using EngagementHub.Core.Common;
using EngagementHub.Core.Communities;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Home;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Maintenance;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Public;
using EngagementHub.Core.Reminders;
using EngagementHub.Core.Timetables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EngagementHub.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The domain services and the database, for the provider and connection string given.</summary>
    public static IServiceCollection AddEngagementHubCore(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditInterceptor>();

        // A factory, one context per operation: Blazor Server circuits outlive any sensible unit of work.
        // It also registers the context as scoped, which Identity's stores need.
        services.AddDbContextFactory<EngagementHubDbContext>((sp, options) =>
        {
            options.UseEngagementHubDatabase(provider, connectionString);
            options.AddInterceptors(sp.GetRequiredService<AuditInterceptor>());
        });

        services.AddSingleton<OrganisationAccess>();
        services.AddScoped<DatabaseInitializer>();
        services.AddTransient<AuditHistory>();
        services.AddTransient<OrganisationDirectory>();
        services.AddTransient<ExerciseService>();
        services.AddTransient<CommunityCatalogue>();
        services.AddTransient<BankHolidayCalendar>();
        // Digests and reminders count working days without depending on Deadlines, which keeps the holidays.
        services.AddTransient<IWorkingDays>(sp => sp.GetRequiredService<BankHolidayCalendar>());
        // The mailer reads the deadlines it reminds of through a port its own folder declares.
        services.AddTransient<IDeadlineReminders, DeadlineReminderContent>();
        services.AddTransient<DeadlineService>();
        services.AddTransient<YouSaidWeDidRegister>();
        services.AddTransient<UserAdministration>();
        services.AddTransient<AccountMail>();
        services.AddTransient<AccountEmailLimit>();
        services.AddTransient<Invitations>();
        services.AddTransient<PasswordService>();
        services.AddTransient<DatabaseBackup>();
        services.AddTransient<ReminderSweep>();
        services.AddTransient<DigestSweep>();
        services.AddTransient<HolidayCoverageCheck>();
        services.AddTransient<NotificationCentre>();
        // Signs the unsubscribe links; the Web host persists the key ring in the database so every node reads them.
        services.AddDataProtection();
        services.AddTransient<NotificationPreferences>();
        services.AddTransient<TimetableQueries>();
        services.AddTransient<TimetableEventService>();
        services.AddTransient<TimetableAgreementService>();
        // What waits on a deactivated organisation, through a port Organisations declares: it leaves the timetable rounds
        // that await it; the LINk hears of the exercises it leads whose option it had still to agree, and of the deadlines
        // it still owes an answer to; the other side hears of the review rounds and actions left with it.
        services.AddTransient<IOrganisationDeactivation, TimetableRoundsOnDeactivation>();
        services.AddTransient<IOrganisationDeactivation, ExercisesOnDeactivation>();
        services.AddTransient<IOrganisationDeactivation, DeadlinesOnDeactivation>();
        services.AddTransient<IOrganisationDeactivation, Reviews.ReviewsOnDeactivation>();
        services.AddTransient<IOrganisationDeactivation, WorkProgramme.WorkProgrammeOnDeactivation>();
        // What an organisation's kind still decides, through a port Organisations declares: the open deadlines sent to it
        // or by it, and the exercises it leads as a commissioner, keep the kind they were made under.
        services.AddTransient<IOrganisationKindChange, DeadlinesOnKindChange>();
        services.AddTransient<IOrganisationKindChange, ExercisesOnKindChange>();
        services.AddTransient<CycleTemplateService>();
        services.AddTransient<CalendarFeedService>();
        services.AddTransient<MyWorkService>();
        // The mailer and the notification centre ask "My work" whether a notice still needs its reader, through a port.
        services.AddTransient<IOutstandingWork>(sp => sp.GetRequiredService<MyWorkService>());
        services.AddTransient<PublicSite>();
        services.AddTransient<Reports.ReportService>();
        services.AddTransient<WorkProgramme.WorkProgrammeService>();
        // A request, report or referral the LINk logs itself enters its decisions log in the same save.
        services.AddTransient<IDeadlineDecisionLog, WorkProgramme.DeadlineDecisionLog>();
        // A bank holiday change moves the feedback owed on issues as it moves deadlines, through a port Deadlines declares.
        services.AddTransient<IRecountedDates, WorkProgramme.FeedbackDueDates>();
        services.AddTransient<Reviews.ReviewService>();
        services.AddTransient<Reviews.ReviewEvidenceService>();
        return services;
    }
}
