using System.Globalization;
using EngagementHub.Core.Common;
using EngagementHub.Core.Timetables;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Data.Demo;

/// <summary>
/// The partnership's timetable for 2026/27: every commissioner's cycle generated from the standard templates, the PCT
/// boards and the council's Cabinet, the scrutiny committee and its agenda planning, the JSNA refresh, Be Birmingham's
/// five-stage Local Area Agreement delivery planning, the Care Quality Commission's assessment, the LINk's own meetings
/// and the consultation windows of the demo exercises. The year was proposed by the LINk in February 2026, agreed by
/// every planning partner by March and published; one board meeting moved in May, so it shows "changed since
/// agreement". The dates and the demo exercises are chosen so every planner's warning shows: late input (Urgent care
/// in Northfield, Annual health checks), decisions with no engagement, overlapping exercises reaching the same community
/// (Maternity choices and Sexual health services), and communities nobody engages. 2027/28 is left unplanned.
/// </summary>
internal static class DemoTimetable
{
    public static readonly FinancialYear Year = new(2026);

    private const string Link = DemoPartnership.LinkName;
    private const string South = DemoPartnership.SouthBirminghamName;
    private const string East = "NHS Birmingham East and North";
    private const string Inner = "Heart of Birmingham teaching PCT";
    private const string Council = DemoPartnership.AdultsAndCommunitiesName;
    private const string BeBirmingham = DemoPartnership.BeBirminghamName;
    private const string Wellbeing = "Birmingham Health and Wellbeing Partnership";
    private const string Scrutiny = DemoPartnership.ScrutinyName;
    private const string Cqc = "Care Quality Commission";
    private const string Uhb = "University Hospitals Birmingham NHS Foundation Trust";
    private const string Heft = "Heart of England NHS Foundation Trust";
    private const string Bvsc = DemoPartnership.BvscName;

    private const string CouncilHouse = "Council House, Victoria Square";

    /// <summary>Which standard cycle each commissioner runs, and the exercises that inform its cycle's decision point.</summary>
    private static readonly (string Organisation, string Template, string[] DecisionInformedBy)[] Cycles =
    [
        (South, StandardCycles.WorldClassCommissioning, []),
        (Inner, StandardCycles.WorldClassCommissioning, []),
        (East, StandardCycles.FourStage, ["Mental health day services"]),
        // The council's commissioning intentions are agreed with no engagement planned: one of the warnings to act on.
        (Council, StandardCycles.FourStage, []),
    ];

    private sealed record Demo(
        string Organisation, TimetableEventKind Kind, string Title, DateOnly Start, DateOnly? End, TimeOnly? From, TimeOnly? To,
        string? Location, string? Description, bool Formal, bool Movable, bool PartnersOnly, string[] Exercises);

    private static Demo Meeting(
        string organisation, TimetableEventKind kind, string title, string date, string from, string to, string? location,
        string? description = null, bool formal = true, bool movable = false, bool partnersOnly = false, string[]? exercises = null) =>
        new(organisation, kind, title, Date(date), null, Time(from), Time(to), location, description, formal, movable, partnersOnly, exercises ?? []);

    private static Demo Day(
        string organisation, TimetableEventKind kind, string title, string date, string? description = null,
        bool formal = true, bool movable = false, bool partnersOnly = false, string[]? exercises = null) =>
        new(organisation, kind, title, Date(date), null, null, null, null, description, formal, movable, partnersOnly, exercises ?? []);

    private static Demo Span(
        string organisation, TimetableEventKind kind, string title, string start, string end, string? description = null,
        bool formal = true, bool movable = true, bool partnersOnly = false, string[]? exercises = null) =>
        new(organisation, kind, title, Date(start), Date(end), null, null, null, description, formal, movable, partnersOnly, exercises ?? []);

    private static IEnumerable<Demo> Meetings(
        string organisation, TimetableEventKind kind, string title, string from, string to, string? location, params string[] dates) =>
        dates.Select(date => Meeting(organisation, kind, title, date, from, to, location));

    /// <summary>The board meeting that moves after agreement (from 8 to 15 October), so the year shows a logged change.</summary>
    private const string MovedBoard = "2026-10-08";

    private static IEnumerable<Demo> Events()
    {
        // Birmingham LINk: its board meets in public every other month; the annual assembly elects the board.
        foreach (var e in Meetings(Link, TimetableEventKind.LinkMeeting, "LINk board meeting", "18:00", "20:00", "LINk office, Digbeth",
                     "2026-05-13", "2026-07-08", "2026-09-09", "2026-11-11", "2027-01-13", "2027-03-10"))
        {
            yield return e;
        }

        yield return Meeting(Link, TimetableEventKind.LinkMeeting, "LINk annual assembly", "2026-06-27", "10:00", "15:00", CouncilHouse,
            "Members elect the board, hear the annual report and vote on next year's priorities. Open to anyone.");
        yield return Day(Link, TimetableEventKind.Other, "LINk annual report published", "2026-06-30",
            "The statutory annual report for 2025/26, sent to the Secretary of State, the commissioners and scrutiny by 30 June.");
        yield return Meeting(Link, TimetableEventKind.LinkMeeting, "Work plan 2027/28: priorities workshop with partners", "2027-02-03", "10:00", "13:00",
            "LINk office, Digbeth", "Partners bring next year's commissioning intentions; the LINk matches its work plan to them.",
            formal: false, movable: true, partnersOnly: true);

        // NHS South Birmingham (World Class Commissioning cycle, generated).
        foreach (var date in new[] { "2026-06-04", "2026-08-06", MovedBoard, "2026-12-03", "2027-02-04" })
        {
            yield return Meeting(South, TimetableEventKind.BoardMeeting, "PCT Board (public session)", date, "14:00", "16:30",
                "Moseley Hall Hospital", "Papers are published a week before; questions from the public are taken at the start.");
        }

        yield return Meeting(South, TimetableEventKind.DecisionPoint, "Professional Executive Committee: diabetes pathway redesign", "2026-10-01", "10:00", "12:00",
            "Moseley Hall Hospital", exercises: ["Diabetes care closer to home"]);
        yield return Meeting(South, TimetableEventKind.DecisionPoint, "Professional Executive Committee: urgent care centre business case", "2026-12-02", "10:00", "12:00",
            "Moseley Hall Hospital", exercises: ["Urgent care in Northfield"]);
        yield return Meeting(South, TimetableEventKind.DecisionPoint, "Board decision: maternity strategy 2027–2030", "2027-02-11", "14:00", "16:30",
            "Moseley Hall Hospital", exercises: ["Maternity choices"]);
        yield return Span(South, TimetableEventKind.ConsultationWindow, "Maternity choices: consultation with women and families", "2026-09-01", "2026-12-18",
            "Questionnaire, children's centre drop-ins, and the LINk's sessions with Somali and Yemeni women.", exercises: ["Maternity choices"]);
        yield return Span(South, TimetableEventKind.ConsultationWindow, "Urgent care in Northfield: residents' survey", "2026-10-12", "2026-12-11",
            exercises: ["Urgent care in Northfield"]);

        // Heart of Birmingham teaching PCT (World Class Commissioning cycle, generated).
        foreach (var e in Meetings(Inner, TimetableEventKind.BoardMeeting, "tPCT Board (public session)", "14:00", "16:30", "Bartholomew House, Digbeth",
                     "2026-05-19", "2026-07-21", "2026-09-15", "2026-11-17", "2027-01-19", "2027-03-16"))
        {
            yield return e;
        }

        yield return Meeting(Inner, TimetableEventKind.DecisionPoint, "Award of the GP-led health centre contract", "2026-07-22", "10:00", "12:00",
            "Bartholomew House, Digbeth", exercises: ["GP-led health centre procurement"]);
        yield return Meeting(Inner, TimetableEventKind.DecisionPoint, "Out-of-hours GP contract: extend or re-procure", "2026-09-15", "16:30", "17:30",
            "Bartholomew House, Digbeth", "Taken at the end of the September board; no engagement is planned yet.");
        yield return Meeting(Inner, TimetableEventKind.DecisionPoint, "Integrated sexual health services: contract award", "2027-03-04", "10:00", "12:00",
            "Bartholomew House, Digbeth", exercises: ["Sexual health services in the inner city"]);
        yield return Span(Inner, TimetableEventKind.ConsultationWindow, "Sexual health services: consultation with young people and communities", "2026-10-05", "2027-01-29",
            exercises: ["Sexual health services in the inner city"]);

        // NHS Birmingham East and North (four-stage cycle, generated).
        foreach (var e in Meetings(East, TimetableEventKind.BoardMeeting, "PCT Board (public session)", "14:00", "16:30", "Waterlinks House, Aston",
                     "2026-05-27", "2026-07-22", "2026-09-23", "2026-11-25", "2027-01-27"))
        {
            yield return e;
        }

        yield return Meeting(East, TimetableEventKind.DecisionPoint, "Re-specification of community stroke rehabilitation", "2026-09-17", "10:00", "12:00",
            "Waterlinks House, Aston", exercises: ["Community stroke rehabilitation"]);
        yield return Meeting(East, TimetableEventKind.DecisionPoint, "Mental health day services review: the board's decision", "2026-12-08", "14:00", "16:00",
            "Waterlinks House, Aston", exercises: ["Mental health day services"]);
        yield return Meeting(East, TimetableEventKind.DecisionPoint, "Board decision: dental commissioning plan", "2027-03-24", "14:00", "16:30",
            "Waterlinks House, Aston", "Provisional: may move to the April board if the dental contract guidance is late.",
            movable: true, exercises: ["Access to NHS dentistry"]);
        yield return Span(East, TimetableEventKind.ConsultationWindow, "Stroke survivors' listening events", "2026-05-05", "2026-07-31",
            "Six events at stroke clubs across the east and north of the city.", formal: false, exercises: ["Community stroke rehabilitation"]);

        // Birmingham City Council, Adults and Communities (four-stage cycle, generated); its decisions go to Cabinet.
        foreach (var e in Meetings(Council, TimetableEventKind.BoardMeeting, "Cabinet", "10:00", "12:00", CouncilHouse,
                     "2026-06-16", "2026-07-21", "2026-09-15", "2026-10-20", "2026-12-15", "2027-01-19"))
        {
            yield return e;
        }

        yield return Meeting(Council, TimetableEventKind.DecisionPoint, "Cabinet decision: the future of day centres", "2026-11-10", "10:00", "12:00", CouncilHouse,
            exercises: ["Day opportunities for adults"]);
        yield return Meeting(Council, TimetableEventKind.DecisionPoint, "Cabinet decision: personalisation programme, phase 2", "2027-02-23", "10:00", "12:00", CouncilHouse,
            exercises: ["Personal budgets: what helps people choose"]);
        yield return Meeting(Council, TimetableEventKind.DecisionPoint, "Learning Disability Partnership Board: priorities for 2027/28", "2027-03-10", "13:30", "16:00",
            "Lancaster Circus", exercises: ["Annual health checks for people with learning disabilities"]);
        yield return Meeting(Council, TimetableEventKind.DecisionPoint, "Cabinet decision: carers' strategy 2027–2030", "2027-03-30", "10:00", "12:00", CouncilHouse,
            exercises: ["Carers' strategy refresh"]);
        yield return Span(Council, TimetableEventKind.ConsultationWindow, "Day opportunities: consultation with people using day centres", "2026-06-01", "2026-09-30",
            exercises: ["Day opportunities for adults"]);
        yield return Span(Council, TimetableEventKind.ConsultationWindow, "Carers' strategy: public consultation", "2026-12-01", "2027-03-12",
            exercises: ["Carers' strategy refresh"]);

        // Be Birmingham: the Local Area Agreement's five-stage delivery planning, and its board.
        yield return Span(BeBirmingham, TimetableEventKind.PlanRefresh, "LAA delivery planning 1: review of last year's performance", "2026-04-01", "2026-05-29",
            "Each theme partnership reports on its LAA targets for 2025/26.", movable: false);
        yield return Span(BeBirmingham, TimetableEventKind.PlanRefresh, "LAA delivery planning 2: priorities and targets refreshed", "2026-06-01", "2026-07-31",
            "Theme partnerships agree which targets change; the LINk and the Third Sector Assembly are asked for evidence.");
        yield return Span(BeBirmingham, TimetableEventKind.PlanRefresh, "LAA delivery planning 3: draft delivery plans shared with partners", "2026-09-01", "2026-10-30",
            partnersOnly: true);
        yield return Span(BeBirmingham, TimetableEventKind.PlanRefresh, "LAA delivery planning 4: communities and the third sector comment", "2026-11-02", "2026-12-18",
            "Drafts go to the neighbourhood forums, the Third Sector Assembly and the LINk.", formal: false);
        yield return Meeting(BeBirmingham, TimetableEventKind.PlanRefresh, "LAA delivery planning 5: plans signed off by the Be Birmingham Board", "2027-03-17", "14:00", "16:00", CouncilHouse);
        foreach (var e in Meetings(BeBirmingham, TimetableEventKind.BoardMeeting, "Be Birmingham Board", "14:00", "16:00", CouncilHouse,
                     "2026-07-08", "2026-10-14", "2027-01-13"))
        {
            yield return e;
        }

        // Birmingham Health and Wellbeing Partnership: the JSNA refresh, and its quarterly meetings.
        yield return Span(Wellbeing, TimetableEventKind.PlanRefresh, "JSNA refresh: call for evidence", "2026-06-01", "2026-08-28",
            "Partners, the LINk and voluntary groups send local evidence of need for the Joint Strategic Needs Assessment.", formal: false);
        yield return Span(Wellbeing, TimetableEventKind.PlanRefresh, "JSNA refresh: chapters drafted with commissioners", "2026-09-01", "2027-01-29",
            partnersOnly: true);
        yield return Span(Wellbeing, TimetableEventKind.PlanRefresh, "JSNA refresh: draft published for comment", "2027-02-01", "2027-03-31",
            exercises: ["Healthy ageing: JSNA chapter"]);
        foreach (var e in Meetings(Wellbeing, TimetableEventKind.BoardMeeting, "Health and Wellbeing Partnership meeting", "09:30", "12:00", CouncilHouse,
                     "2026-06-24", "2026-09-30", "2026-12-09", "2027-03-24"))
        {
            yield return e;
        }

        // Health Overview and Scrutiny Committee: the committee meets in public; its agenda planning is where the LINk
        // asks for items, a few weeks before each meeting.
        foreach (var e in Meetings(Scrutiny, TimetableEventKind.BoardMeeting, "Health Overview and Scrutiny Committee", "10:00", "13:00", CouncilHouse,
                     "2026-06-23", "2026-09-22", "2026-11-24", "2027-01-26", "2027-03-23"))
        {
            yield return e;
        }

        yield return Meeting(Scrutiny, TimetableEventKind.ScrutinyPlanning, "Work programme for 2026/27: suggestions from the public and partners", "2026-04-14", "16:00", "18:00",
            CouncilHouse, "Anyone can suggest a topic; the LINk brings its members' concerns.", formal: false);
        foreach (var date in new[] { "2026-06-02", "2026-09-01", "2026-11-03", "2027-01-05", "2027-03-02" })
        {
            yield return Meeting(Scrutiny, TimetableEventKind.ScrutinyPlanning, "Agenda planning with the chair and partners", date, "16:00", "17:00", CouncilHouse,
                "The chair, the scrutiny officer, the LINk and the PCTs' leads agree the next agenda.", formal: false, movable: true, partnersOnly: true);
        }

        // The regulator, the hospital trusts and the voluntary sector.
        yield return Span(Cqc, TimetableEventKind.RegulatorAssessment, "Annual assessment: LINk and scrutiny commentaries on trusts' declarations", "2026-04-07", "2026-05-29",
            "Third-party commentaries on each NHS trust's declaration against the core standards.", movable: false);
        yield return Span(Cqc, TimetableEventKind.RegulatorAssessment, "Annual assessment of adult social care: evidence window", "2026-06-01", "2026-07-31",
            "The council's self-assessment, with evidence from the LINk and carers' groups.", movable: false);
        yield return Day(Cqc, TimetableEventKind.RegulatorAssessment, "Annual ratings published", "2026-10-15", "Ratings for every trust and council for 2025/26.", movable: true);
        yield return Meeting(Cqc, TimetableEventKind.Other, "Regional LINk and regulator engagement event", "2027-02-10", "10:00", "15:30", "Birmingham Conference Centre",
            formal: false, movable: true);

        yield return Span(Uhb, TimetableEventKind.ConsultationWindow, "Quality Account 2025/26: draft for LINk and scrutiny comment", "2026-04-13", "2026-05-14", movable: false);
        yield return Meeting(Uhb, TimetableEventKind.BoardMeeting, "Board of Directors (public session)", "2026-09-24", "10:00", "12:30", "Queen Elizabeth Hospital");
        yield return Span(Heft, TimetableEventKind.ConsultationWindow, "Quality Account 2025/26: draft for LINk and scrutiny comment", "2026-04-20", "2026-05-20", movable: false);
        yield return Meeting(Heft, TimetableEventKind.BoardMeeting, "Council of Governors", "2026-10-29", "17:30", "19:30", "Heartlands Hospital");

        yield return Meeting(Bvsc, TimetableEventKind.Other, "Third Sector Assembly: health and social care", "2026-11-17", "10:00", "13:00", "BVSC, Digbeth",
            "Voluntary groups hear the commissioners' intentions for next year and put their questions.", formal: false, movable: true);
    }

    /// <summary>Who agreed the year for each planning partner, and when (spring 2026); the LINk proposed it.</summary>
    private static readonly (string Organisation, string Person, string At)[] Agreements =
    [
        (Inner, "Rashid Mahmood", "2026-02-23T11:20:00Z"),
        (Scrutiny, "Cllr Sam Okafor", "2026-02-26T15:05:00Z"),
        (BeBirmingham, "Amira Said", "2026-03-02T09:40:00Z"),
        (Wellbeing, "Tom Ellis", "2026-03-04T14:10:00Z"),
        (East, "Dr Helen Firth", "2026-03-09T10:30:00Z"),
        (South, "Colin Marsh", "2026-03-11T16:45:00Z"),
        (Council, "Carys Bennett", "2026-03-18T12:00:00Z"),
    ];

    public static async Task SeedAsync(EngagementHubDbContext db, CancellationToken ct)
    {
        if (await db.AnnualTimetables.AnyAsync(t => t.Year == Year.StartYear, ct) || await db.TimetableEvents.AnyAsync(e => e.Year == Year.StartYear, ct))
        {
            return;
        }

        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Name, ct);
        var exercises = await db.Exercises.ToDictionaryAsync(x => x.Title, x => x.Id, ct);
        var templates = await db.CycleTemplates.AsNoTracking().ToDictionaryAsync(t => t.Name, ct);
        var created = At("2026-02-02T09:00:00Z");

        foreach (var (organisation, templateName, informedBy) in Cycles)
        {
            var template = templates[templateName];
            foreach (var (details, stage) in template.Instantiate(organisations[organisation].Id, Year).Zip(template.Stages))
            {
                if (stage.Kind == TimetableEventKind.DecisionPoint)
                {
                    details.ExerciseIds = [.. informedBy.Select(title => exercises[title])];
                }

                var generated = new TimetableEvent(details, created);
                generated.MarkGeneratedFrom(template.Id, stage.Name);
                db.TimetableEvents.Add(generated);
            }
        }

        foreach (var demo in Events())
        {
            db.TimetableEvents.Add(new TimetableEvent(new TimetableEventInput
            {
                OrganisationId = organisations[demo.Organisation].Id,
                Kind = demo.Kind,
                Title = demo.Title,
                Description = demo.Description,
                Location = demo.Location,
                StartDate = demo.Start,
                EndDate = demo.End,
                StartTime = demo.From,
                EndTime = demo.To,
                IsFormal = demo.Formal,
                IsMovable = demo.Movable,
                Visibility = demo.PartnersOnly ? EventVisibility.Partnership : EventVisibility.Public,
                ExerciseIds = [.. demo.Exercises.Select(title => exercises[title])],
            }, created));
        }

        await db.SaveChangesAsync(ct);

        // Proposed by the LINk to every planning partner, agreed by each, and so published.
        var timetable = new AnnualTimetable(Year);
        var link = organisations[Link];
        var partners = organisations.Values.Where(o => o.IsActive && o.Id != link.Id && TimetableAgreementService.AgreesByDefault(o.Kind)).Select(o => o.Id).ToList();
        var linkOfficer = DemoPartnership.Accounts.Single(a => a.Organisation == Link).Name;
        DemoPartnership.Ensure(timetable.Propose(partners, link.Id, linkOfficer,
            "The joint timetable for 2026/27, as discussed at the January liaison meeting: every partner's cycle, boards and consultation windows in one place.",
            At("2026-02-16T10:00:00Z")));
        foreach (var (organisation, person, at) in Agreements)
        {
            DemoPartnership.Ensure(timetable.Agree(organisations[organisation].Id, person, At(at)));
        }

        if (timetable.Status != TimetableStatus.Agreed)
        {
            throw new InvalidOperationException("The demo timetable should be agreed by every planning partner.");
        }

        db.AnnualTimetables.Add(timetable);
        await db.SaveChangesAsync(ct);

        // After agreement NHS South Birmingham moves its October board by a week: allowed, logged and flagged.
        var south = organisations[South].Id;
        var board = await db.TimetableEvents.SingleAsync(e => e.OrganisationId == south && e.Kind == TimetableEventKind.BoardMeeting && e.StartDate == Date(MovedBoard), ct);
        var before = TimetableEventInput.From(board);
        var moved = TimetableEventInput.From(board);
        moved.StartDate = board.StartDate.AddDays(7);
        moved.Description = "Moved a week later, so the board can take the half-year performance report.";
        board.Update(moved);
        var summary = TimetableChangeLog.Describe(before, board)!;
        timetable.RecordChange(board.Id, south, "Colin Marsh", summary, At("2026-05-12T13:15:00Z"));
        await db.SaveChangesAsync(ct);
    }

    private static DateOnly Date(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    private static TimeOnly Time(string text) => TimeOnly.Parse(text, CultureInfo.InvariantCulture);

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
