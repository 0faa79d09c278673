using EngagementHub.Core.Common;

namespace EngagementHub.Core.Deadlines;

/// <summary>Where a deadline stands. "Overdue" is not stored: it is awaiting or acknowledged past its due date.</summary>
public enum DeadlineState
{
    Awaiting,
    Acknowledged,
    Answered,
    Withdrawn,
    Escalated,
}

/// <summary>
/// Something the LINk sent that the other side must answer by a statutory due date: a request for information, a
/// report with recommendations, or a referral to the scrutiny committee.
/// </summary>
public class ResponseDeadline : IVersioned
{
    private readonly List<Recommendation> _recommendations = [];

    private ResponseDeadline()
    {
        KindName = "";
        Subject = "";
        OwnerUserId = "";
        OwnerName = "";
    }

    /// <param name="due">The due date worked out for <paramref name="received"/>, from the rule's working days.</param>
    public ResponseDeadline(
        DeadlineRule rule, string subject, string? details, int sentByOrganisationId, int toOrganisationId, int? toContactId,
        string ownerUserId, string ownerName, int? exerciseId, DueDateCalculation due, DateTimeOffset createdAt)
        : this()
    {
        RuleId = rule.Id;
        Kind = rule.Kind;
        KindName = rule.Name;
        Subject = string.IsNullOrWhiteSpace(subject) ? throw new ArgumentException("Say what was sent.", nameof(subject)) : subject.Trim();
        Details = InputValidation.Clean(details);
        SentByOrganisationId = sentByOrganisationId;
        ToOrganisationId = toOrganisationId;
        ToContactId = toContactId;
        OwnerUserId = ownerUserId;
        OwnerName = ownerName;
        ExerciseId = exerciseId;
        Received = due.Received;
        WorkingDays = due.WorkingDays;
        DueDate = due.DueDate;
        OriginalDueDate = due.DueDate;
        State = DeadlineState.Awaiting;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public int RuleId { get; private set; }
    public DeadlineKind Kind { get; private set; }

    /// <summary>The kind's name when the deadline was logged.</summary>
    public string KindName { get; private set; }

    public string Subject { get; private set; }
    public string? Details { get; private set; }
    public int SentByOrganisationId { get; private set; }
    public int ToOrganisationId { get; private set; }

    /// <summary>The named person who received it (e.g. the senior manager who receives LINk requests).</summary>
    public int? ToContactId { get; private set; }

    /// <summary>The LINk's own person who follows it up.</summary>
    public string OwnerUserId { get; private set; }
    public string OwnerName { get; private set; }
    public int? ExerciseId { get; private set; }

    public DateOnly Received { get; private set; }

    /// <summary>The rule's working days when the deadline was logged: a later change to the rule does not move it.</summary>
    public int WorkingDays { get; private set; }

    public DateOnly DueDate { get; private set; }
    public DateOnly OriginalDueDate { get; private set; }
    public DeadlineState State { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? AcknowledgedBy { get; private set; }

    public DateOnly? AnsweredOn { get; private set; }
    public string? Answer { get; private set; }
    public string? AnsweredBy { get; private set; }

    /// <summary>Working days after the due date the answer came; 0 when on time.</summary>
    public int? WorkingDaysLate { get; private set; }

    public DateOnly? ProposedDueDate { get; private set; }
    public string? ExtensionReason { get; private set; }
    public string? ExtensionProposedBy { get; private set; }
    public bool? ExtensionProposedByLink { get; private set; }
    public string? ExtensionAgreedByLink { get; private set; }
    public string? ExtensionAgreedByRecipient { get; private set; }
    public DateTimeOffset? ExtensionAgreedAt { get; private set; }

    public int? EscalatedToDeadlineId { get; private set; }
    public int? EscalatedFromDeadlineId { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public Guid Version { get; set; }

    public IReadOnlyCollection<Recommendation> Recommendations => _recommendations.AsReadOnly();

    /// <summary>Still waiting for an answer.</summary>
    public bool IsOpen => State is DeadlineState.Awaiting or DeadlineState.Acknowledged;

    public bool IsOverdueOn(DateOnly today) => IsOpen && today > DueDate;

    public Recommendation AddRecommendation(string text)
    {
        var recommendation = new Recommendation(_recommendations.Count + 1, text);
        _recommendations.Add(recommendation);
        return recommendation;
    }

    internal void LinkEscalation(int fromDeadlineId) => EscalatedFromDeadlineId = fromDeadlineId;

    public Outcome Acknowledge(string byName, DateTimeOffset at)
    {
        if (State != DeadlineState.Awaiting)
        {
            return Outcome.Failed(State == DeadlineState.Acknowledged ? "This has already been acknowledged." : $"This is {Describe()}; it cannot be acknowledged.");
        }

        State = DeadlineState.Acknowledged;
        AcknowledgedAt = at;
        AcknowledgedBy = byName;
        return Outcome.Success;
    }

    /// <summary>Records the answer, however late; lateness is counted in working days after the due date.</summary>
    public Outcome RecordAnswer(string answer, DateOnly answeredOn, string byName, WorkingDayCalendar calendar)
    {
        if (!IsOpen)
        {
            return Outcome.Failed($"This is {Describe()}; no answer is awaited.");
        }

        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(answer))
        {
            errors.Add(new FieldError("Answer", "Give the answer, or a summary of it with where it can be read."));
        }
        else if (InputValidation.TooLong("Answer", answer, 4000, "The answer") is { } tooLong)
        {
            errors.Add(tooLong);
        }

        if (answeredOn < Received)
        {
            errors.Add(new FieldError("AnsweredOn", "The answer cannot come before the request was received."));
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid([.. errors]);
        }

        State = DeadlineState.Answered;
        Answer = answer.Trim();
        AnsweredOn = answeredOn;
        AnsweredBy = byName;
        WorkingDaysLate = calendar.WorkingDaysLate(DueDate, answeredOn);
        return Outcome.Success;
    }

    public Outcome Withdraw(DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return Outcome.Failed($"This is {Describe()}; it cannot be withdrawn.");
        }

        State = DeadlineState.Withdrawn;
        WithdrawnAt = at;
        return Outcome.Success;
    }

    /// <summary>A late one is escalated: the caller creates the scrutiny referral and links it here.</summary>
    public Outcome MarkEscalated(DateOnly today)
    {
        if (!IsOverdueOn(today))
        {
            return Outcome.Failed("Only an overdue deadline can be escalated to the scrutiny committee.");
        }

        State = DeadlineState.Escalated;
        return Outcome.Success;
    }

    internal void LinkReferral(int referralId) => EscalatedToDeadlineId = referralId;

    /// <summary>One side proposes a later due date, with the reason; the other side agrees it.</summary>
    public Outcome ProposeExtension(DateOnly newDueDate, string reason, bool byLink, string byName)
    {
        if (!IsOpen)
        {
            return Outcome.Failed($"This is {Describe()}; its due date cannot change.");
        }

        var errors = new List<FieldError>();
        if (newDueDate <= DueDate)
        {
            errors.Add(new FieldError("NewDueDate", "An extension must be later than the current due date."));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(new FieldError("Reason", "Say why the extension is needed."));
        }
        else if (InputValidation.TooLong("Reason", reason, 2000, "The reason") is { } tooLong)
        {
            errors.Add(tooLong);
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid([.. errors]);
        }

        ProposedDueDate = newDueDate;
        ExtensionReason = reason.Trim();
        ExtensionProposedBy = byName;
        ExtensionProposedByLink = byLink;
        ExtensionAgreedByLink = byLink ? byName : null;
        ExtensionAgreedByRecipient = byLink ? null : byName;
        ExtensionAgreedAt = null;
        return Outcome.Success;
    }

    public Outcome AgreeExtension(bool byLink, string byName, DateTimeOffset at)
    {
        if (ProposedDueDate is not { } proposed || ExtensionAgreedAt is not null)
        {
            return Outcome.Failed("There is no extension waiting to be agreed.");
        }

        if (ExtensionProposedByLink == byLink)
        {
            return Outcome.Failed("The other side agrees an extension, not the side that proposed it.");
        }

        if (byLink)
        {
            ExtensionAgreedByLink = byName;
        }
        else
        {
            ExtensionAgreedByRecipient = byName;
        }

        ExtensionAgreedAt = at;
        DueDate = proposed;
        return Outcome.Success;
    }

    public bool ExtensionAwaitingAgreement => ProposedDueDate is not null && ExtensionAgreedAt is null;

    private string Describe() => State.ToString().ToLowerInvariant();
}
