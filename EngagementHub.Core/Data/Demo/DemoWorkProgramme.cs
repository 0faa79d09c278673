using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.WorkProgramme;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Data.Demo;

/// <summary>
/// A year of the LINk's work programme: issues raised over the last twelve months at every Kent step (raised,
/// discussed, consulted, business case, decided with feedback owed — one late — and feedback given), every panel
/// outcome with the record it created, and the decisions log, including decisions not taken on an issue.
/// </summary>
internal static class DemoWorkProgramme
{
    public static async Task SeedAsync(EngagementHubDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var calendar = await BankHolidayCalendar.ReadAsync(db, ct);
        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Name, ct);
        var link = organisations[DemoPartnership.LinkName];
        var rules = await db.DeadlineRules.ToDictionaryAsync(r => r.Kind, ct);
        var owner = await db.Users.Where(u => u.Email == "link@demo.engagementhub.test").Select(u => new { u.Id, u.DisplayName, u.OrganisationId }).FirstAsync(ct);
        var proposedExercise = await db.Exercises.Where(e => e.State == ExerciseState.Proposed).OrderBy(e => e.Id).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
        var today = UkTime.Today(now);
        const string by = "Lena Khan";
        const int feedbackDays = 20;

        RaisedIssue Raise(string title, string description, string referrer, int daysAgo, CareSector sector, BalanceInput placed, string? locality = null,
            string? services = null, string? communities = null, bool group = false)
        {
            var issue = new RaisedIssue(link.Id, new RaisedIssueInput
            {
                Title = title, Description = description, ReferrerName = referrer, ReferrerIsGroup = group,
                ReferrerContact = group ? "secretary@example.org.uk" : "0121 496 0000", ConsentToContact = true,
                Services = services, Communities = communities, Locality = locality, Sector = sector, RaisedOn = today.AddDays(-daysAgo),
            }, owner.OrganisationId, owner.Id, owner.DisplayName, now.AddDays(-daysAgo));
            issue.Place(placed);
            db.RaisedIssues.Add(issue);
            return issue;
        }

        // Where each issue sits on the study's balances. Every issue this year came to the LINk from the community (Kent's
        // process is reactive) and there are fewer than two quick wins for each big thing, so the balance view warns on both.
        static BalanceInput Placed(IssueTerm term, PartnerSector partners, ServiceSetting setting, IssueReach reach, IssueOrigin origin = IssueOrigin.Reactive) =>
            new() { Term = term, PartnerSector = partners, Setting = setting, Reach = reach, Origin = origin };

        DateOnly Ago(int days) => today.AddDays(-days);
        Dictionary<IssueStep, string?> Skips(params (IssueStep Step, string Reason)[] skips) => skips.ToDictionary(s => s.Step, s => (string?)s.Reason);
        void Through(RaisedIssue issue, int discussedAgo, int consultedAgo, int caseAgo, bool big = false)
        {
            Check(issue.RecordDiscussion(Ago(discussedAgo), by, "Met the referrer and agreed what the issue is."));
            Check(issue.RecordConsultation(Ago(consultedAgo), by, "Raised at the members' forum and with the relevant community groups; several had the same experience."));
            Check(issue.RecordBusinessCase(Ago(caseAgo), by, new BusinessCaseInput
            {
                AffectsManyPeople = big, LongLasting = big, SignificantResources = big, MajorQualityImplications = true, AffectsInequalities = true,
                NationalOrLocalPriority = big, ExpectedEffort = big ? "About 40 volunteer days over six months" : "A few days", SuccessLooksLike = "The service changes and users notice.",
            }));
        }

        void Decide(RaisedIssue issue, int daysAgo, PanelOutcome outcome, string reasons, Dictionary<IssueStep, string?>? skips = null, DeadlineKind? referral = null)
        {
            var on = Ago(daysAgo);
            Check(issue.RecordDecision(on, by, new PanelDecisionInput { Outcome = outcome, PanelMembers = "Chair, vice-chair and two members", Reasons = reasons },
                calendar.AddWorkingDays(on, feedbackDays), skips));
            db.RelevantDecisions.Add(new RelevantDecision(link.Id, RelevantDecision.KindOf(outcome, referral), on, issue.Title, WorkProgrammeService.PanelBody,
                reasons, owner.DisplayName, now.AddDays(-daysAgo)));
        }

        // Raised, not yet discussed.
        Raise("Bus route cut leaves the day centre out of reach", "The number 45 no longer stops near the Erdington day centre; members now miss sessions.",
            "Erdington Carers Group", 3, CareSector.SocialCare, Placed(IssueTerm.ShortTerm, PartnerSector.ThirdSector, ServiceSetting.Community, IssueReach.Minority), "Erdington", "Day centre", "Carers", group: true);
        Raise("Pharmacy closes at lunchtime", "The only pharmacy on the estate shuts 12–2, when most working people can collect.", "Grace Adeyemi", 6, CareSector.Health, Placed(IssueTerm.ShortTerm, PartnerSector.Statutory, ServiceSetting.Community, IssueReach.Majority), "Hodge Hill", "Community pharmacy");

        // Discussed; consulted; business case written.
        var discussed = Raise("Long waits for hearing aid repairs", "Repairs take six weeks; people go without their hearing aids meanwhile.",
            "Tom Bradley", 25, CareSector.Health, Placed(IssueTerm.ShortTerm, PartnerSector.Statutory, ServiceSetting.Acute, IssueReach.Minority), null, "Audiology", "Deaf and hard of hearing people");
        Check(discussed.RecordDiscussion(Ago(20), by, "He and two neighbours have waited over a month."));
        var consulted = Raise("No translated discharge letters", "Patients who read Urdu or Bengali are sent home with letters only in English.",
            "Saltley Women's Forum", 50, CareSector.Health, Placed(IssueTerm.ShortTerm, PartnerSector.Statutory, ServiceSetting.Acute, IssueReach.Minority), "Hodge Hill", "Hospital discharge", "South Asian communities", group: true);
        Check(consulted.RecordDiscussion(Ago(45), by, "Examples from five women in the forum."));
        Check(consulted.RecordConsultation(Ago(30), by, "The interpreting users' group and two GP practice participation groups confirm the same."));
        var costed = Raise("Care home residents cannot get to the dentist", "Residents of small care homes wait months for a domiciliary dental visit.",
            "Kingstanding Residents' Association", 70, CareSector.Both, Placed(IssueTerm.LongTerm, PartnerSector.Statutory, ServiceSetting.Community, IssueReach.Minority), "Erdington", "Community dental service", "Older people", group: true);
        Through(costed, 65, 55, 40, big: true);

        // Decided: every outcome, with the record it created; feedback owed on some, one of them late.
        var referred = Raise("Physiotherapy waiting list in the south", "Self-referral to physiotherapy takes 18 weeks in the south of the city, 6 in the north.",
            "Dawn Lewis", 120, CareSector.Health, Placed(IssueTerm.LongTerm, PartnerSector.Statutory, ServiceSetting.Community, IssueReach.Majority), "Selly Oak", "Musculoskeletal physiotherapy");
        Through(referred, 115, 105, 95, big: true);
        Decide(referred, 8, PanelOutcome.ReferToProviderOrCommissioner, "The commissioner holds the waiting-list figures and the contract; the LINk asks for both.",
            referral: DeadlineKind.InformationRequest);
        var request = new ResponseDeadline(rules[DeadlineKind.InformationRequest], referred.Title,
            "Referred by the LINk's panel: waiting-list figures by locality and the contract's targets.", link.Id, organisations[DemoPartnership.SouthBirminghamName].Id,
            null, owner.Id, owner.DisplayName, null, calendar.DueDate(Ago(8), rules[DeadlineKind.InformationRequest].WorkingDays), now.AddDays(-8));
        db.Deadlines.Add(request);
        await db.SaveAddedRowsAsync(db.AuditActor, ct);
        referred.LinkOutcome(deadlineId: request.Id, partnerOrganisationId: request.ToOrganisationId);

        var declined = Raise("Parking charges at the general hospital", "Visitors find the car park charges too high.", "Ken Holt", 150, CareSector.Health, Placed(IssueTerm.ShortTerm, PartnerSector.Statutory, ServiceSetting.Acute, IssueReach.Majority), null, "Hospital car parking");
        Decide(declined, 140, PanelOutcome.NoAction, "The trust consulted on charges last year and publishes its concessions; nothing new for the LINk to add.",
            Skips((IssueStep.Discussed, "Clear from his letter"), (IssueStep.Consulted, "Consulted on recently by the trust"), (IssueStep.BusinessCase, "Not taken up")));
        Check(declined.RecordFeedback(Ago(130), by, "Wrote to him with the panel's reasons and the trust's concessions leaflet."));

        var consultation = Raise("Mental health crisis support for young people", "Young people wait in A&E for hours when in crisis; families want a say in what replaces it.",
            "Birmingham Youth Voice", 200, CareSector.Both, Placed(IssueTerm.LongTerm, PartnerSector.Statutory, ServiceSetting.Both, IssueReach.Minority), null, "Crisis care", "Young people", group: true);
        Through(consultation, 190, 180, 170, big: true);
        Decide(consultation, 160, PanelOutcome.FurtherConsultation, "A big issue affecting many young people; the commissioner is redesigning crisis care and should hear them first.");
        consultation.LinkOutcome(exerciseId: proposedExercise, partnerOrganisationId: organisations[DemoPartnership.SouthBirminghamName].Id);
        Check(consultation.RecordFeedback(Ago(150), by, "Presented the decision at the group's monthly meeting."));

        var handOff = Raise("Benefits advice for carers", "Carers do not know what they can claim.", "Ladywood Carers Circle", 240, CareSector.SocialCare, Placed(IssueTerm.ShortTerm, PartnerSector.ThirdSector, ServiceSetting.Community, IssueReach.Minority), "Ladywood", "Welfare advice", "Carers", group: true);
        Check(handOff.RecordDiscussion(Ago(235), by, "They want a session at their group."));
        Decide(handOff, 225, PanelOutcome.WorkWithAnotherOrganisation, "Birmingham Voluntary Services Council runs carers' benefit sessions already; a quick win through them.",
            Skips((IssueStep.Consulted, "Quick win"), (IssueStep.BusinessCase, "Quick win")));
        handOff.LinkOutcome(partnerOrganisationId: organisations[DemoPartnership.BvscName].Id, handOffContact: "Carers' advice lead, BVSC");
        Check(handOff.RecordFeedback(Ago(215), by, "Phoned the group's secretary; the session is booked."));

        var project = Raise("Discharge from hospital to care homes", "Residents arrive from hospital without medicines or notes.", "Care Home Managers' Network", 330, CareSector.Both, Placed(IssueTerm.LongTerm, PartnerSector.ThirdSector, ServiceSetting.Both, IssueReach.Majority, IssueOrigin.Proactive), null,
            "Hospital discharge; care homes", "Older people", group: true);
        Through(project, 320, 300, 290, big: true);
        Decide(project, 280, PanelOutcome.LinkProject, "A wicked problem across health and social care that nobody else is looking at as a whole.");
        project.LinkOutcome(projectOwner: by, projectMilestones: "Survey of care homes (3 months); enter and view at two wards (5 months); report with recommendations (8 months)",
            projectEndDate: Ago(280).AddMonths(9));
        Check(project.RecordFeedback(Ago(260), by, "Wrote to the network and presented the project plan at its meeting."));

        var late = Raise("Blue badge assessments take too long", "People wait four months for a mobility assessment.", "Jean Morris", 90, CareSector.SocialCare, Placed(IssueTerm.ShortTerm, PartnerSector.Statutory, ServiceSetting.Community, IssueReach.Majority), "Yardley", "Blue badge assessments", "Disabled people");
        Check(late.RecordDiscussion(Ago(85), by, "Several neighbours have the same problem."));
        Decide(late, 45, PanelOutcome.ReferToProviderOrCommissioner, "The council holds the figures; ask for them and the plan to reduce waits.",
            Skips((IssueStep.Consulted, "Quick win"), (IssueStep.BusinessCase, "Quick win")), DeadlineKind.InformationRequest);
        var lateRequest = new ResponseDeadline(rules[DeadlineKind.InformationRequest], late.Title, "Referred by the LINk's panel: assessment waiting times and the plan.",
            link.Id, organisations[DemoPartnership.AdultsAndCommunitiesName].Id, null, owner.Id, owner.DisplayName, null,
            calendar.DueDate(Ago(45), rules[DeadlineKind.InformationRequest].WorkingDays), now.AddDays(-45));
        lateRequest.RecordAnswer("Figures and the recovery plan sent.", Ago(20), "Carys Bennett", calendar);
        db.Deadlines.Add(lateRequest);
        await db.SaveAddedRowsAsync(db.AuditActor, ct);
        late.LinkOutcome(deadlineId: lateRequest.Id, partnerOrganisationId: lateRequest.ToOrganisationId);

        // Decisions not taken on an issue.
        db.RelevantDecisions.Add(new RelevantDecision(link.Id, RelevantDecisionKind.EnterAndView, Ago(100), "Enter and view at Oak House care home",
            "The LINk's board", "Concerns about mealtimes from three families; a visit lets members see for themselves.", owner.DisplayName, now.AddDays(-100)));
        db.RelevantDecisions.Add(new RelevantDecision(link.Id, RelevantDecisionKind.ReferToScrutiny, Ago(60), "Closure plans for the Moseley Road clinic",
            "The LINk's board", "No answer to the LINk's request and no consultation before the closure date.", owner.DisplayName, now.AddDays(-60)));
        await db.SaveChangesAsync(ct);
    }

    private static void Check(Outcome outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Demo work programme: {outcome.Problem ?? string.Join(" ", outcome.Errors.Select(e => e.Message))}");
        }
    }
}
