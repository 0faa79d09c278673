using EngagementHub.Core.Identity;
using EngagementHub.Core.Timetables;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementHub.Tests.TestSupport;

/// <summary>The four timetable services on one test database, sharing one access checker (and so one log).</summary>
public sealed record TimetableServices(
    TimetableQueries Queries, TimetableEventService Events, TimetableAgreementService Agreements, CycleTemplateService Cycles)
{
    public static TimetableServices For(TestDatabase database, OrganisationAccess? access = null)
    {
        access ??= new OrganisationAccess(NullLogger<OrganisationAccess>.Instance);
        return new TimetableServices(
            new TimetableQueries(database.Factory, database.Clock),
            new TimetableEventService(database.Factory, access, database.Clock),
            new TimetableAgreementService(database.Factory, access, database.Clock),
            new CycleTemplateService(database.Factory, access, database.Clock));
    }

    /// <summary>The same services from an app's container (one scope each).</summary>
    public static TimetableServices From(IServiceProvider services) => new(
        Get<TimetableQueries>(services), Get<TimetableEventService>(services), Get<TimetableAgreementService>(services), Get<CycleTemplateService>(services));

    private static T Get<T>(IServiceProvider services) where T : notnull =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<T>(services);
}
