using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Data.Demo;

/// <summary>
/// Deadlines in every state across the demo commissioners, dated from today: answered on time and late, acknowledged,
/// awaiting, overdue, withdrawn, one extended, one escalated to scrutiny, and two reports with responses per recommendation
/// and what became of them ("you said, we did": done, in progress, dropped with its reason, one planned date passed);
/// each in the LINk's decisions log, as logging it in the app records it.
/// </summary>
internal static class DemoDeadlines
{
    public static async Task SeedAsync(EngagementHubDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var calendar = await BankHolidayCalendar.ReadAsync(db, ct);
        var rules = await db.DeadlineRules.ToDictionaryAsync(r => r.Kind, ct);
        var organisations = await db.Organisations.Include(o => o.Contacts).ToDictionaryAsync(o => o.Name, ct);
        var link = organisations[DemoPartnership.LinkName];
        var owner = await db.Users.Where(u => u.Email == "link@demo.engagementhub.test").Select(u => new { u.Id, u.DisplayName }).FirstAsync(ct);
        var today = UkTime.Today(now);

        var exercises = await db.Exercises.ToDictionaryAsync(e => e.Title, e => e.Id, ct);
        var logged = new List<ResponseDeadline>();

        ResponseDeadline Log(DeadlineKind kind, string subject, string to, int workingDaysAgo, string? details = null, string? exercise = null)
        {
            var organisation = organisations[to];
            var received = calendar.AddWorkingDays(today, -workingDaysAgo);
            var deadline = new ResponseDeadline(rules[kind], subject, details, link.Id, organisation.Id,
                organisation.FindLinkRequestsContact()?.Id, owner.Id, owner.DisplayName,
                exercise is null ? null : exercises.GetValueOrDefault(exercise), calendar.DueDate(received, rules[kind].WorkingDays), now.AddDays(-workingDaysAgo));
            db.Deadlines.Add(deadline);
            logged.Add(deadline);
            return deadline;
        }

        var commissioner = "NHS South Birmingham";
        var east = "NHS Birmingham East and North";
        var inner = "Heart of Birmingham teaching PCT";
        var council = DemoPartnership.AdultsAndCommunitiesName;

        Log(DeadlineKind.InformationRequest, "Waiting times for wheelchair assessments", commissioner, 30)
            .RecordAnswer("Median wait 14 weeks; action plan attached to the reply.", calendar.AddWorkingDays(today, -14), "Colin Marsh", calendar);
        Log(DeadlineKind.InformationRequest, "Interpreting services in GP practices", inner, 40)
            .RecordAnswer("Contract details and usage by language sent by e-mail.", calendar.AddWorkingDays(today, -16), "Rashid Mahmood", calendar);
        Log(DeadlineKind.InformationRequest, "Complaints about home care providers, last two years", council, 12)
            .Acknowledge("Carys Bennett", now.AddDays(-14), UkTime.Today(now.AddDays(-14)), calendar);
        Log(DeadlineKind.InformationRequest, "Use of the stroke early supported discharge service", east, 4);
        Log(DeadlineKind.InformationRequest, "Closure plans for the Moseley Road clinic", commissioner, 25);
        Log(DeadlineKind.InformationRequest, "Respite care places for carers", council, 23);
        Log(DeadlineKind.InformationRequest, "Out-of-hours GP cover at Christmas", inner, 10).Withdraw(now.AddDays(-5));

        var extended = Log(DeadlineKind.InformationRequest, "Dementia diagnosis rates by practice", east, 18);
        var extendedTo = calendar.NextWorkingDay(extended.DueDate.AddDays(14));
        extended.ProposeExtension(extendedTo, "Data is being re-run after a coding error; agreed at the October liaison meeting.", byLink: false, "Dr Helen Firth", UkTime.Today(now.AddDays(-3)), calendar, waitingSeen: null);
        extended.AgreeExtension(byLink: true, owner.DisplayName, now.AddDays(-3), UkTime.Today(now.AddDays(-3)), proposedSeen: extendedTo, calendar);

        // The LINk's report on its part of the maternity exercise: the "you said, we did" record shown on that exercise.
        var report = Log(DeadlineKind.ReportResponse, "Maternity choices: what Somali and Yemeni women told us", commissioner, 35,
            "The LINk's report on the part of the maternity exercise it ran (option 2), with five recommendations.", "Maternity choices");
        report.AddRecommendation("Offer interpreters at every antenatal appointment, booked by the midwife.");
        report.AddRecommendation("Involve women's partners and families in birth planning when the woman wishes.");
        report.AddRecommendation("Publish choice-of-birthplace figures by community each quarter.");
        report.AddRecommendation("Open a midwife-led unit in the inner city.");
        report.AddRecommendation("Review continuity of midwife with community groups every year.");
        await db.SaveChangesAsync(ct);
        var answeredAt = now.AddDays(-20);
        report.Recommendations.ElementAt(0).Respond(RecommendationResponse.Accepted, "Interpreters are now booked with every antenatal appointment.", "Colin Marsh", answeredAt);
        report.Recommendations.ElementAt(1).Respond(RecommendationResponse.Accepted, null, "Colin Marsh", answeredAt);
        report.Recommendations.ElementAt(2).Respond(RecommendationResponse.PartlyAccepted, "Published every six months: smaller communities' figures are too small to publish quarterly.", "Colin Marsh", answeredAt);
        report.Recommendations.ElementAt(3).Respond(RecommendationResponse.NotAccepted, "Births in the area are too few to staff a separate unit safely; home-birth support has been extended instead.", "Colin Marsh", answeredAt);
        report.Recommendations.ElementAt(4).Respond(RecommendationResponse.UnderConsideration, "First joint review with community groups planned for March.", "Colin Marsh", answeredAt);
        report.RecordAnswer("Response to each recommendation given in the maternity board paper of 14 October.", calendar.AddWorkingDays(today, -12), "Colin Marsh", calendar);

        // What became of it: one done (the LINk agrees), one in progress, one whose planned date passed with no update.
        var (interpreters, partners, figures) = (report.Recommendations.ElementAt(0), report.Recommendations.ElementAt(1), report.Recommendations.ElementAt(2));
        interpreters.RecordImplementation(ImplementationStatus.InProgress, today.AddDays(-7), null, null, "Colin Marsh", now.AddDays(-19));
        interpreters.AddMilestone(today.AddDays(-18), "Interpreting contract extended to antenatal clinics.", "Colin Marsh", now.AddDays(-18), today);
        interpreters.AddMilestone(today.AddDays(-9), "Booking form changed: the midwife books the interpreter with the appointment.", "Colin Marsh", now.AddDays(-9), today);
        interpreters.RecordImplementation(ImplementationStatus.Done, today.AddDays(-7), null,
            "Every antenatal appointment now comes with an interpreter booked by the midwife; the maternity service specification was changed to require it.", "Colin Marsh", now.AddDays(-8));
        interpreters.RecordLinkVerdict(LinkVerdict.Agrees, "Women at the Small Heath group confirmed interpreters are now there at each appointment.", owner.DisplayName, now.AddDays(-4));
        partners.RecordImplementation(ImplementationStatus.InProgress, today.AddDays(40), null, null, "Colin Marsh", now.AddDays(-15));
        partners.AddMilestone(today.AddDays(-15), "Birth-plan template redrafted with the LINk's Somali women's group.", "Colin Marsh", now.AddDays(-15), today);
        figures.RecordImplementation(ImplementationStatus.Planned, today.AddDays(-3), null, null, "Colin Marsh", now.AddDays(-19));

        // Last financial year's report to the council: one done with the LINk not agreeing, one dropped with its reason.
        var dayCentres = Log(DeadlineKind.ReportResponse, "Day opportunities: what families of people with learning disabilities told us", council, 170,
            "The LINk's report from its listening events with families, with three recommendations.");
        dayCentres.AddRecommendation("Keep a building-based day centre in each constituency while personal budgets are introduced.");
        dayCentres.AddRecommendation("Give every family a named social worker during the move to personal budgets.");
        dayCentres.AddRecommendation("Provide free transport to day activities.");
        await db.SaveChangesAsync(ct);
        var respondedAt = now.AddDays(-212);
        var (centres, socialWorker, transport) = (dayCentres.Recommendations.ElementAt(0), dayCentres.Recommendations.ElementAt(1), dayCentres.Recommendations.ElementAt(2));
        centres.Respond(RecommendationResponse.Accepted, "A centre will stay open in each constituency through the change.", "Carys Bennett", respondedAt);
        socialWorker.Respond(RecommendationResponse.Accepted, null, "Carys Bennett", respondedAt);
        transport.Respond(RecommendationResponse.NotAccepted, "Transport is assessed as part of each person's budget rather than given to all.", "Carys Bennett", respondedAt);
        dayCentres.RecordAnswer("Responses given in the cabinet member's letter.", calendar.AddWorkingDays(today, -150), "Carys Bennett", calendar);
        var pastToday = UkTime.Today(respondedAt);
        centres.RecordImplementation(ImplementationStatus.Planned, pastToday.AddDays(90), null, null, "Carys Bennett", respondedAt);
        centres.AddMilestone(pastToday.AddDays(30), "Three constituencies' centres reviewed with families.", "Carys Bennett", respondedAt.AddDays(30), pastToday.AddDays(30));
        centres.RecordImplementation(ImplementationStatus.Dropped, pastToday.AddDays(90), "Two centres' buildings failed their fire safety inspection and closed; activities moved to community venues nearby.",
            null, "Carys Bennett", respondedAt.AddDays(60));
        socialWorker.RecordImplementation(ImplementationStatus.Done, pastToday.AddDays(60),
            null, "Each family moving to a personal budget is given a named social worker in its first letter.", "Carys Bennett", respondedAt.AddDays(55));
        socialWorker.RecordLinkVerdict(LinkVerdict.DoesNotAgree, "Families at the October listening event said the named worker often changes and calls go unanswered.", owner.DisplayName, respondedAt.AddDays(120));

        var late = Log(DeadlineKind.InformationRequest, "Spending on learning disability day services", council, 36);
        await db.SaveChangesAsync(ct);
        late.MarkEscalated(today);
        var scrutiny = organisations[DemoPartnership.ScrutinyName];
        var referral = new ResponseDeadline(rules[DeadlineKind.ScrutinyReferral], "Referral: Spending on learning disability day services",
            $"Escalated because {council} had not answered (due {UkTime.FormatDate(late.DueDate)}).", link.Id, scrutiny.Id,
            scrutiny.FindLinkRequestsContact()?.Id, owner.Id, owner.DisplayName, null,
            calendar.DueDate(calendar.AddWorkingDays(today, -6), rules[DeadlineKind.ScrutinyReferral].WorkingDays), now.AddDays(-8));
        referral.LinkEscalation(late.Id);
        referral.Acknowledge("Rose Adeyemi", now.AddDays(-2), UkTime.Today(now.AddDays(-2)), calendar);
        db.Deadlines.Add(referral);
        // As the app escalates: the escalation waits for its link, one history entry for one act.
        await db.SaveAddedRowsAsync(db.AuditActor, ct);
        late.LinkReferral(referral.Id);
        await db.SaveChangesAsync(ct);

        // Each request, report and referral the LINk sent is one of its relevant decisions, in the decisions log as the
        // app records it when the LINk logs one (WorkProgramme.DeadlineDecisionLog).
        var loggedBy = new Actor(owner.Id, owner.DisplayName, link.Id, link.Name, UserRole.Editor);
        var decisions = new WorkProgramme.DeadlineDecisionLog();
        foreach (var sent in logged.Append(referral))
        {
            await decisions.AddAsync(db, loggedBy, sent, sent.Details, now, ct);
        }

        await db.SaveChangesAsync(ct);
    }
}
