using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;

namespace EngagementHub.Core.Deadlines;

/// <summary>
/// What a request, report or referral the LINk sends of its own accord records beside it: its decision to send it, in the
/// decisions log, which sits in the layer above (WorkProgramme). <see cref="DeadlineService"/> calls it once the deadline
/// has its id, inside the deadline's own transaction, so the deadline and the decision land together or not at all. A
/// panel's referral does not come this way: the panel's decision is already logged (ADR 22).
/// </summary>
public interface IDeadlineDecisionLog
{
    /// <summary>
    /// Adds to <paramref name="db"/> (without saving) the LINk's decision to send <paramref name="deadline"/>, when its
    /// kind is one of the LINk's relevant decisions (a request for information, a report, a referral to scrutiny); adds
    /// nothing for any other kind.
    /// </summary>
    /// <param name="db">The deadline's own context; the caller saves it, with the deadline, in one transaction.</param>
    /// <param name="actor">The person who logged the deadline, recorded as the decision's maker.</param>
    /// <param name="deadline">The deadline just logged, already saved (it has its id).</param>
    /// <param name="reasons">Why, in the words of the person who logged it; when blank, the subject stands in.</param>
    /// <param name="now">The moment of logging (UTC); the decision's date is its UK calendar date.</param>
    /// <param name="ct">Cancels the reads the log needs.</param>
    Task AddAsync(EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, string? reasons, DateTimeOffset now, CancellationToken ct = default);
}
