using EngagementHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Reviews;

/// <summary>
/// The study's 24 success criteria with its "how would you assess it" (Tables 3 and 4 of section 4.1, "Influencing
/// commissioning in health and social care", Birmingham 2010). Administrators may reword them afterwards.
/// </summary>
public static class StandardCriteria
{
    public static IReadOnlyList<(ReviewSide Side, string Name, string Description)> All { get; } =
    [
        (ReviewSide.Link, "New faces", "Some unfamiliar participants, speaking for themselves."),
        (ReviewSide.Link, "New communities", "Groups and issues that are hitherto relatively unknown by commissioners."),
        (ReviewSide.Link, "New information", "Perspectives not already available; new levels of understanding."),
        (ReviewSide.Link, "New thinking", "Evidence-based, independent-minded, new solutions."),
        (ReviewSide.Link, "Broad membership", "Reasonably numerous and representative; different ways of engaging."),
        (ReviewSide.Link, "Reliable", "Reasonably rigorous in research and presentation."),
        (ReviewSide.Link, "Constructive", "Often suggesting solutions or ways forward."),
        (ReviewSide.Link, "Coordinated", "Efficient approaches to engagement."),
        (ReviewSide.Link, "Good feedback", "Groups and individuals reporting positively about the LINk."),
        (ReviewSide.Link, "Aligned with timetables", "Often just ahead of commissioners' agendas."),
        (ReviewSide.Link, "Big issues", "Focusing on issues of serious detriment."),
        (ReviewSide.Link, "Savvy", "Using levers effectively."),
        (ReviewSide.Commissioners, "Transparency", "Share and agree decision-making processes with the LINk; agree timescales in advance."),
        (ReviewSide.Commissioners, "Honesty", "Inform the LINk about real objectives and (formal and informal) constraints; invite challenge."),
        (ReviewSide.Commissioners, "Approachability", "Provide the LINk with easy access to relevant decision-makers; provide alternative methods of interaction (verbal, written, etc.)."),
        (ReviewSide.Commissioners, "Respect", "Ensure 'organisational body language' shows respect; be clear about mutual expectations."),
        (ReviewSide.Commissioners, "Corporate unity", "Ensure that all decision-makers share respect for and understand the LINk; invite LINk feedback on commissioners' performance."),
        (ReviewSide.Commissioners, "Timing", "Explain constraints; respond flexibly to the LINk's own agenda and timescales."),
        (ReviewSide.Commissioners, "Listening", "Understand the LINk's perspectives, needs and priorities; ensure that decision-makers interact directly with the LINk."),
        (ReviewSide.Commissioners, "Sharing", "Assume all information should be provided to the LINk; proactively explain systems and data."),
        (ReviewSide.Commissioners, "Coordinating", "Look for synergies with the work of the LINk; design joint or shared approaches where appropriate."),
        (ReviewSide.Commissioners, "Feedback", "Keep the LINk informed about how their views were used; explain why LINk input is not accepted (where applicable)."),
        (ReviewSide.Commissioners, "Behaviours", "Agree parameters of behaviour in advance; avoid unnecessary antagonisms; reflect jointly on behaviours."),
        (ReviewSide.Commissioners, "Shared wins", "Find issues and areas which can address both commissioners' and the LINk's priorities."),
    ];

    /// <summary>Adds the 24 criteria to a database that has none yet; an administrator's later changes are never undone.</summary>
    public static async Task EnsureAsync(EngagementHubDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.SuccessCriteria.AnyAsync(ct))
        {
            return;
        }

        var at = clock.GetUtcNow();
        db.SuccessCriteria.AddRange(All.Select((c, i) => new SuccessCriterion(c.Side, c.Side == ReviewSide.Link ? i + 1 : i - 11, c.Name, c.Description, at)));
        await db.SaveChangesAsync(ct);
    }
}
