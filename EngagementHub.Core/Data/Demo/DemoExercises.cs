using EngagementHub.Core.Exercises;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Data.Demo;

/// <summary>
/// Fourteen engagement exercises across the demo commissioners: every option, agreed and awaiting agreement, one with a
/// change requested, one combining options, one with no option yet, and one whose input would land too late.
/// </summary>
internal static class DemoExercises
{
    private sealed record Demo(
        string Title, string Commissioner, string Purpose, string Decision, string Start, string End, string? DecisionDate,
        CareSector Sector, ServiceSetting Setting, InvolvementLevel Level, EngagementCycleStage Stage, string[] Communities,
        int? Option, AgreementSide ProposedBy, string Outcome, ExerciseState State, string[]? Localities = null, OptionPart[]? Parts = null);

    private static readonly Demo[] Exercises =
    [
        new("Community stroke rehabilitation", "NHS Birmingham East and North",
            "Hear from stroke survivors and their carers what community rehabilitation should look like before the service is re-specified.",
            "Re-specification of community stroke rehabilitation", "2026-05-05", "2026-07-31", "2026-09-17",
            CareSector.Health, ServiceSetting.Community, InvolvementLevel.Involve, EngagementCycleStage.ServiceDesign,
            ["Older people", "Carers", "Black and minority ethnic communities"], 2, AgreementSide.Commissioner, "agreed", ExerciseState.Running),
        new("Day opportunities for adults", "Birmingham City Council Adults and Communities",
            "Review day services with the people who use them, as the council moves to personal budgets.",
            "Cabinet decision on the future of day centres", "2026-06-01", "2026-09-30", "2026-11-10",
            CareSector.SocialCare, ServiceSetting.Community, InvolvementLevel.Consult, EngagementCycleStage.PrioritiesAndStrategy,
            ["People with learning disabilities", "Disabled people", "Carers"], 1, AgreementSide.Link, "agreed", ExerciseState.Reporting),
        new("Sexual health services in the inner city", "Heart of Birmingham teaching PCT",
            "Understand how young people and communities that rarely use clinics would like to get sexual health advice.",
            "Procurement of integrated sexual health services", "2026-10-05", "2027-01-29", "2027-03-04",
            CareSector.Health, ServiceSetting.Community, InvolvementLevel.Consult, EngagementCycleStage.ProcurementAndContracting,
            ["Children and young people", "Lesbian, gay, bisexual and trans people", "Black and minority ethnic communities"], 2, AgreementSide.Commissioner, "awaiting", ExerciseState.Proposed),
        new("Maternity choices", "NHS South Birmingham",
            "Ask women and families about choice of place of birth and continuity of midwife.",
            "Maternity strategy 2027–2030", "2026-09-01", "2026-12-18", "2027-02-11",
            CareSector.Health, ServiceSetting.Both, InvolvementLevel.Involve, EngagementCycleStage.PrioritiesAndStrategy,
            ["Parents and families", "Asylum seekers and refugees", "Black and minority ethnic communities"], 4, AgreementSide.Commissioner, "agreed", ExerciseState.Running,
            Parts: [new OptionPart("Somali and Yemeni women", 2, "The LINk's member groups already work with these women; the PCT has struggled to reach them.")]),
        new("Personal budgets: what helps people choose", "Birmingham City Council Adults and Communities",
            "Gather LINk members' experience of arranging support with a personal budget.",
            "Personalisation programme, phase 2", "2026-11-02", "2027-01-15", "2027-02-23",
            CareSector.SocialCare, ServiceSetting.Community, InvolvementLevel.Consult, EngagementCycleStage.ServiceDesign,
            ["Older people", "Disabled people", "Carers"], 3, AgreementSide.Commissioner, "awaiting", ExerciseState.Proposed),
        new("GP-led health centre procurement", "Heart of Birmingham teaching PCT",
            "Consult on the specification for a new GP-led health centre open 8am to 8pm, seven days a week.",
            "Award of the GP-led health centre contract", "2026-04-13", "2026-06-26", "2026-07-22",
            CareSector.Health, ServiceSetting.Community, InvolvementLevel.Consult, EngagementCycleStage.ProcurementAndContracting,
            ["Patients of GP practices", "Working-age adults"], 5, AgreementSide.Commissioner, "agreed", ExerciseState.Closed),
        new("Mental health day services", "NHS Birmingham East and North",
            "The LINk runs its own survey of people using mental health day services alongside the PCT's review.",
            "Mental health day services review", "2026-07-06", "2026-10-30", "2026-12-08",
            CareSector.Both, ServiceSetting.Community, InvolvementLevel.Consult, EngagementCycleStage.MonitoringAndPerformance,
            ["People with mental health problems", "Homeless people"], 6, AgreementSide.Link, "agreed", ExerciseState.Reporting),
        new("Diabetes care closer to home", "NHS South Birmingham",
            "Work with communities with high rates of diabetes on moving routine care from hospital clinics to GP practices.",
            "Diabetes pathway redesign", "2026-05-18", "2026-08-28", "2026-10-01",
            CareSector.Health, ServiceSetting.Both, InvolvementLevel.Involve, EngagementCycleStage.ServiceDesign,
            ["Black and minority ethnic communities", "Men in deprived neighbourhoods"], 2, AgreementSide.Commissioner, "agreed", ExerciseState.Reporting),
        new("Carers' strategy refresh", "Birmingham City Council Adults and Communities",
            "The LINk proposes to quality-assure the council's engagement with carers on its refreshed strategy.",
            "Carers' strategy 2027–2030", "2026-12-01", "2027-03-12", "2027-03-30",
            CareSector.Both, ServiceSetting.Community, InvolvementLevel.Consult, EngagementCycleStage.PrioritiesAndStrategy,
            ["Carers", "Children and young people"], 4, AgreementSide.Link, "awaiting", ExerciseState.Proposed),
        new("Urgent care in Northfield", "NHS South Birmingham",
            "Ask Northfield residents how they use A&E, walk-in centres and out-of-hours GPs.",
            "Urgent care centre business case", "2026-10-12", "2026-12-11", "2026-12-02",
            CareSector.Health, ServiceSetting.Acute, InvolvementLevel.Consult, EngagementCycleStage.IdentifyingNeeds,
            ["Hospital patients", "Older people"], 3, AgreementSide.Commissioner, "change", ExerciseState.Proposed, Localities: ["Northfield constituency"]),
        new("Access to NHS dentistry", "NHS Birmingham East and North",
            "Find out why people in the east of the city are not registered with an NHS dentist.",
            "Dental commissioning plan", "2027-01-11", "2027-03-19", null,
            CareSector.Health, ServiceSetting.Community, InvolvementLevel.Inform, EngagementCycleStage.IdentifyingNeeds,
            ["Asylum seekers and refugees", "Gypsies and Travellers"], 5, AgreementSide.Commissioner, "awaiting", ExerciseState.Proposed,
            Localities: ["Hodge Hill constituency", "Yardley constituency"]),
        new("End-of-life care strategy", "Heart of Birmingham teaching PCT",
            "The LINk ran the whole engagement on dying well at home, under an agreement with the PCT.",
            "End-of-life care strategy", "2025-06-02", "2025-10-31", "2025-12-10",
            CareSector.Both, ServiceSetting.Community, InvolvementLevel.Devolve, EngagementCycleStage.PrioritiesAndStrategy,
            ["Older people", "Carers"], 1, AgreementSide.Commissioner, "agreed", ExerciseState.Closed),
        new("Annual health checks for people with learning disabilities", "Birmingham City Council Adults and Communities",
            "The LINk proposes its own engagement with people with learning disabilities and their families on annual health checks.",
            "Learning disability partnership board priorities", "2027-01-04", "2027-03-26", "2027-03-10",
            CareSector.Both, ServiceSetting.Community, InvolvementLevel.Involve, EngagementCycleStage.MonitoringAndPerformance,
            ["People with learning disabilities", "Carers"], 6, AgreementSide.Link, "awaiting", ExerciseState.Proposed),
        new("Healthy ageing: JSNA chapter", "NHS Birmingham East and North",
            "Bring older people's own view of healthy ageing into the Joint Strategic Needs Assessment.",
            "JSNA refresh sign-off", "2027-02-01", "2027-03-31", "2027-05-12",
            CareSector.Both, ServiceSetting.Community, InvolvementLevel.Consult, EngagementCycleStage.IdentifyingNeeds,
            ["Older people"], null, AgreementSide.Commissioner, "none", ExerciseState.Proposed),
    ];

    public static async Task SeedAsync(EngagementHubDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var organisations = await db.Organisations.Include(o => o.Contacts).ToDictionaryAsync(o => o.Name, ct);
        var communities = await db.Communities.ToDictionaryAsync(c => c.Name, c => c.Id, ct);
        var link = organisations[DemoPartnership.LinkName];
        var linkOfficer = DemoPartnership.Accounts.Single(a => a.Organisation == DemoPartnership.LinkName).Name;

        // Step by step across all fourteen (added; options proposed; answered and moved on), a save per step rather than
        // per exercise: each exercise's history has the same entries in the same order, in three saves instead of forty.
        var seeded = new List<(Demo Demo, Organisation Lead, EngagementExercise Exercise)>();
        foreach (var demo in Exercises)
        {
            var lead = organisations[demo.Commissioner];
            var details = new ExerciseInput
            {
                Title = demo.Title,
                Purpose = demo.Purpose,
                LeadCommissionerId = lead.Id,
                PartnerIds = demo.Sector == CareSector.Both ? [organisations["Birmingham Health and Wellbeing Partnership"].Id] : [],
                DecisionInformed = demo.Decision,
                DecisionDate = demo.DecisionDate is null ? null : DateOnly.Parse(demo.DecisionDate, System.Globalization.CultureInfo.InvariantCulture),
                StartDate = DateOnly.Parse(demo.Start, System.Globalization.CultureInfo.InvariantCulture),
                EndDate = DateOnly.Parse(demo.End, System.Globalization.CultureInfo.InvariantCulture),
                CommunityIds = [.. demo.Communities.Select(c => communities[c])],
                Scope = demo.Localities is null ? ExerciseScope.CityWide : ExerciseScope.Localities,
                LocalityIds = [.. (demo.Localities ?? []).Select(l => organisations[l].Id)],
                Sector = demo.Sector,
                Setting = demo.Setting,
                Level = demo.Level,
                Stage = demo.Stage,
            };
            var proposedBy = demo.ProposedBy == AgreementSide.Link ? link : lead;
            var exercise = new EngagementExercise(details, link.Id, proposedBy.Id, now.AddDays(-60));
            db.Exercises.Add(exercise);
            seeded.Add((demo, lead, exercise));
        }

        await db.SaveChangesAsync(ct);

        var answers = new List<(Demo Demo, EngagementExercise Exercise, JointWorkingProposal? Proposal, string? Answerer)>();
        foreach (var (demo, lead, exercise) in seeded)
        {
            if (demo.Option is not { } option)
            {
                answers.Add((demo, exercise, null, null));
                continue;
            }

            var commissionerPerson = lead.FindLinkRequestsContact()?.Name ?? lead.Name;
            var (proposer, proposerOrganisation, answerer) = demo.ProposedBy == AgreementSide.Link
                ? (linkOfficer, link.Name, commissionerPerson)
                : (commissionerPerson, lead.Name, linkOfficer);
            var reasons = $"{JointWorkingOptions.Get(option).WhatTheLinkDoes}: the best fit for this exercise.";
            var proposal = exercise.ProposeOption(demo.ProposedBy, option, reasons, demo.Parts ?? [], proposer, proposerOrganisation, now.AddDays(-50)).Value!;
            // Tracked as it is made, so the proposals are inserted, and numbered, in the exercises' order.
            db.Add(proposal);
            answers.Add((demo, exercise, proposal, answerer));
        }

        await db.SaveChangesAsync(ct);

        foreach (var (demo, exercise, proposal, answerer) in answers)
        {
            // The proposals have their keys now they are saved.
            if (proposal is not null)
            {
                var other = demo.ProposedBy == AgreementSide.Link ? AgreementSide.Commissioner : AgreementSide.Link;
                if (demo.Outcome == "agreed")
                {
                    exercise.Agree(proposal.Id, other, answerer!, now.AddDays(-45));
                }
                else if (demo.Outcome == "change")
                {
                    exercise.RequestChange(proposal.Id, other, answerer!,
                        "Northfield residents already answered two urgent-care surveys this year; could the LINk gather its members' views instead of new fieldwork?",
                        now.AddDays(-40));
                }
            }

            foreach (var step in Path(demo.State))
            {
                exercise.MoveTo(step);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The moves an exercise makes after agreement (which made it agreed) to reach <paramref name="target"/>.</summary>
    private static IEnumerable<ExerciseState> Path(ExerciseState target) => target switch
    {
        ExerciseState.Proposed or ExerciseState.Agreed => [],
        ExerciseState.Running => [ExerciseState.Running],
        ExerciseState.Reporting => [ExerciseState.Running, ExerciseState.Reporting],
        ExerciseState.Closed => [ExerciseState.Running, ExerciseState.Reporting, ExerciseState.Closed],
        _ => [ExerciseState.Cancelled],
    };
}
