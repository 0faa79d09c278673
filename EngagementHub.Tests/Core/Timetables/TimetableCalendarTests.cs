using EngagementHub.Core.Calendar;
using EngagementHub.Core.Common;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using EngagementHub.Web.Components.Shared;
using Ical.Net.CalendarComponents;
using Calendar = Ical.Net.Calendar;

namespace EngagementHub.Tests.Core.Timetables;

public sealed class TimetableCalendarTests
{
    private static readonly Uri Base = new("https://engage.example.org.uk/");
    private static readonly DateTimeOffset Created = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static TimetableEvent Event(int id, TimetableEventInput details)
    {
        var e = new TimetableEvent(details, Created);
        // The database gives ids; a pure test sets one the way EF does, through the private setter.
        typeof(TimetableEvent).GetProperty(nameof(TimetableEvent.Id))!.SetValue(e, id);
        return e;
    }

    private static TimetableEvent Board(int id = 7) => Event(id, new TimetableEventInput
    {
        OrganisationId = 2,
        Kind = TimetableEventKind.BoardMeeting,
        Title = "Board meeting",
        Location = "Council House",
        StartDate = new DateOnly(2026, 7, 16),
        StartTime = new TimeOnly(14, 0),
        EndTime = new TimeOnly(16, 30),
        ExerciseIds = [3],
    });

    private static TimetableEvent Consultation(int id = 8) => Event(id, new TimetableEventInput
    {
        OrganisationId = 2,
        Kind = TimetableEventKind.ConsultationWindow,
        Title = "Stroke services consultation",
        StartDate = new DateOnly(2026, 9, 1),
        EndDate = new DateOnly(2026, 10, 31),
        IsFormal = false,
        IsMovable = true,
    });

    private static FeedContent Content(IReadOnlyList<TimetableEvent> events, IReadOnlyList<FeedDeadline>? deadlines = null) => new(
        "Birmingham partnership timetable",
        events,
        new Dictionary<int, TimetableOrganisation> { [2] = new(2, "NHS South Birmingham", "SB PCT", OrganisationKind.Commissioner) },
        new Dictionary<int, string> { [3] = "Stroke services review" },
        deadlines ?? [],
        new Dictionary<string, ItemRevision> { [FeedContent.EventKey(7)] = new(Created.AddDays(3), 2) },
        Domain);

    /// <summary>A deployment's identity as one made without a public address gets.</summary>
    private const string Domain = "a1b2c3d4e5f60718.engagementhub.invalid";

    private static Calendar RoundTrip(FeedContent content) =>
        Calendar.Load(TimetableCalendar.Serialize(TimetableCalendar.Build(content, AddressUnder(Base))))!;

    private static CalendarEvent Find(Calendar calendar, string uid) => calendar.Events.Single(e => e.Uid == uid);

    [Fact]
    public void Build_TimedMeeting_IsInLondonTimeWithItsTimeZone()
    {
        var calendar = RoundTrip(Content([Board()]));

        var board = Find(calendar, "timetable-event-7@a1b2c3d4e5f60718.engagementhub.invalid");
        Assert.False(board.IsAllDay);
        Assert.Equal("Europe/London", board.DtStart!.TzId);
        Assert.Equal(new DateTime(2026, 7, 16, 14, 0, 0), board.DtStart.Value);
        Assert.Equal(new DateTime(2026, 7, 16, 16, 30, 0), board.DtEnd!.Value);
        // 14:00 in London in July is 13:00 UTC (British Summer Time).
        Assert.Equal(new DateTime(2026, 7, 16, 13, 0, 0, DateTimeKind.Utc), board.DtStart.AsUtc);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "Europe/London");
    }

    [Fact]
    public void Build_SpanOfDays_IsAllDayWithTheDayAfterTheLastAsExclusiveEnd()
    {
        var calendar = RoundTrip(Content([Consultation()]));

        var window = Find(calendar, "timetable-event-8@a1b2c3d4e5f60718.engagementhub.invalid");
        Assert.True(window.IsAllDay);
        Assert.False(window.DtStart!.HasTime);
        Assert.Equal(new DateOnly(2026, 9, 1), window.DtStart.Date);
        Assert.Equal(new DateOnly(2026, 11, 1), window.DtEnd!.Date);
        Assert.Equal("TENTATIVE", window.Status);
        Assert.Equal("TRANSPARENT", window.Transparency);
        Assert.Empty(calendar.TimeZones);
        // Never changed since it was added: stamped with its creation.
        Assert.Equal(Created.UtcDateTime, window.DtStamp!.AsUtc);
        Assert.Equal(0, window.Sequence);
    }

    [Fact]
    public void Build_SingleDay_EndsTheNextDay()
    {
        var day = Event(9, new TimetableEventInput
        {
            OrganisationId = 2, Kind = TimetableEventKind.DecisionPoint, Title = "Decision", StartDate = new DateOnly(2027, 3, 31),
        });

        var parsed = Find(RoundTrip(Content([day])), "timetable-event-9@a1b2c3d4e5f60718.engagementhub.invalid");

        Assert.Equal(new DateOnly(2027, 3, 31), parsed.DtStart!.Date);
        Assert.Equal(new DateOnly(2027, 4, 1), parsed.DtEnd!.Date);
        Assert.Equal("CONFIRMED", parsed.Status);
    }

    [Fact]
    public void Build_Event_HasSummaryLinkBackDescriptionAndCategory()
    {
        var calendar = RoundTrip(Content([Board()]));

        var board = Find(calendar, "timetable-event-7@a1b2c3d4e5f60718.engagementhub.invalid");
        Assert.Equal("Board meeting (NHS South Birmingham)", board.Summary);
        Assert.Equal(new Uri("https://engage.example.org.uk/timetable/events/7"), board.Url);
        Assert.Contains("https://engage.example.org.uk/timetable/events/7", board.Description);
        Assert.Contains("Board or committee meeting · formal · fixed date", board.Description);
        Assert.Contains("Engagement exercises: Stroke services review", board.Description);
        Assert.Equal(["Board or committee meeting"], board.Categories);
        Assert.Equal("Council House", board.Location);
        Assert.Equal(2, board.Sequence);
        Assert.Equal(Created.AddDays(3).UtcDateTime, board.LastModified!.AsUtc);
    }

    [Fact]
    public void Build_Calendar_NamesItselfInLondonTime()
    {
        var text = TimetableCalendar.Serialize(TimetableCalendar.Build(Content([Board()]), AddressUnder(Base)));
        var calendar = Calendar.Load(text)!;

        Assert.Equal(TimetableCalendar.ProductId, calendar.ProductId);
        Assert.Equal("Birmingham partnership timetable", calendar.Properties["X-WR-CALNAME"]!.Value);
        Assert.Equal("Europe/London", calendar.Properties["X-WR-TIMEZONE"]!.Value);
        Assert.Contains("BEGIN:VTIMEZONE", text);
    }

    [Fact]
    public void Build_TwiceFromTheSameData_GivesTheSameUidsAndTheSameBytes()
    {
        var first = TimetableCalendar.Serialize(TimetableCalendar.Build(Content([Board(), Consultation()]), AddressUnder(Base)));
        var second = TimetableCalendar.Serialize(TimetableCalendar.Build(Content([Board(), Consultation()]), AddressUnder(new Uri("http://localhost:5080/"))));

        var uids = (string text) => Calendar.Load(text)!.Events.Select(e => e.Uid).Order().ToList();
        Assert.Equal(["timetable-event-7@a1b2c3d4e5f60718.engagementhub.invalid", "timetable-event-8@a1b2c3d4e5f60718.engagementhub.invalid"], uids(first));
        Assert.Equal(uids(first), uids(second));
        Assert.Equal(first, TimetableCalendar.Serialize(TimetableCalendar.Build(Content([Board(), Consultation()]), AddressUnder(Base))));
    }

    [Fact]
    public void Build_Deadline_IsAllDayOnTheDueDateWithItsLink()
    {
        var deadline = new FeedDeadline(12, "Winter pressures plan", "Request for information", "NHS South Birmingham", new DateOnly(2026, 11, 13), Created);

        var parsed = Find(RoundTrip(Content([], [deadline])), "deadline-12@a1b2c3d4e5f60718.engagementhub.invalid");

        Assert.Equal("Response due: Winter pressures plan (NHS South Birmingham)", parsed.Summary);
        Assert.True(parsed.IsAllDay);
        Assert.Equal(new DateOnly(2026, 11, 13), parsed.DtStart!.Date);
        Assert.Equal(new DateOnly(2026, 11, 14), parsed.DtEnd!.Date);
        Assert.Equal(new Uri("https://engage.example.org.uk/deadlines/12"), parsed.Url);
    }

    [Theory]
    [InlineData(null, "EngagementHub partnership timetable")]
    [InlineData("  ", "EngagementHub partnership timetable")]
    [InlineData("Birmingham", "Birmingham partnership timetable")]
    public void Name_PartnershipName_NamesTheCalendar(string? partnership, string expected) =>
        Assert.Equal(expected, TimetableCalendar.Name(partnership));

    [Fact]
    public void Serialize_ControlAndBidiCharactersInATitle_AreRemoved()
    {
        var hostile = Event(10, new TimetableEventInput
        {
            OrganisationId = 2, Kind = TimetableEventKind.DecisionPoint, Title = "Decision\0 \u202Egnp.exe\u0001", StartDate = new DateOnly(2027, 3, 31),
        });

        var text = TimetableCalendar.Serialize(TimetableCalendar.Build(Content([hostile]), AddressUnder(Base)));

        Assert.DoesNotContain('\0', text);
        Assert.DoesNotContain('\u0001', text);
        Assert.DoesNotContain('\u202E', text);
        Assert.Equal("Decision gnp.exe (NHS South Birmingham)", Calendar.Load(text)!.Events.Single().Summary);
    }

    /// <summary>Titles that put a four-byte emoji at every byte offset around the 75-octet fold of the SUMMARY line.</summary>
    public static TheoryData<int> EmojiOffsets => [.. Enumerable.Range(60, 12)];

    [Theory]
    [MemberData(nameof(EmojiOffsets))]
    public void Serialize_EmojiAcrossTheFold_ReadsBackExactly(int padding)
    {
        var title = new string('a', padding) + "😀 Listening event – Zoë's group";
        var item = Event(11, new TimetableEventInput
        {
            OrganisationId = 2, Kind = TimetableEventKind.Other, Title = title, StartDate = new DateOnly(2027, 1, 12),
        });

        var text = TimetableCalendar.Serialize(TimetableCalendar.Build(Content([item]), AddressUnder(Base)));
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);

        // Every physical line within 75 octets, and the bytes decode strictly (no split sequence) once unfolded.
        Assert.All(text.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        var strict = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var unfolded = strict.GetString(bytes).Replace("\r\n ", "");
        Assert.Contains($"SUMMARY:{title} (NHS South Birmingham)", unfolded);
        Assert.DoesNotContain('\uFFFD', unfolded);
        Assert.Equal($"{title} (NHS South Birmingham)", Calendar.Load(text)!.Events.Single().Summary);
    }

    [Fact]
    public void FoldLines_LongLine_BreaksAt75OctetsWithASpace()
    {
        var folded = TimetableCalendar.FoldLines("DESCRIPTION:" + new string('x', 100));

        var lines = folded.Split("\r\n");
        Assert.Equal(75, lines[0].Length);
        Assert.StartsWith(" ", lines[1]);
        Assert.Equal("DESCRIPTION:" + new string('x', 100), TimetableCalendar.UnfoldLines(folded));
    }

    [Fact]
    public void Build_Calendar_CarriesRefreshHints()
    {
        var text = TimetableCalendar.Serialize(TimetableCalendar.Build(Content([Board()]), AddressUnder(Base)));

        Assert.Contains("\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n", text);
        Assert.Contains("\r\nX-PUBLISHED-TTL:PT1H\r\n", text);
    }

    [Fact]
    public void Build_WithoutATrustedAddress_ItemsCarryNoLinks()
    {
        var deadline = new FeedDeadline(12, "Winter pressures plan", "Request for information", "NHS South Birmingham", new DateOnly(2026, 11, 13), Created);

        var calendar = Calendar.Load(TimetableCalendar.Serialize(TimetableCalendar.Build(Content([Board()], [deadline]), null)))!;

        Assert.All(calendar.Events, e => Assert.Null(e.Url));
        Assert.All(calendar.Events, e => Assert.DoesNotContain("Details:", e.Description));
    }

    /// <summary>Addresses under <paramref name="baseUrl"/> as the web app builds them for a feed.</summary>
    private static Func<PageLink, Uri> AddressUnder(Uri baseUrl) => link => PageLinks.Absolute(baseUrl, link);
}
