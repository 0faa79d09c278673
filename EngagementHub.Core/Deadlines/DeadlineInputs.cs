using System.ComponentModel.DataAnnotations;
using EngagementHub.Core.Common;
using EngagementHub.Core.Organisations;

namespace EngagementHub.Core.Deadlines;

/// <summary>The "log something the LINk sent" form.</summary>
public sealed class DeadlineInput
{
    /// <summary>The longest details, in characters (the column's length).</summary>
    public const int MaxDetailsLength = 4000;

    [Range(1, int.MaxValue, ErrorMessage = "Choose what kind of thing was sent.")]
    public int RuleId { get; set; }

    [Required(ErrorMessage = "Say what was sent, e.g. \"Waiting times for wheelchair assessments\".")]
    [MaxLength(300, ErrorMessage = "The subject can be at most 300 characters.")]
    public string Subject { get; set; } = "";

    [MaxLength(MaxDetailsLength, ErrorMessage = "The details can be at most 4,000 characters.")]
    [MultiLine]
    public string? Details { get; set; }

    [Range(1, int.MaxValue, ErrorMessage = "Choose the organisation it was sent to.")]
    public int ToOrganisationId { get; set; }

    /// <summary>The named person who received it; defaults to the organisation's contact who receives LINk requests.</summary>
    public int? ToContactId { get; set; }

    public int? ExerciseId { get; set; }

    [Required(ErrorMessage = "Enter the date it was received.")]
    public DateOnly? Received { get; set; }

    /// <summary>
    /// Why the LINk decided to send it: published with the decision in the LINk's decisions log (the subject stands in
    /// when blank). Not asked of a custom kind, which is not a relevant decision.
    /// </summary>
    [MaxLength(4000, ErrorMessage = "The reasons can be at most 4,000 characters.")]
    [MultiLine]
    public string? Reasons { get; set; }

    /// <summary>For reports: one recommendation a line.</summary>
    public List<string> Recommendations { get; set; } = [];
}

/// <summary>
/// A deadline for its page: the deadline as loaded (untracked) and the names of what it refers to. A deactivated
/// organisation is named as it was; one that cannot be found is <see cref="Organisation.UnknownName"/>.
/// </summary>
/// <param name="Deadline">The deadline with its recommendations and their milestones.</param>
/// <param name="SentByName">The name of the organisation that sent it (the LINk).</param>
/// <param name="ToName">The name of the organisation that received it and owes the answer.</param>
/// <param name="ToKind">That organisation's kind (a scrutiny committee's deadlines are not escalated to it).</param>
/// <param name="Contact">The named person it went to, or null when none was named (or they were removed since).</param>
/// <param name="ExerciseTitle">The title of the engagement exercise it belongs to, or null when it belongs to none.</param>
/// <param name="Working">How the due date is worked out from the day of receipt (UK dates, working days), on today's holidays.</param>
/// <param name="ProposalOvertaken">When the extension waiting to be agreed can no longer be agreed on today's holidays (a
/// bank holiday declared on its date, or the due date moved onto or past it, since it was proposed: a recount does not
/// move a proposal, as it is not agreed), why, and what to propose instead (<see cref="ResponseDeadline.ProposalOvertakenOn"/>);
/// null otherwise.</param>
public sealed record DeadlineDetails(
    ResponseDeadline Deadline, string SentByName, string ToName, OrganisationKind ToKind, NamedContact? Contact, string? ExerciseTitle, DueDateCalculation Working,
    string? ProposalOvertaken = null);

/// <summary>An extension waiting to be agreed that the bank holidays have made impossible to agree
/// (<see cref="ResponseDeadline.ProposalOvertakenOn"/>).</summary>
/// <param name="Proposed">The UK date proposed.</param>
/// <param name="ProposeInstead">A working day that could be proposed instead: the next after the proposed date when a
/// bank holiday fell on it; the first after the due date (and today) when the due date moved onto or past it.</param>
/// <param name="Reason">Why it cannot be agreed and what to propose instead, as one sentence.</param>
public sealed record ProposalOvertaken(DateOnly Proposed, DateOnly ProposeInstead, string Reason);

/// <summary>
/// The steps a person may take now on one deadline (<see cref="DeadlineService.StepsOpenTo"/>). The three flags on
/// recommendations are the person's side's; <see cref="On"/> narrows them by one recommendation's state.
/// </summary>
public sealed record DeadlineSteps(
    bool Acknowledge, bool RecordAnswer, bool ProposeExtension, bool AgreeExtension, bool Escalate, bool Withdraw,
    bool RespondToRecommendations, bool RecordImplementation, bool GiveVerdicts)
{
    /// <summary>Hand the deadline to another editor or administrator of the LINk, or take it over oneself
    /// (<see cref="DeadlineService.CanHandOver"/>): shown on its page beside who follows it up.</summary>
    public bool HandOver { get; init; }

    /// <summary>Decline the extension waiting, with a reason (<see cref="DeadlineService.DeclineExtensionAsync"/>): the side
    /// asked to agree it, also once it can no longer be agreed.</summary>
    public bool DeclineExtension { get; init; }

    /// <summary>Withdraw the extension proposal waiting (<see cref="DeadlineService.WithdrawExtensionProposalAsync"/>): the
    /// side that proposed it.</summary>
    public bool WithdrawExtensionProposal { get; init; }

    /// <summary>No step at all: for someone on neither side, or nobody signed in.</summary>
    public static readonly DeadlineSteps None = new(false, false, false, false, false, false, false, false, false);

    /// <summary>Whether any step on the deadline itself (not its recommendations) is open: the page's "What you can do".</summary>
    public bool AnyOnTheDeadline =>
        Acknowledge || RecordAnswer || ProposeExtension || AgreeExtension || DeclineExtension || WithdrawExtensionProposal || Escalate || Withdraw;

    /// <summary>
    /// The steps open on one of the deadline's recommendations: responding; for one accepted (in whole or part),
    /// recording how it is carried out; once that is recorded, adding what happened and the LINk's view of whether it
    /// is met (<see cref="Recommendation"/> refuses these before then).
    /// </summary>
    /// <returns>The steps, from these flags and the recommendation's state; a question, it refuses nothing.</returns>
    public RecommendationSteps On(Recommendation recommendation)
    {
        var carriedOut = recommendation.IsAccepted;
        var recorded = carriedOut && recommendation.Implementation is not null;
        return new RecommendationSteps(
            Respond: RespondToRecommendations,
            RecordProgress: RecordImplementation && carriedOut,
            AddWhatHappened: RecordImplementation && recorded,
            GiveVerdict: GiveVerdicts && recorded);
    }
}

/// <summary>The steps open on one recommendation (<see cref="DeadlineSteps.On"/>), as the deadline page offers them.</summary>
/// <param name="Respond">Give or change the response.</param>
/// <param name="RecordProgress">Record how it is being carried out.</param>
/// <param name="AddWhatHappened">Add a milestone of what happened.</param>
/// <param name="GiveVerdict">Say, for the LINk, whether it is met.</param>
public sealed record RecommendationSteps(bool Respond, bool RecordProgress, bool AddWhatHappened, bool GiveVerdict)
{
    /// <summary>Whether any step on how it is carried out is open (the buttons under "Carrying it out").</summary>
    public bool AnyOnItsImplementation => RecordProgress || AddWhatHappened || GiveVerdict;
}

/// <summary>A named contact as a page names them: "for the attention of Ann Smith (Head of Commissioning)".</summary>
public sealed record NamedContact(string Name, string? JobTitle);

/// <summary>
/// A row of the deadlines dashboard. <c>ExtensionDueDate</c> is the date agreed in the extension in force, or null
/// (<see cref="ResponseDeadline.ExtensionDueDate"/>); <c>OriginalDueDate</c> the statutory count's date
/// (<see cref="ResponseDeadline.OriginalDueDate"/>), taken as the due date when not given.
/// </summary>
public sealed record DeadlineRow(
    int Id, string KindName, DeadlineKind Kind, string Subject, int ToOrganisationId, string ToOrganisation, string OwnerName,
    DateOnly Received, DateOnly DueDate, DeadlineState State, DateOnly? AnsweredOn, int? WorkingDaysLate, bool ExtensionAgreed,
    DutyStep DischargedBy = DutyStep.Answer, DateOnly? LapsedDueDate = null, DateTimeOffset? AcknowledgedAt = null,
    DateOnly? ExtensionDueDate = null, DateOnly? OriginalDueDate = null)
{
    /// <summary>An extension was agreed, but the statutory count now ends later, so it is due by the count
    /// (<see cref="DeadlineTerms.ExtensionOvertaken"/>).</summary>
    public bool ExtensionOvertaken => DeadlineTerms.ExtensionOvertaken(ExtensionAgreed, ExtensionDueDate, DueDate, OriginalDueDate ?? DueDate);

    /// <summary>The UK date the acknowledgement was recorded; null when none was.</summary>
    public DateOnly? AcknowledgedOn => AcknowledgedAt is { } at ? UkTime.Today(at) : null;

    public bool IsOpen => State == DeadlineState.Awaiting || (State == DeadlineState.Acknowledged && DischargedBy == DutyStep.Answer);

    /// <summary>Discharged by its acknowledgement, its answer still to come: a follow-up, never overdue.</summary>
    public bool AwaitsFollowUp => State == DeadlineState.Acknowledged && DischargedBy == DutyStep.Acknowledgement;

    public bool IsOverdueOn(DateOnly today) => IsOpen && today > DueDate;

    /// <returns>The state as people say it on <paramref name="today"/> (<see cref="DeadlineTerms.StateLabel"/>).</returns>
    public string StateLabel(DateOnly today) => DeadlineTerms.StateLabel(State, DischargedBy, IsOverdueOn(today));

    /// <returns>How late the step that meets the duty (<see cref="DischargedBy"/>) was taken, or null before it is
    /// (<see cref="DeadlineTerms.DutyLateness"/>).</returns>
    public string? DutyLateness => DeadlineTerms.DutyLateness(WorkingDaysLate, LapsedDueDate, DeadlineTerms.TakenOn(DischargedBy, AcknowledgedOn, AnsweredOn));

    /// <returns>Whether its answer is the step that meets its duty (<see cref="DeadlineTerms.AnswerMeetsTheDuty"/>).</returns>
    public bool AnswerMeetsTheDuty => DeadlineTerms.AnswerMeetsTheDuty(DischargedBy, AcknowledgedOn, AnsweredOn);
}

public sealed record DeadlineFilter
{
    public int? ToOrganisationId { get; init; }

    /// <summary>Only deadlines this organisation sent or received: what concerns it.</summary>
    public int? InvolvingOrganisationId { get; init; }

    public DeadlineState? State { get; init; }
    public bool OverdueOnly { get; init; }
    public bool DueThisWeekOnly { get; init; }
    public int? RuleId { get; init; }

    /// <summary>Only the deadlines this account of the LINk follows up (their owner: who logged it, or took it over).</summary>
    public string? OwnerUserId { get; init; }
}

/// <summary>The admin's "edit a kind of deadline" form. A change applies to deadlines logged afterwards only.</summary>
public sealed class DeadlineRuleInput
{
    [Required(ErrorMessage = "Give the kind a name, e.g. \"Response to a quality account comment\".")]
    [MaxLength(200, ErrorMessage = "The name can be at most 200 characters.")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Enter the number of working days, from 1 to 1,000.")]
    [Range(1, WorkingDayCalendar.MaxWorkingDays, ErrorMessage = "Working days must be a whole number from 1 to 1,000.")]
    public int? WorkingDays { get; set; } = DeadlineRule.DefaultWorkingDays;

    /// <summary>Working days before the due date on which reminders go out, e.g. "5, 1".</summary>
    [MaxLength(100, ErrorMessage = "The reminder days can be at most 100 characters.")]
    public string RemindDaysBefore { get; set; } = "5, 1";

    [Required(ErrorMessage = "Enter a number of working days from 0 to 1,000.")]
    [Range(0, WorkingDayCalendar.MaxWorkingDays, ErrorMessage = "Enter a number of working days from 0 to 1,000.")]
    public int? EscalateAfterWorkingDays { get; set; } = 10;

    public bool IsActive { get; set; } = true;

    /// <summary>Which step discharges the duty; only a custom kind's can be chosen.</summary>
    public DutyStep DischargedBy { get; set; } = DutyStep.Answer;

    /// <summary>The version the form was opened on, so a save over another administrator's newer change is refused.</summary>
    public Guid Version { get; set; }

    /// <returns>The form as it opens on <paramref name="rule"/>: its settings and the version they were read at.</returns>
    public static DeadlineRuleInput From(DeadlineRule rule) => new()
    {
        Name = rule.Name,
        WorkingDays = rule.WorkingDays,
        RemindDaysBefore = string.Join(", ", rule.RemindDaysBefore),
        EscalateAfterWorkingDays = rule.EscalateAfterWorkingDays,
        IsActive = rule.IsActive,
        DischargedBy = rule.DischargedBy,
        Version = rule.Version,
    };
}

/// <summary>The administrator's "add a bank holiday" form: the day and its name, as
/// <see cref="BankHolidayCalendar.PreviewAddAsync"/> and <see cref="BankHolidayCalendar.AddAsync"/> take them.</summary>
public sealed class BankHolidayInput
{
    /// <summary>The holiday's UK date: a weekday.</summary>
    [Required(ErrorMessage = "Enter the date.")]
    public DateOnly? Date { get; set; }

    /// <summary>Its name, e.g. "Bank holiday for the coronation of King Charles III".</summary>
    [Required(ErrorMessage = "Give the holiday's name.")]
    [MaxLength(BankHoliday.NameMaxLength, ErrorMessage = "The name can be at most 200 characters.")]
    public string Name { get; set; } = "";
}

/// <summary>The "hand it over" form on a deadline's page: who of the LINk follows the deadline up from now on (ADR 12).</summary>
public sealed class DeadlineHandOverInput
{
    /// <summary>The field every refusal of a hand-over is shown next to.</summary>
    public const string NewOwnerField = nameof(NewOwnerUserId);

    /// <summary>The account of the LINk's editor or administrator who takes it over (the person choosing, to take it over themselves).</summary>
    [Required(ErrorMessage = "Choose who follows it up from now on.")]
    [MaxLength(64, ErrorMessage = "An account is named by at most 64 characters: choose who follows it up from the list.")]
    public string? NewOwnerUserId { get; set; }

    /// <summary>The deadline's version when the page read it: a hand-over on a page older than a change made since is
    /// refused, naming who made it (ADR 3).</summary>
    public Guid Version { get; set; }
}

/// <summary>Someone a deadline can be handed to, as the hand-over form lists them.</summary>
/// <param name="UserId">Their account.</param>
/// <param name="Name">Their name as their account shows it.</param>
/// <param name="IsYou">They are the person choosing, who would take it over.</param>
public sealed record OwnerOption(string UserId, string Name, bool IsYou);

/// <summary>Who a deadline can be handed to now (<see cref="DeadlineService.OwnerChoicesAsync"/>), and whether its owner
/// can still follow it up.</summary>
/// <param name="Options">The active editors and administrators of the LINk that sent it, but its owner: the person
/// choosing first, then by name.</param>
/// <param name="OwnerHasLeft">Its owner can no longer follow it up (their account disabled, or moved to another
/// organisation), so the LINk's editors and administrators are reminded in their place until it is handed over.</param>
public sealed record DeadlineOwnerChoices(IReadOnlyList<OwnerOption> Options, bool OwnerHasLeft)
{
    /// <summary>Nobody to hand it to: for someone who may not hand it over, or a deadline no longer open.</summary>
    public static readonly DeadlineOwnerChoices None = new([], false);
}
