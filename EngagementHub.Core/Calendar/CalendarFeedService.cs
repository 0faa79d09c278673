using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Public;
using EngagementHub.Core.Timetables;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementHub.Core.Calendar;

/// <summary>A feed as its owners see it in the list; the secret is never shown again after creation.</summary>
public sealed record CalendarFeedRow(
    int Id, bool IsPersonal, string Owner, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? LastReadAt, bool CanRevoke);

/// <summary>A feed just created, with the secret for its URL: shown once, then only its hash remains.</summary>
public sealed record CreatedCalendarFeed(int Id, string Secret);

/// <summary>
/// Calendar feeds of the timetable. The public feed holds the public events of published years; a private feed,
/// reached by a secret URL, holds every partnership event and the open response deadlines of its person or organisation.
/// Anyone signed in makes a feed for themselves; editors make one for their organisation; a feed is revoked by its
/// person or an editor of its organisation.
/// </summary>
public sealed class CalendarFeedService(
    IDbContextFactory<EngagementHubDbContext> dbFactory, OrganisationAccess access, IOptions<EngagementHubOptions> options, TimeProvider clock)
{
    /// <summary>Reading a feed notes when it was last read, but no more often than this: calendar programs poll often.</summary>
    public static readonly TimeSpan ReadNoteInterval = TimeSpan.FromHours(1);

    private string CalendarName => TimetableCalendar.Name(options.Value.PartnershipName);

    /// <summary>The signed-in person's own feed and, for its editors, their organisation's feed.</summary>
    /// <returns>The live feeds (personal first), without their secrets; none for the system actor. Refuses nobody.</returns>
    public async Task<IReadOnlyList<CalendarFeedRow>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.IsSystem)
        {
            return [];
        }

        var organisationId = OrganisationAccess.CanActFor(actor, actor.OrganisationId ?? -1) ? actor.OrganisationId : null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var feeds = await db.CalendarFeeds.AsNoTracking()
            .Where(f => f.RevokedAt == null && (f.UserId == actor.UserId || (organisationId != null && f.OrganisationId == organisationId)))
            .OrderBy(f => f.Id)
            .ToListAsync(ct);
        return [.. feeds
            .OrderBy(f => f.UserId is null)
            .Select(f => new CalendarFeedRow(
                f.Id, f.UserId is not null, f.UserId is not null ? actor.DisplayName : actor.OrganisationName ?? "Your organisation",
                f.CreatedBy, f.CreatedAt, f.LastReadAt, CanRevoke(actor, f)))];
    }

    /// <summary>
    /// A private feed of the signed-in person. A person keeps one address: a new one replaces the old, which stops
    /// working at once (the way to "change the address" when it has been shared by mistake).
    /// </summary>
    /// <returns>The new feed's id and its secret, which is shown this once and stored only as a hash; never refused as an outcome.</returns>
    /// <exception cref="AccessDeniedException">The system actor, which has no person to make a feed for (logged).</exception>
    public Task<Outcome<CreatedCalendarFeed>> CreatePersonalAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.IsSystem)
        {
            access.Deny(actor, "create a calendar feed", "a personal feed");
            throw new AccessDeniedException("Sign in to make a calendar feed.");
        }

        return CreateAsync(actor, actor.UserId, null, ct);
    }

    /// <summary>May this person create (or replace) the private feed of their own organisation? Its editors and administrators may.</summary>
    /// <returns>True when they may; a question, it refuses nothing (<see cref="CreateForOrganisationAsync"/> refuses the others).</returns>
    public static bool CanCreateForOwnOrganisation(Actor actor) => actor.OrganisationId is { } id && OrganisationAccess.CanActFor(actor, id);

    /// <summary>A private feed of an organisation, for its editors; like a personal feed, a new one replaces the old.</summary>
    /// <returns>The new feed's id and its secret, which is shown this once and stored only as a hash.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the organisation (logged).</exception>
    public Task<Outcome<CreatedCalendarFeed>> CreateForOrganisationAsync(Actor actor, int organisationId, CancellationToken ct = default)
    {
        access.EnsureCanActFor(actor, organisationId, "create an organisation's calendar feed");
        return CreateAsync(actor, null, organisationId, ct);
    }

    /// <summary>Stops a feed's URL working. Its person, or an editor of its organisation, may do this.</summary>
    /// <returns>Success, also for a feed already revoked; a problem when the feed no longer exists.</returns>
    /// <exception cref="AccessDeniedException">The actor is neither the feed's person nor an editor of its organisation (logged).</exception>
    public async Task<Outcome> RevokeAsync(Actor actor, int feedId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ChangeAsync(actor, access, () => db.CalendarFeeds.FirstOrDefaultAsync(f => f.Id == feedId, ct), "This calendar feed no longer exists.",
            _ => new ChangedRow(nameof(CalendarFeed), feedId, "calendar feed"),
            feed => CanRevoke(actor, feed) ? null
                : new Refusal("revoke a calendar feed", $"calendar feed {feedId}", "You can only revoke your own calendar feed, or your organisation's as its editor."),
            feed =>
            {
                // Already revoked: nothing changes, and the save has nothing to write.
                if (feed.IsActive)
                {
                    feed.Revoke(clock.GetUtcNow());
                }

                return Task.FromResult(Outcome.Success);
            },
            ct);
    }

    /// <summary>Whether the person may revoke the feed: their own, or their organisation's as its editor.</summary>
    /// <returns>True when they may; a question, it refuses nothing.</returns>
    public static bool CanRevoke(Actor actor, CalendarFeed feed) =>
        !actor.IsSystem && (feed.UserId is { } owner ? owner == actor.UserId : OrganisationAccess.CanActFor(actor, feed.OrganisationId ?? -1));

    /// <summary>The public feed: what <see cref="PublicVisibility"/> allows of the timetable, last year to next.</summary>
    /// <returns>
    /// The public events of the financial years (1 April to 31 March) from the one before today's to the one after (every
    /// one overlapping them, as the public timetable shows it, whole), and no deadlines. For anyone, signed in or not.
    /// Refuses nobody.</returns>
    public async Task<FeedContent> PublicAsync(CancellationToken ct = default)
    {
        var (from, to) = Window();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // What may be public is decided in one place, for this feed and the public pages alike.
        var events = await PublicVisibility.PublicEvents(db.TimetableEvents.AsNoTracking(), db.AnnualTimetables)
            .Overlapping(from, to)
            .InDateOrder()
            .ToListAsync(ct);
        return await ContentAsync(db, CalendarName, events, [], await IdDomainAsync(db, ct), publicOnly: true, ct);
    }

    /// <summary>
    /// A private feed by its secret, or null when no active feed has that secret (unknown, revoked, its person disabled,
    /// or its person's or its own organisation deactivated: <see cref="AccountStanding"/>). The refusal is logged without
    /// the secret.
    /// </summary>
    /// <returns>
    /// Every partnership event overlapping the financial years from the one before today's to the one after (whole, also
    /// when it starts earlier or ends later), and the open deadlines of the feed's person or organisation; null when the
    /// secret opens no live feed.
    /// </returns>
    public async Task<FeedContent?> PrivateAsync(string secret, CancellationToken ct = default)
    {
        var hash = CalendarFeed.Hash(secret);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await (from f in db.CalendarFeeds.AsNoTracking()
                           where f.SecretHash == hash && f.RevokedAt == null
                           join u in db.Users on f.UserId equals u.Id into users
                           from u in users.DefaultIfEmpty()
                           join o in db.Organisations on f.OrganisationId equals o.Id into organisations
                           from o in organisations.DefaultIfEmpty()
                           select new
                           {
                               Feed = f,
                               UserName = u == null ? null : u.DisplayName,
                               UserOrganisationId = u == null ? (int?)null : u.OrganisationId,
                               UserDisabled = u != null && u.IsDisabled,
                               OrganisationInactive = (u != null && !db.Organisations.Any(uo => uo.Id == u.OrganisationId && uo.IsActive)) || (o != null && !o.IsActive),
                               OrganisationName = o == null ? null : o.Name,
                           })
            .FirstOrDefaultAsync(ct);
        if (found is null || found.UserDisabled || found.OrganisationInactive)
        {
            access.Deny(null, "read a calendar feed", found is null ? "an unknown or revoked calendar feed"
                : found.UserDisabled ? $"calendar feed {found.Feed.Id} of a disabled user"
                : $"calendar feed {found.Feed.Id} of a deactivated organisation");
            return null;
        }

        await NoteReadAsync(db, found.Feed, ct);

        var feed = found.Feed;
        var userId = feed.UserId;
        var organisationId = feed.OrganisationId ?? found.UserOrganisationId ?? -1;
        var (from, to) = Window();
        var events = await db.TimetableEvents.AsNoTracking()
            .Overlapping(from, to)
            .InDateOrder()
            .ToListAsync(ct);
        // What concerns the organisation the feed is for (a personal feed: the person's own, now). Not matched by owner:
        // someone moved to another organisation no longer follows up the deadlines of the one they left, as its notices
        // and reminders no longer reach them.
        var deadlines = await (from d in db.Deadlines.AsNoTracking().Where(ResponseDeadline.Open)
                               where d.SentByOrganisationId == organisationId || d.ToOrganisationId == organisationId
                               join o in db.Organisations on d.ToOrganisationId equals o.Id
                               orderby d.DueDate, d.Id
                               select new FeedDeadline(d.Id, d.Subject, d.KindName, o.Name, d.DueDate, d.CreatedAt))
            .ToListAsync(ct);
        var name = $"{CalendarName} ({(userId is not null ? found.UserName : found.OrganisationName)})";
        return await ContentAsync(db, name, events, deadlines, await IdDomainAsync(db, ct), publicOnly: false, ct);
    }

    /// <summary>From last financial year to next: what a calendar needs, without the whole history.</summary>
    private (FinancialYear From, FinancialYear To) Window()
    {
        var current = FinancialYear.Containing(UkTime.Today(clock));
        return (new FinancialYear(current.StartYear - 1), new FinancialYear(current.StartYear + 1));
    }

    /// <summary>
    /// Revokes the owner's live feed and adds the new one in one save. The database keeps one live feed per person and
    /// per organisation (a unique index), so when two tabs ask at once the later save is refused; it reads the feeds
    /// again and replaces the one just made, as a request a moment later would. Up to three tries.
    /// </summary>
    private async Task<Outcome<CreatedCalendarFeed>> CreateAsync(Actor actor, string? userId, int? organisationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var now = clock.GetUtcNow();
            var previous = await db.CalendarFeeds
                .Where(f => f.RevokedAt == null && (userId != null ? f.UserId == userId : f.OrganisationId == organisationId))
                .ToListAsync(ct);
            foreach (var old in previous)
            {
                old.Revoke(now);
            }

            var (feed, secret) = CalendarFeed.Create(userId, organisationId, actor.DisplayName, now);
            db.CalendarFeeds.Add(feed);
            try
            {
                await db.ActingAs(actor).SaveChangesAsync(ct);
                return Outcome<CreatedCalendarFeed>.Ok(new CreatedCalendarFeed(feed.Id, secret));
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                // Another tab made a feed for the same owner a moment ago: read again, and replace it.
            }
        }
    }

    /// <summary>
    /// Notes the read in one UPDATE, outside the audit log (a poll is not a change anyone made), and at most hourly.
    /// </summary>
    private async Task NoteReadAsync(EngagementHubDbContext db, CalendarFeed feed, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (feed.LastReadAt is { } last && now - last < ReadNoteInterval)
        {
            return;
        }

        await db.CalendarFeeds.Where(f => f.Id == feed.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.LastReadAt, now), ct);
    }

    private Task<string> IdDomainAsync(EngagementHubDbContext db, CancellationToken ct) =>
        DeploymentIdentity.DomainAsync(db, options.Value.PublicBaseUrl, clock.GetUtcNow(), ct);

    /// <summary>
    /// Gathers what a feed shows besides its events and deadlines: the organisations' names, the titles of linked
    /// exercises, and each item's last change and revision count from the audit log (LAST-MODIFIED and SEQUENCE).
    /// </summary>
    /// <param name="db">The context of the feed's read, already open.</param>
    /// <param name="name">The calendar's name, shown by the calendar program (X-WR-CALNAME).</param>
    /// <param name="events">The timetable events the feed carries, already filtered to what its reader may see.</param>
    /// <param name="deadlines">The deadlines the feed carries; empty for the public feed.</param>
    /// <param name="idDomain">The domain that makes each item's UID unique to this deployment (<see cref="DeploymentIdentity"/>).</param>
    /// <param name="publicOnly">
    /// The public feed: an event names only the linked exercises that are public themselves, so a proposed or withdrawn
    /// exercise's title never reaches a subscriber through a public event; and each event links to the public timetable
    /// rather than to the partners' page, which needs signing in.
    /// </param>
    /// <param name="ct">Cancels the reads.</param>
    /// <returns>The feed's content, ready for <see cref="TimetableCalendar.Build"/>.</returns>
    private static async Task<FeedContent> ContentAsync(
        EngagementHubDbContext db, string name, List<TimetableEvent> events, List<FeedDeadline> deadlines, string idDomain, bool publicOnly, CancellationToken ct)
    {
        var organisationIds = events.Select(e => e.OrganisationId).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => organisationIds.Contains(o.Id))
            .Select(o => new TimetableOrganisation(o.Id, o.Name, o.ShortName, o.Kind))
            .ToDictionaryAsync(o => o.Id, ct);
        var exerciseIds = events.SelectMany(e => e.ExerciseIds).Distinct().ToList();
        var exercises = exerciseIds.Count == 0
            ? []
            : await (publicOnly ? PublicVisibility.PublicExercises(db.Exercises.AsNoTracking()) : db.Exercises.AsNoTracking())
                .Where(x => exerciseIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Title, ct);

        // When each item last changed, and how often, from the audit log: LAST-MODIFIED and SEQUENCE for calendar programs.
        var keys = events.Select(e => e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var deadlineKeys = deadlines.Select(d => d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var changes = keys.Count + deadlineKeys.Count == 0
            ? []
            : await db.AuditEntries.AsNoTracking()
                .Where(a => (a.EntityType == nameof(TimetableEvent) && keys.Contains(a.EntityId))
                            || (a.EntityType == nameof(ResponseDeadline) && deadlineKeys.Contains(a.EntityId)))
                .Select(a => new { a.EntityType, a.EntityId, a.At, a.Action })
                .ToListAsync(ct);
        var revisions = changes
            .GroupBy(a => $"{a.EntityType}:{a.EntityId}")
            .ToDictionary(g => g.Key, g => new ItemRevision(g.Max(a => a.At), g.Count(a => a.Action == Auditing.AuditAction.Modified)));

        return new FeedContent(name, events, organisations, exercises, deadlines, revisions, idDomain, IsPublic: publicOnly,
            SinceAgreement: await ChangesSinceAgreement.OfAsync(db, events, ct));
    }
}
