using System.Linq.Expressions;
using EngagementHub.Core.Common;

namespace EngagementHub.Core.Deadlines;

public enum RecommendationResponse
{
    Pending,
    UnderConsideration,
    Accepted,
    PartlyAccepted,
    NotAccepted,
}

/// <summary>
/// One recommendation of a LINk report, the commissioner's response to it and, once accepted, what became of it: the
/// "you said, we did" record (ADR 0016). Versioned: the commissioner and the LINk may both be at it at once.
/// </summary>
public class Recommendation : IVersioned
{
    private readonly List<ImplementationMilestone> _milestones = [];

    private Recommendation()
    {
        Text = "";
    }

    internal Recommendation(int number, string text)
    {
        Number = number;
        Text = string.IsNullOrWhiteSpace(text) ? throw new ArgumentException("A recommendation needs its text.", nameof(text)) : text.Trim();
    }

    public int Id { get; private set; }
    public int DeadlineId { get; private set; }
    public int Number { get; private set; }
    public string Text { get; private set; }
    public RecommendationResponse Response { get; private set; } = RecommendationResponse.Pending;

    /// <summary>What was done, or why not: required when a recommendation is not accepted.</summary>
    public string? ResponseText { get; private set; }

    public string? RespondedBy { get; private set; }

    /// <summary>
    /// When the current response was given (UTC). Changing only its words keeps this moment (the audit log holds who
    /// changed them); a different response starts a new one and moves this one to <see cref="EarlierResponse"/>.
    /// </summary>
    public DateTimeOffset? RespondedAt { get; private set; }

    /// <summary>
    /// The response the current one replaced, kept so that a changed mind reads as such rather than as if it had always
    /// been so ("Accepted on 3 May, then not accepted on 1 December"); null while the first response stands. Earlier
    /// changes still are in the audit log.
    /// </summary>
    public RecommendationResponse? EarlierResponse { get; private set; }

    /// <summary>What was said with <see cref="EarlierResponse"/>.</summary>
    public string? EarlierResponseText { get; private set; }

    /// <summary>Who gave <see cref="EarlierResponse"/>.</summary>
    public string? EarlierRespondedBy { get; private set; }

    /// <summary>When <see cref="EarlierResponse"/> was given (UTC).</summary>
    public DateTimeOffset? EarlierRespondedAt { get; private set; }

    /// <summary>Where carrying it out stands; null until the commissioner first records it.</summary>
    public ImplementationStatus? Implementation { get; private set; }

    /// <summary>The date the commissioner plans to have it done by; reminders follow when it passes with no update.</summary>
    public DateOnly? PlannedDate { get; private set; }

    /// <summary>Why it was dropped after being accepted: required for <see cref="ImplementationStatus.Dropped"/>.</summary>
    public string? DroppedReason { get; private set; }

    /// <summary>The decision or service change it led to, in the commissioner's words: required once it is done.</summary>
    public string? ChangeMade { get; private set; }

    /// <summary>Who last recorded the implementation or added a milestone, and when.</summary>
    public string? ImplementationUpdatedBy { get; private set; }

    public DateTimeOffset? ImplementationUpdatedAt { get; private set; }

    /// <summary>The LINk's view of whether the recommendation has been met; null until it gives one.</summary>
    public LinkVerdict? LinkVerdict { get; private set; }

    public string? LinkComment { get; private set; }
    public string? LinkVerdictBy { get; private set; }
    public DateTimeOffset? LinkVerdictAt { get; private set; }

    public Guid Version { get; set; }

    /// <summary>What happened along the way, in the order it happened.</summary>
    public IReadOnlyCollection<ImplementationMilestone> Milestones => _milestones.AsReadOnly();

    /// <summary>Accepted in whole or part: only these are carried out, so only these have an implementation.</summary>
    public bool IsAccepted => Response.IsAcceptance();

    /// <summary>
    /// The LINk's view of whether it was met is awaited (ADR 16): accepted, recorded done or dropped, and no view of the
    /// LINk's stands (none given yet, or the last one set aside by a later step). The one rule for the notice that asks
    /// the LINk and for its "My work".
    /// </summary>
    public bool AwaitsLinkVerdict => IsAccepted && Implementation is ImplementationStatus.Done or ImplementationStatus.Dropped && LinkVerdict is null;

    /// <summary><see cref="AwaitsLinkVerdict"/> for queries the database runs.</summary>
    public static readonly Expression<Func<Recommendation, bool>> AwaitingLinkVerdict =
        r => (r.Response == RecommendationResponse.Accepted || r.Response == RecommendationResponse.PartlyAccepted)
             && (r.Implementation == ImplementationStatus.Done || r.Implementation == ImplementationStatus.Dropped) && r.LinkVerdict == null;

    /// <summary>
    /// Accepted, and the LINk does not agree it has been met: the organisation it went to answers that view, by talking to
    /// the LINk or recording what changed since (which asks the LINk again). For queries the database runs.
    /// </summary>
    public static readonly Expression<Func<Recommendation, bool>> DisputedByTheLink =
        r => (r.Response == RecommendationResponse.Accepted || r.Response == RecommendationResponse.PartlyAccepted) && r.LinkVerdict == Deadlines.LinkVerdict.DoesNotAgree;

    /// <summary>
    /// What the database can rule out of <see cref="IsImplementationOverdueOn"/> for <paramref name="today"/>: accepted,
    /// planned or in progress, planned before today. The rest of the rule (no update since the planned date) is
    /// <see cref="PlannedDatePassedWithoutUpdate"/>, run on the rows this returns.
    /// </summary>
    /// <returns>The filter, for a query.</returns>
    public static Expression<Func<Recommendation, bool>> MayBeImplementationOverdueOn(DateOnly today) =>
        r => (r.Response == RecommendationResponse.Accepted || r.Response == RecommendationResponse.PartlyAccepted)
             && (r.Implementation == ImplementationStatus.Planned || r.Implementation == ImplementationStatus.InProgress)
             && r.PlannedDate < today;

    /// <summary>
    /// <see cref="IsImplementationOverdueOn"/> for a recommendation read as planned for <paramref name="plannedDate"/> (a
    /// date already passed), in terms the database runs: still accepted, planned or in progress, still planned for that
    /// date, and not updated since it (its last update, if any, before the start of the next UK day). Exactly what makes
    /// its reminder due, and nothing else: the reminder sweep writes the row on this condition before recording the
    /// reminder (ADR 6), so an edit of anything else (the response's words, the LINk's view) does not hold it back.
    /// </summary>
    /// <returns>The filter, for a query or a conditional update. A calculation: it refuses nothing.</returns>
    public static Expression<Func<Recommendation, bool>> StillImplementationOverdue(DateOnly plannedDate)
    {
        // UkTime.Today(updated) <= plannedDate, as an instant: the last update came before the next UK day began.
        var nextDayBegins = new DateTimeOffset(
            TimeZoneInfo.ConvertTimeToUtc(plannedDate.AddDays(1).ToDateTime(TimeOnly.MinValue), UkTime.Zone), TimeSpan.Zero);
        return r => (r.Response == RecommendationResponse.Accepted || r.Response == RecommendationResponse.PartlyAccepted)
                    && (r.Implementation == ImplementationStatus.Planned || r.Implementation == ImplementationStatus.InProgress)
                    && r.PlannedDate == plannedDate
                    && (r.ImplementationUpdatedAt == null || r.ImplementationUpdatedAt < nextDayBegins);
    }

    /// <summary>
    /// The planned date has passed while it is still planned or in progress and nobody has updated it since that date:
    /// the commissioner is reminded (by the reminder sweep, <c>Reminders.ReminderSweep</c>).
    /// </summary>
    public bool IsImplementationOverdueOn(DateOnly today) =>
        IsAccepted && PlannedDatePassedWithoutUpdate(Implementation, PlannedDate, ImplementationUpdatedAt, today);

    /// <returns>True when <paramref name="implementation"/> is planned or in progress, <paramref name="plannedDate"/> is
    /// before <paramref name="today"/> (UK) and the last update (<paramref name="updatedAt"/>) was on or before the planned
    /// date: the one rule for the reminder and the register.</returns>
    public static bool PlannedDatePassedWithoutUpdate(ImplementationStatus? implementation, DateOnly? plannedDate, DateTimeOffset? updatedAt, DateOnly today) =>
        implementation is ImplementationStatus.Planned or ImplementationStatus.InProgress
        && plannedDate is { } planned && today > planned
        && (updatedAt is not { } updated || UkTime.Today(updated) <= planned);

    /// <summary>
    /// The organisation the report went to responds, or changes its response. A different response than the one given
    /// keeps that one as <see cref="EarlierResponse"/> with its moment, and sets aside what no longer holds: the LINk's
    /// view of whether it was met (it saw another response), and, when it is no longer accepted, the implementation
    /// recorded under the acceptance (the audit log keeps both; milestones stay, as things that happened). The same
    /// response in other words changes the words only.
    /// </summary>
    /// <returns>Success (also when nothing changed); field messages on <c>Response</c> (none chosen) or
    /// <c>ResponseText</c> (missing where the response needs it, too long: 4,000 characters, or holding control
    /// characters).</returns>
    public Outcome Respond(RecommendationResponse response, string? text, string byName, DateTimeOffset at)
    {
        if (response == RecommendationResponse.Pending)
        {
            return Outcome.Invalid(new FieldError("Response", "Choose a response."));
        }

        if (response is RecommendationResponse.NotAccepted or RecommendationResponse.PartlyAccepted && string.IsNullOrWhiteSpace(text))
        {
            return Outcome.Invalid(new FieldError("ResponseText",
                response == RecommendationResponse.NotAccepted ? "Give the reason the recommendation is not accepted." : "Say which part is accepted and why not the rest."));
        }

        if (InputValidation.CheckText(("ResponseText", text)) is { Length: > 0 } textErrors)
        {
            return Outcome.Invalid(textErrors);
        }

        if (InputValidation.TooLong("ResponseText", text, TextLimit, "The response") is { } tooLong)
        {
            return Outcome.Invalid(tooLong);
        }

        var cleaned = InputValidation.Clean(text);
        if (response == Response)
        {
            ResponseText = cleaned;
            return Outcome.Success;
        }

        if (Response != RecommendationResponse.Pending)
        {
            (EarlierResponse, EarlierResponseText, EarlierRespondedBy, EarlierRespondedAt) = (Response, ResponseText, RespondedBy, RespondedAt);
        }

        Response = response;
        ResponseText = cleaned;
        RespondedBy = byName;
        RespondedAt = at;
        SetAsideLinkVerdict();
        if (!IsAccepted)
        {
            // Not carried out under this response: what was recorded under an acceptance is no longer where it stands.
            (Implementation, PlannedDate, DroppedReason, ChangeMade, ImplementationUpdatedBy, ImplementationUpdatedAt) = (null, null, null, null, null, null);
        }

        return Outcome.Success;
    }

    /// <summary>
    /// The commissioner records where carrying out an accepted (or partly accepted) recommendation stands. Only what
    /// belongs to the status is kept: a planned date while planned or in progress, a reason when dropped, what changed
    /// unless dropped. A different status, or other words for what changed or why it was dropped, sets the LINk's view
    /// aside (it was about the outcome it saw; the audit log keeps it), so the LINk is asked again.
    /// </summary>
    /// <returns>Success; a problem when the recommendation was not accepted; field messages (keys
    /// <c>Status</c>, <c>PlannedDate</c>, <c>DroppedReason</c>, <c>ChangeMade</c>) when planned or in progress without a
    /// planned date, dropped without a reason, done without saying what changed, or a text is too long (4,000
    /// characters) or holds control characters.</returns>
    public Outcome RecordImplementation(
        ImplementationStatus status, DateOnly? plannedDate, string? droppedReason, string? changeMade, string byName, DateTimeOffset at)
    {
        if (!IsAccepted)
        {
            return Outcome.Failed("Only a recommendation that was accepted, or partly accepted, is carried out. Record that response first.");
        }

        var errors = new List<FieldError>();
        if (!Enum.IsDefined(status))
        {
            errors.Add(new FieldError("Status", "Choose where it stands."));
        }

        if (status is ImplementationStatus.Planned or ImplementationStatus.InProgress && plannedDate is null)
        {
            errors.Add(new FieldError("PlannedDate", "Give the date it is planned to be done by."));
        }

        if (status == ImplementationStatus.Dropped && string.IsNullOrWhiteSpace(droppedReason))
        {
            errors.Add(new FieldError("DroppedReason", "Say why it was dropped."));
        }

        if (status == ImplementationStatus.Done && string.IsNullOrWhiteSpace(changeMade))
        {
            errors.Add(new FieldError("ChangeMade", "Say what changed as a result: the decision taken or the change to the service."));
        }

        errors.AddRange(InputValidation.CheckText(("DroppedReason", droppedReason), ("ChangeMade", changeMade)));
        if (InputValidation.TooLong("DroppedReason", droppedReason, TextLimit, "The reason") is { } reasonTooLong)
        {
            errors.Add(reasonTooLong);
        }

        if (InputValidation.TooLong("ChangeMade", changeMade, TextLimit, "What changed") is { } changeTooLong)
        {
            errors.Add(changeTooLong);
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid([.. errors]);
        }

        var reason = status == ImplementationStatus.Dropped ? InputValidation.Clean(droppedReason) : null;
        var change = status == ImplementationStatus.Dropped ? null : InputValidation.Clean(changeMade);
        if (status != Implementation || reason != DroppedReason || change != ChangeMade)
        {
            SetAsideLinkVerdict();
        }

        Implementation = status;
        PlannedDate = status is ImplementationStatus.Planned or ImplementationStatus.InProgress ? plannedDate : null;
        DroppedReason = reason;
        ChangeMade = change;
        Touch(byName, at);
        return Outcome.Success;
    }

    /// <summary>The commissioner records something that happened on the way, on <paramref name="on"/>.</summary>
    /// <returns>Success with the milestone; a problem when no implementation has been recorded yet; field messages (keys
    /// <c>On</c>, <c>Text</c>) when the date is after <paramref name="today"/> (a milestone is what happened, not a plan)
    /// or the text is missing, too long (2,000 characters) or holds control characters.</returns>
    public Outcome<ImplementationMilestone> AddMilestone(DateOnly on, string? text, string byName, DateTimeOffset at, DateOnly today)
    {
        if (!IsAccepted || Implementation is null)
        {
            return Outcome<ImplementationMilestone>.Failed("Record how the recommendation is being carried out before adding what happened.");
        }

        var errors = new List<FieldError>();
        if (on > today)
        {
            errors.Add(new FieldError("On", $"A milestone is something that has happened: its date cannot be in the future. Today is {UkTime.FormatDate(today)}."));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new FieldError("Text", "Say what happened."));
        }
        else if (InputValidation.TooLong("Text", text, MilestoneLimit, "What happened") is { } tooLong)
        {
            errors.Add(tooLong);
        }

        errors.AddRange(InputValidation.CheckText(("Text", text)));
        if (errors.Count > 0)
        {
            return Outcome<ImplementationMilestone>.Invalid([.. errors]);
        }

        var milestone = new ImplementationMilestone(on, text!.Trim(), byName, at);
        _milestones.Add(milestone);
        Touch(byName, at);
        return Outcome<ImplementationMilestone>.Ok(milestone);
    }

    /// <summary>The LINk says whether it agrees the recommendation has been met.</summary>
    /// <returns>Success; a problem before the commissioner has recorded any implementation; field messages (keys
    /// <c>Verdict</c>, <c>Comment</c>) when it does not agree without saying why, or the comment is too long (4,000
    /// characters) or holds control characters.</returns>
    public Outcome RecordLinkVerdict(LinkVerdict verdict, string? comment, string byName, DateTimeOffset at)
    {
        if (!IsAccepted || Implementation is null)
        {
            return Outcome.Failed("The LINk gives its view once the commissioner has recorded how the recommendation is being carried out.");
        }

        var errors = new List<FieldError>();
        if (!Enum.IsDefined(verdict))
        {
            errors.Add(new FieldError("Verdict", "Choose whether the LINk agrees it has been met."));
        }

        if (verdict == Deadlines.LinkVerdict.DoesNotAgree && string.IsNullOrWhiteSpace(comment))
        {
            errors.Add(new FieldError("Comment", "Say why the LINk does not agree it has been met."));
        }

        errors.AddRange(InputValidation.CheckText(("Comment", comment)));
        if (InputValidation.TooLong("Comment", comment, TextLimit, "The comment") is { } tooLong)
        {
            errors.Add(tooLong);
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid([.. errors]);
        }

        LinkVerdict = verdict;
        LinkComment = InputValidation.Clean(comment);
        LinkVerdictBy = byName;
        LinkVerdictAt = at;
        return Outcome.Success;
    }

    /// <summary>The longest reason, change or comment, in characters.</summary>
    public const int TextLimit = 4000;

    /// <summary>The longest milestone, in characters.</summary>
    public const int MilestoneLimit = 2000;

    /// <summary>The LINk's view no longer describes where the recommendation stands: it is no longer current.</summary>
    private void SetAsideLinkVerdict() => (LinkVerdict, LinkComment, LinkVerdictBy, LinkVerdictAt) = (null, null, null, null);

    private void Touch(string byName, DateTimeOffset at)
    {
        ImplementationUpdatedBy = byName;
        ImplementationUpdatedAt = at;
    }
}

/// <summary>Where carrying out an accepted recommendation stands.</summary>
public enum ImplementationStatus
{
    Planned,
    InProgress,
    Done,
    /// <summary>Given up after being accepted; always with a reason.</summary>
    Dropped,
}

/// <summary>The LINk's view of whether a recommendation has been met.</summary>
public enum LinkVerdict
{
    Agrees,
    DoesNotAgree,
}

/// <summary>A dated step in carrying out a recommendation: what happened, and who recorded it when.</summary>
public class ImplementationMilestone
{
    private ImplementationMilestone()
    {
        Text = "";
        RecordedBy = "";
    }

    internal ImplementationMilestone(DateOnly on, string text, string recordedBy, DateTimeOffset recordedAt)
    {
        On = on;
        Text = text;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public int Id { get; private set; }
    public int RecommendationId { get; private set; }

    /// <summary>The day it happened (a calendar date, UK).</summary>
    public DateOnly On { get; private set; }

    public string Text { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
}
