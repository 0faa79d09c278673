using EngagementHub.Core.Communities;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Reviews;
using EngagementHub.Core.Timetables;

namespace EngagementHub.Core.Data;

/// <summary>
/// The data every deployment starts with, seeded in one place: the standard communities of interest, the bank holidays
/// of England and Wales, the statutory kinds of deadline, the commissioning-cycle templates and the study's success
/// criteria. The start-up (<see cref="DatabaseInitializer"/>) and the demo (<see cref="Demo.DemoPartnership"/>) call it.
/// </summary>
public static class ReferenceData
{
    /// <summary>
    /// Seeds each kind of reference data whose table is empty and leaves a table that has rows as it is (with an
    /// administrator's changes), so it runs at every start. Saves as it goes.
    /// </summary>
    /// <param name="db">The context to seed through.</param>
    /// <param name="clock">When the success criteria's first wordings are dated.</param>
    /// <param name="ct">Cancels the seeding between saves.</param>
    public static async Task EnsureAsync(EngagementHubDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        await StandardCommunities.EnsureAsync(db, ct);
        await BankHolidayCalendar.EnsureSeededAsync(db, ct);
        await DeadlineService.EnsureRulesAsync(db, ct);
        await StandardCycles.EnsureAsync(db, ct);
        await StandardCriteria.EnsureAsync(db, clock, ct);
    }
}
