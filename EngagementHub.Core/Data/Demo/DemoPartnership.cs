using System.Globalization;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using EngagementHub.Core.WorkProgramme;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Data.Demo;

/// <summary>
/// The Birmingham partnership of the source study (2010), with fictional contact people, seeded once when demo data is on.
/// </summary>
public static class DemoPartnership
{
    public const string Password = "Demo-Pass-2026!";

    public const string LinkName = "Birmingham LINk";
    public const string SouthBirminghamName = "NHS South Birmingham";
    public const string AdultsAndCommunitiesName = "Birmingham City Council Adults and Communities";
    public const string ScrutinyName = "Health Overview and Scrutiny Committee";
    public const string BvscName = "Birmingham Voluntary Services Council";
    public const string BeBirminghamName = "Be Birmingham";

    /// <summary>The demo accounts, as listed in the README.</summary>
    public static readonly IReadOnlyList<(string Email, string Name, UserRole Role, string Organisation)> Accounts =
    [
        ("admin@demo.engagementhub.test", "Alex Admin", UserRole.Admin, BeBirminghamName),
        ("link@demo.engagementhub.test", "Lena Khan", UserRole.Editor, LinkName),
        ("commissioner@demo.engagementhub.test", "Colin Marsh", UserRole.Editor, SouthBirminghamName),
        ("council@demo.engagementhub.test", "Carys Bennett", UserRole.Editor, AdultsAndCommunitiesName),
        ("scrutiny@demo.engagementhub.test", "Cllr Sam Okafor", UserRole.Editor, ScrutinyName),
        ("viewer@demo.engagementhub.test", "Vic Patel", UserRole.Viewer, BvscName),
    ];

    private static readonly string[] Constituencies =
    [
        "Edgbaston", "Erdington", "Hall Green", "Hodge Hill", "Ladywood",
        "Northfield", "Perry Barr", "Selly Oak", "Sutton Coldfield", "Yardley",
    ];

    /// <summary>Adds the demo partnership and accounts unless the database already has organisations.</summary>
    /// <returns>True when it seeded; false when there was already data.</returns>
    public static async Task<bool> SeedAsync(EngagementHubDbContext db, UserManager<ApplicationUser> users, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.Organisations.AnyAsync(ct))
        {
            return false;
        }

        // One transaction for the whole demo. Its saves stay separate (each step is its own entry in the History
        // panels) but commit once rather than once a save (on SQLite each commit is a flush to disk); and a start that
        // fails half-way leaves no half-seeded demo, which the next start would take for a seeded one and leave as it is.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // What every deployment has; at start-up it is there already, a database seeded only with the demo gets it here.
        await ReferenceData.EnsureAsync(db, clock, ct);
        var organisations = BuildOrganisations();
        db.Organisations.AddRange(organisations);
        await db.SaveChangesAsync(ct);

        // The accounts share one published password, so it is hashed once: the first account is created with it (the
        // password rules checked, the hash made) and the others take that hash. Each hash costs about a tenth of a second
        // of CPU by design (PBKDF2), which a fresh demo would otherwise pay six times before its first page.
        string? sharedHash = null;
        foreach (var (email, name, role, organisation) in Accounts)
        {
            var user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                Role = role,
                OrganisationId = organisations.Single(o => o.Name == organisation).Id,
                CreatedAt = clock.GetUtcNow(),
                PasswordHash = sharedHash,
            };
            var result = sharedHash is null ? await users.CreateAsync(user, Password) : await users.CreateAsync(user);
            sharedHash ??= user.PasswordHash;
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Could not create demo account {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }
        }

        await DemoExercises.SeedAsync(db, clock.GetUtcNow(), ct);
        await DemoDeadlines.SeedAsync(db, clock.GetUtcNow(), ct);
        await DemoWorkProgramme.SeedAsync(db, clock.GetUtcNow(), ct);
        await DemoTimetable.SeedAsync(db, ct);
        await DemoNotifications.SeedAsync(db, clock.GetUtcNow(), ct);
        await DemoReviews.SeedAsync(db, clock, ct);
        await BackdateCreationAsync(db, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// The demo's records are dated as if made over the past weeks (a deadline logged on 26 November, an issue raised on
    /// 1 December, an option proposed by Colin Marsh on 15 October), but the audit log stamps the moment of seeding and
    /// the system as the actor. Each record's first history entry takes the record's own creation time, and the name of
    /// the person the record says made it where it names one, so its History panel does not say "EngagementHub (system)
    /// … on 4 Dec" beside "proposed by Colin Marsh … 15 Oct".
    /// </summary>
    private static async Task BackdateCreationAsync(EngagementHubDbContext db, CancellationToken ct)
    {
        var made = new Dictionary<(string Type, string Id), (DateTimeOffset At, string? By)>();
        void Note(string type, IEnumerable<(int Id, DateTimeOffset At, string? By)> records)
        {
            foreach (var (id, at, by) in records)
            {
                made[(type, id.ToString(CultureInfo.InvariantCulture))] = (at, by);
            }
        }

        Note(nameof(ResponseDeadline), (await db.Deadlines.AsNoTracking().Select(d => new { d.Id, d.CreatedAt }).ToListAsync(ct))
            .Select(d => (d.Id, d.CreatedAt, (string?)null)));
        Note(nameof(EngagementExercise), (await db.Exercises.AsNoTracking().Select(x => new { x.Id, x.CreatedAt }).ToListAsync(ct))
            .Select(x => (x.Id, x.CreatedAt, (string?)null)));
        Note(nameof(JointWorkingProposal), (await db.JointWorkingProposals.AsNoTracking().Select(p => new { p.Id, p.ProposedAt, p.ProposedByName }).ToListAsync(ct))
            .Select(p => (p.Id, p.ProposedAt, (string?)p.ProposedByName)));
        Note(nameof(TimetableEvent), (await db.TimetableEvents.AsNoTracking().Select(e => new { e.Id, e.CreatedAt }).ToListAsync(ct))
            .Select(e => (e.Id, e.CreatedAt, (string?)null)));
        Note(nameof(RaisedIssue), (await db.RaisedIssues.AsNoTracking().Select(i => new { i.Id, i.RecordedAt, i.RecordedBy }).ToListAsync(ct))
            .Select(i => (i.Id, i.RecordedAt, (string?)i.RecordedBy)));

        string[] types = [.. made.Keys.Select(k => k.Type).Distinct()];
        foreach (var entry in await db.AuditEntries.Where(a => a.Action == AuditAction.Added && types.Contains(a.EntityType)).ToListAsync(ct))
        {
            if (made.TryGetValue((entry.EntityType, entry.EntityId), out var record) && record.At < entry.At)
            {
                entry.At = record.At;
                entry.UserName = record.By ?? entry.UserName;
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private static List<Organisation> BuildOrganisations()
    {
        var list = new List<Organisation>();

        Organisation Add(string name, string? shortName, OrganisationKind kind, string description)
        {
            var organisation = new Organisation(name, kind);
            organisation.UpdateDetails(name, shortName, kind, description, null, null, null);
            list.Add(organisation);
            return organisation;
        }

        var link = Add(LinkName, "LINk", OrganisationKind.Link,
            "The Local Involvement Network for Birmingham: local people and groups with a statutory role in how health and social care are planned, run and scrutinised.");
        link.UpdateDetails(link.Name, link.ShortName, link.Kind, link.Description, "https://link.demo.engagementhub.test", "info@link.demo.engagementhub.test", "0121 000 0100");
        link.AddContact("Lena Khan", "Engagement Officer", "link@demo.engagementhub.test", "0121 000 0101", false);
        link.AddContact("Martin Hughes", "LINk Host Manager", "host@link.demo.engagementhub.test", "0121 000 0102", false);

        var benc = Add("NHS Birmingham East and North", "BEN PCT", OrganisationKind.Commissioner, "Primary Care Trust commissioning NHS services for the east and north of the city.");
        benc.AddContact("Dr Helen Firth", "Director of Engagement", "engagement@benpct.demo.engagementhub.test", "0121 000 0201", true);

        var hob = Add("Heart of Birmingham teaching PCT", "HoB tPCT", OrganisationKind.Commissioner, "Primary Care Trust commissioning NHS services for the inner city.");
        hob.AddContact("Rashid Mahmood", "Head of Patient and Public Involvement", "ppi@hobtpct.demo.engagementhub.test", "0121 000 0301", true);

        var south = Add(SouthBirminghamName, "SB PCT", OrganisationKind.Commissioner, "Primary Care Trust commissioning NHS services for the south of the city.");
        // The commissioners with a demo account receive the LINk's requests through that account's person, so signing
        // in as them shows the commissioner's side of a deadline: its reminders in the app as well as by e-mail.
        south.AddContact("Colin Marsh", "Commissioning Manager", "commissioner@demo.engagementhub.test", "0121 000 0401", true);
        south.AddContact("Janet Rowe", "Director of Communications and Engagement", "engagement@sbpct.demo.engagementhub.test", "0121 000 0402", false);

        var adults = Add(AdultsAndCommunitiesName, "Adults and Communities", OrganisationKind.Commissioner, "The council directorate that commissions adult social care.");
        adults.AddContact("Carys Bennett", "Strategic Commissioning Lead", "council@demo.engagementhub.test", "0121 000 0501", true);
        adults.AddContact("Peter Doyle", "Assistant Director, Commissioning", "commissioning@adults.demo.engagementhub.test", "0121 000 0502", false);

        var lsp = Add(BeBirminghamName, "LSP", OrganisationKind.Partnership, "The Local Strategic Partnership: joint strategy, the Local Area Agreement and its delivery planning.");
        lsp.AddContact("Amira Said", "Partnership Manager", "partnership@bebirmingham.demo.engagementhub.test", "0121 000 0601", true);

        var hwb = Add("Birmingham Health and Wellbeing Partnership", "HWB Partnership", OrganisationKind.Partnership, "The LSP's partnership for health and wellbeing, including the Joint Strategic Needs Assessment.");
        hwb.AddContact("Tom Ellis", "JSNA Lead", "jsna@hwb.demo.engagementhub.test", "0121 000 0701", true);

        var osc = Add(ScrutinyName, "Health OSC", OrganisationKind.Scrutiny, "Elected councillors who scrutinise health services and acknowledge LINk referrals within 20 working days.");
        osc.AddContact("Cllr Sam Okafor", "Chair", "scrutiny@demo.engagementhub.test", "0121 000 0801", false);
        osc.AddContact("Rose Adeyemi", "Scrutiny Officer", "officer@osc.demo.engagementhub.test", "0121 000 0802", true);

        var uhb = Add("University Hospitals Birmingham NHS Foundation Trust", "UHB", OrganisationKind.Provider, "Acute hospital trust.");
        uhb.AddContact("Graham Lowe", "Head of PALS", "pals@uhb.demo.engagementhub.test", "0121 000 0901", true);

        var heft = Add("Heart of England NHS Foundation Trust", "HEFT", OrganisationKind.Provider, "Acute and community hospital trust.");
        heft.AddContact("Nadia Begum", "Patient Experience Manager", "experience@heft.demo.engagementhub.test", "0121 000 1001", true);

        var bvsc = Add(BvscName, "BVSC", OrganisationKind.VoluntarySector, "The city's council for voluntary service and the \"front door\" to hundreds of small organisations through its Third Sector Assembly.");
        bvsc.AddContact("Vic Patel", "Health and Social Care Policy Officer", "viewer@demo.engagementhub.test", "0121 000 1101", false);

        var cqc = Add("Care Quality Commission", "CQC", OrganisationKind.Regulator, "Regulator of health and adult social care; its annual assessment draws on LINk evidence.");
        cqc.AddContact("Owen Price", "Regional Engagement Manager", "engagement@cqc.demo.engagementhub.test", "0300 000 1201", true);

        foreach (var constituency in Constituencies)
        {
            Add($"{constituency} constituency", constituency, OrganisationKind.Locality,
                $"One of the city's ten constituencies, with its own local plan and neighbourhood priorities.");
        }

        return list;
    }

    /// <summary>A step of the demo's own story that the domain refused: the demo data no longer fits the rules.</summary>
    /// <exception cref="InvalidOperationException">The outcome failed (its problem or first field message).</exception>
    internal static void Ensure(Outcome outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Demo data refused: {outcome.Problem ?? outcome.Errors.FirstOrDefault()?.Message}");
        }
    }
}
