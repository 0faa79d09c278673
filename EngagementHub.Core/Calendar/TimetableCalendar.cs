using System.Text;
using EngagementHub.Core.Common;
using EngagementHub.Core.Timetables;
using Ical.Net;
using IcalCalendar = Ical.Net.Calendar;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace EngagementHub.Core.Calendar;

/// <summary>An open response deadline as a calendar shows it: an all-day event on its due date.</summary>
public sealed record FeedDeadline(int Id, string Subject, string KindName, string ToOrganisation, DateOnly DueDate, DateTimeOffset CreatedAt);

/// <summary>When an item last changed and how many times it changed since it was added (from the audit log).</summary>
public readonly record struct ItemRevision(DateTimeOffset LastModified, int Sequence);

/// <summary>What one feed holds, read from the database in one query per table.</summary>
public sealed record FeedContent(
    string CalendarName,
    IReadOnlyList<TimetableEvent> Events,
    IReadOnlyDictionary<int, TimetableOrganisation> Organisations,
    IReadOnlyDictionary<int, string> ExerciseTitles,
    IReadOnlyList<FeedDeadline> Deadlines,
    IReadOnlyDictionary<string, ItemRevision> Revisions,
    string IdDomain,
    bool IsPublic = false,
    IReadOnlyDictionary<int, SinceAgreement>? SinceAgreement = null)
{
    public static string EventKey(int id) => $"{nameof(TimetableEvent)}:{id}";

    public static string DeadlineKey(int id) => $"{nameof(Core.Deadlines.ResponseDeadline)}:{id}";
}

/// <summary>
/// Builds the RFC 5545 calendar of a feed with Ical.Net. Days are DATE values (a span ends the day after its last day,
/// as the standard wants); meetings at a time are in UK time with the Europe/London VTIMEZONE. UIDs do not depend on
/// the request's host, so a calendar program keeps one copy of each item however the feed is reached.
/// </summary>
public static class TimetableCalendar
{
    public const string TimeZoneId = "Europe/London";
    public const string ProductId = "-//EngagementHub//Partnership timetable//EN";
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>
    /// "timetable-event-7@engage.example.org.uk": the right-hand side is the deployment's identity
    /// (<see cref="Data.DeploymentIdentity"/>), fixed at first start, so UIDs are unique to the deployment and survive a
    /// move to another address.
    /// </summary>
    public static string EventUid(int id, string domain) => $"timetable-event-{id}@{domain}";

    public static string DeadlineUid(int id, string domain) => $"deadline-{id}@{domain}";

    /// <summary>"Birmingham partnership timetable", or "EngagementHub partnership timetable" when no name is configured.</summary>
    public static string Name(string? partnershipName) =>
        $"{(string.IsNullOrWhiteSpace(partnershipName) ? "EngagementHub" : partnershipName.Trim())} partnership timetable";

    /// <summary>
    /// How often a subscribed calendar program should fetch the feed again, sent as RFC 7986's REFRESH-INTERVAL and as
    /// X-PUBLISHED-TTL (which Outlook and Apple Calendar read). Timetables change over days, not minutes.
    /// </summary>
    public const string RefreshInterval = "PT1H";

    /// <summary>Writes a feed's content as an iCalendar (RFC 5545) calendar, times in UK time (Europe/London).</summary>
    /// <param name="content">What the feed carries, gathered by <see cref="CalendarFeedService"/>.</param>
    /// <param name="addressOf">
    /// The address of a page under the app's trusted address, built by the web app (which owns the routes); each item
    /// links back to its page. Null when no trusted address is known: the items then carry no links (never one built
    /// from an unchecked request).
    /// </param>
    public static IcalCalendar Build(FeedContent content, Func<PageLink, Uri>? addressOf)
    {
        var calendar = new IcalCalendar { ProductId = ProductId };
        calendar.AddProperty("CALSCALE", "GREGORIAN");
        calendar.AddProperty("X-WR-CALNAME", content.CalendarName);
        calendar.AddProperty("X-WR-TIMEZONE", TimeZoneId);
        var refresh = new CalendarProperty("REFRESH-INTERVAL", RefreshInterval);
        refresh.AddParameter("VALUE", "DURATION");
        calendar.AddProperty(refresh);
        calendar.AddProperty("X-PUBLISHED-TTL", RefreshInterval);

        var firstTimed = content.Events.Where(e => e.IsTimed).Select(e => (DateOnly?)e.StartDate).Min();
        if (firstTimed is { } earliest)
        {
            // The zone's rules from the first meeting on: enough for any client to place the times, without its history.
            calendar.AddTimeZone(TimeZoneId, earliest.AddYears(-1).ToDateTime(TimeOnly.MinValue), includeHistoricalData: false);
        }

        foreach (var item in content.Events)
        {
            calendar.Events.Add(ToEvent(item, content, addressOf));
        }

        foreach (var deadline in content.Deadlines)
        {
            calendar.Events.Add(ToEvent(deadline, content, addressOf));
        }

        return calendar;
    }

    /// <summary>
    /// The calendar as RFC 5545 text. Ical.Net's own output is unfolded and folded again by <see cref="FoldLines"/>, because
    /// Ical.Net 5.2.4 folds at 75 octets without regard to characters and can cut a four-byte character (an emoji) in
    /// two, which parsers then read as two replacement characters. On the way, characters no calendar should receive
    /// (control and bidirectional characters, see <see cref="UntrustedText.ForOutput"/>) are removed.
    /// </summary>
    public static string Serialize(IcalCalendar calendar) =>
        FoldLines(UntrustedText.ForOutput(UnfoldLines(new CalendarSerializer().SerializeToString(calendar)!)));

    /// <summary>RFC 5545 §3.1: removes every line break followed by one space or tab (a fold).</summary>
    public static string UnfoldLines(string text) => text.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal);

    /// <summary>
    /// RFC 5545 §3.1: each line of <paramref name="text"/> (CRLF-separated) longer than 75 octets of UTF-8 is folded into
    /// lines of at most 75 octets, continuation lines starting with a space, and only between whole characters (Unicode
    /// scalar values), so no UTF-8 sequence or surrogate pair is ever split.
    /// </summary>
    public static string FoldLines(string text)
    {
        const int MaxOctets = 75;
        var builder = new StringBuilder(text.Length + text.Length / 25);
        var lines = text.Split("\r\n");
        for (var l = 0; l < lines.Length; l++)
        {
            if (l > 0)
            {
                builder.Append("\r\n");
            }

            var octets = 0;
            foreach (var rune in lines[l].EnumerateRunes())
            {
                if (octets + rune.Utf8SequenceLength > MaxOctets)
                {
                    builder.Append("\r\n ");
                    octets = 1; // the space that starts the continuation line
                }

                builder.Append(rune.ToString());
                octets += rune.Utf8SequenceLength;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The page an event links to: in a public feed its place on the public timetable of its year (the partners' event
    /// page needs signing in, which a subscriber to the public feed cannot do); else the partners' event page.
    /// </summary>
    public static PageLink EventPage(TimetableEvent item, bool isPublic) =>
        isPublic ? PageLink.PublicTimetableEvent(item.FinancialYear, item.Id) : PageLink.TimetableEvent(item.Id);

    private static CalendarEvent ToEvent(TimetableEvent item, FeedContent content, Func<PageLink, Uri>? addressOf)
    {
        // The full name, not the short one the lanes use: a subscriber outside the partnership may not know "SB PCT".
        var organisation = content.Organisations.TryGetValue(item.OrganisationId, out var o) ? o.Name : $"Organisation {item.OrganisationId}";
        var url = addressOf?.Invoke(EventPage(item, content.IsPublic));
        var since = content.SinceAgreement?.GetValueOrDefault(item.Id) ?? Timetables.SinceAgreement.AsAgreed;
        var evt = new CalendarEvent
        {
            Uid = EventUid(item.Id, content.IdDomain),
            Summary = $"{item.Title} ({organisation})",
            Description = Describe(item, organisation, content.ExerciseTitles, url, since),
            Url = url,
            Location = item.Location,
            Categories = [item.Kind.Label()],
            // Movable dates are provisional, and so is a date changed since its year was agreed until the partners agree
            // the change: calendars show them as tentative.
            Status = item.IsMovable || since != Timetables.SinceAgreement.AsAgreed ? EventStatus.Tentative : EventStatus.Confirmed,
            Created = Utc(item.CreatedAt),
        };
        Stamp(evt, content, FeedContent.EventKey(item.Id), item.CreatedAt);

        if (item.StartTime is { } start)
        {
            evt.DtStart = new CalDateTime(item.StartDate, start, TimeZoneId);
            if (item.EndTime is { } end)
            {
                evt.DtEnd = new CalDateTime(item.StartDate, end, TimeZoneId);
            }

            evt.Transparency = TransparencyType.Opaque;
        }
        else
        {
            evt.DtStart = new CalDateTime(item.StartDate);
            // DTEND of a DATE event is exclusive: the day after the last day.
            evt.DtEnd = new CalDateTime(item.EndDate.AddDays(1));
            // A window of weeks must not show the subscriber as busy all that time.
            evt.Transparency = TransparencyType.Transparent;
        }

        return evt;
    }

    private static CalendarEvent ToEvent(FeedDeadline deadline, FeedContent content, Func<PageLink, Uri>? addressOf)
    {
        var url = addressOf?.Invoke(PageLink.Deadline(deadline.Id));
        var evt = new CalendarEvent
        {
            Uid = DeadlineUid(deadline.Id, content.IdDomain),
            Summary = $"Response due: {deadline.Subject} ({deadline.ToOrganisation})",
            Description = string.Join("\n",
                new[] { $"{deadline.KindName} sent to {deadline.ToOrganisation}: the response is due on {Common.UkTime.FormatDate(deadline.DueDate)}.",
                    url is null ? null : $"Details: {url}" }.OfType<string>()),
            Url = url,
            Categories = ["Response deadline"],
            Status = EventStatus.Confirmed,
            Created = Utc(deadline.CreatedAt),
            DtStart = new CalDateTime(deadline.DueDate),
            DtEnd = new CalDateTime(deadline.DueDate.AddDays(1)),
            Transparency = TransparencyType.Transparent,
        };
        Stamp(evt, content, FeedContent.DeadlineKey(deadline.Id), deadline.CreatedAt);
        return evt;
    }

    /// <summary>
    /// Without a METHOD, RFC 5545 makes DTSTAMP the time the item last changed. Taking it from the data rather than
    /// the clock keeps the feed byte-for-byte the same until something changes, so a poll can be answered 304.
    /// </summary>
    private static void Stamp(CalendarEvent evt, FeedContent content, string key, DateTimeOffset createdAt)
    {
        var revision = content.Revisions.TryGetValue(key, out var found) ? found : new ItemRevision(createdAt, 0);
        evt.DtStamp = Utc(revision.LastModified);
        evt.LastModified = Utc(revision.LastModified);
        evt.Sequence = revision.Sequence;
    }

    private static string Describe(TimetableEvent item, string organisation, IReadOnlyDictionary<int, string> exerciseTitles, Uri? url, SinceAgreement since)
    {
        var lines = new List<string>
        {
            $"{item.Kind.Label()} · {(item.IsFormal ? "formal" : "informal")} · {(item.IsMovable ? "the date may move" : "fixed date")}",
            $"Organisation: {organisation}",
        };
        if (since != SinceAgreement.AsAgreed)
        {
            lines.Add(since.Label() + ".");
        }

        if (item.CycleStage is { } stage)
        {
            lines.Add($"Commissioning cycle stage: {stage}");
        }

        if (!string.IsNullOrWhiteSpace(item.Description))
        {
            lines.Add("");
            lines.Add(item.Description);
        }

        // Only the exercises the feed may name (the public feed: public exercises alone), never a bare number in their place.
        var exercises = item.ExerciseIds.Where(exerciseTitles.ContainsKey).Select(id => exerciseTitles[id]).ToList();
        if (exercises.Count > 0)
        {
            lines.Add("");
            lines.Add("Engagement exercises: " + string.Join("; ", exercises));
        }

        if (url is not null)
        {
            lines.Add("");
            lines.Add($"Details: {url}");
        }

        return string.Join("\n", lines);
    }

    private static CalDateTime Utc(DateTimeOffset instant) =>
        new(DateTime.SpecifyKind(instant.UtcDateTime, DateTimeKind.Utc), CalDateTime.UtcTzId, hasTime: true);
}
