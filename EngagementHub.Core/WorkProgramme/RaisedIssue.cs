using EngagementHub.Core.Common;
using EngagementHub.Core.Exercises;

namespace EngagementHub.Core.WorkProgramme;

/// <summary>
/// Kent LINk's steps for an issue raised by the community, in order (the study, section 3.2): the host discusses it
/// with the referrer, wider participants are consulted, the host writes a business case, a panel decides, and the
/// referrer is told. <see cref="Raised"/> is where every issue starts.
/// </summary>
public enum IssueStep
{
    Raised,
    Discussed,
    Consulted,
    BusinessCase,
    Decided,
    FeedbackGiven,
}

/// <summary>The five things Kent LINk's panel may decide about an issue.</summary>
public enum PanelOutcome
{
    NoAction,
    ReferToProviderOrCommissioner,
    FurtherConsultation,
    WorkWithAnotherOrganisation,
    LinkProject,
}

public static class WorkProgrammeText
{
    /// <summary>A step as the LINk's people say it (also the word the history uses).</summary>
    public static string Label(this IssueStep step) => step switch
    {
        IssueStep.Raised => "Raised",
        IssueStep.Discussed => "Discussed with the referrer",
        IssueStep.Consulted => "Participants consulted",
        IssueStep.BusinessCase => "Business case written",
        IssueStep.Decided => "Panel decided",
        IssueStep.FeedbackGiven => "Feedback given to the referrer",
        _ => step.ToString(),
    };

    /// <returns>What the notes of recording <paramref name="step"/> ask for, as the step's form labels them: "What was
    /// discussed (optional)", "Who was consulted, and what they said", or, for the feedback, "How the referrer was told,
    /// and what".</returns>
    public static string NotesLabel(this IssueStep step) => step switch
    {
        IssueStep.Discussed => "What was discussed (optional)",
        IssueStep.Consulted => "Who was consulted, and what they said",
        _ => "How the referrer was told, and what",
    };

    public static string Label(this PanelOutcome outcome) => outcome switch
    {
        PanelOutcome.NoAction => "No action",
        PanelOutcome.ReferToProviderOrCommissioner => "Refer to the provider or commissioner",
        PanelOutcome.FurtherConsultation => "Further consultation",
        PanelOutcome.WorkWithAnotherOrganisation => "Work with another organisation",
        PanelOutcome.LinkProject => "Start a LINk project",
        _ => outcome.ToString(),
    };
}

/// <summary>
/// The Kent process as a rule: which step may follow which, and which may be skipped. The one place the order lives;
/// <see cref="RaisedIssue"/> refuses anything else.
/// </summary>
public static class IssueProcess
{
    /// <summary>The steps that may be skipped, with a reason, for a quick win (the study: not every issue needs all of them).</summary>
    public static bool CanSkip(IssueStep step) => step is IssueStep.Discussed or IssueStep.Consulted or IssueStep.BusinessCase;

    /// <returns>The step after <paramref name="step"/>, or null after the last.</returns>
    public static IssueStep? Next(IssueStep step) => step == IssueStep.FeedbackGiven ? null : step + 1;

    /// <returns>
    /// True when an issue at <paramref name="from"/> may move to <paramref name="to"/>: to the next step, or past
    /// skippable steps only (each skip then needs its reason).
    /// </returns>
    public static bool IsAllowed(IssueStep from, IssueStep to)
    {
        if (to <= from)
        {
            return false;
        }

        for (var step = from + 1; step < to; step++)
        {
            if (!CanSkip(step))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// An issue raised with the LINk by a person or group, taken through <see cref="IssueStep"/> to a panel decision and
/// feedback. The referrer's name and how to reach them are personal details: only the LINk's own people read them
/// (<see cref="WorkProgrammeService"/>), and the audit log never copies them. Versioned: two officers may be at it at once.
/// </summary>
public class RaisedIssue : IVersioned, IBalancePlacement
{
    private RaisedIssue()
    {
        Title = Description = ReferrerName = RecordedBy = RecordedByUserId = "";
    }

    /// <summary>A new issue at <see cref="IssueStep.Raised"/>.</summary>
    /// <param name="linkOrganisationId">The LINk whose work programme it goes on.</param>
    /// <param name="input">What was raised, by whom, and where it sits on the programme's balances.</param>
    /// <param name="raisedThroughOrganisationId">The organisation of the person recording it, as it is when they record it
    /// (the LINk's own when its people record it).</param>
    /// <param name="recordedByUserId">The account of the person recording it.</param>
    /// <param name="recordedBy">Their name.</param>
    /// <param name="now">When it is recorded.</param>
    /// <exception cref="ArgumentException">Title, description or referrer missing (the service validates first).</exception>
    public RaisedIssue(int linkOrganisationId, RaisedIssueInput input, int raisedThroughOrganisationId, string recordedByUserId, string recordedBy, DateTimeOffset now)
    {
        LinkOrganisationId = linkOrganisationId;
        RaisedThroughOrganisationId = raisedThroughOrganisationId;
        Title = Required(input.Title, nameof(input.Title));
        Description = Required(input.Description, nameof(input.Description));
        ReferrerName = Required(input.ReferrerName, nameof(input.ReferrerName));
        ReferrerContact = InputValidation.Clean(input.ReferrerContact);
        ConsentToContact = input.ConsentToContact;
        ReferrerIsGroup = input.ReferrerIsGroup;
        Services = InputValidation.Clean(input.Services);
        Communities = InputValidation.Clean(input.Communities);
        Locality = InputValidation.Clean(input.Locality);
        Sector = input.Sector;
        RaisedOn = input.RaisedOn ?? throw new ArgumentException("An issue needs the date it was raised.", nameof(input));
        Place(input);
        RecordedByUserId = recordedByUserId;
        RecordedBy = recordedBy;
        RecordedAt = now;
    }

    public int Id { get; private set; }

    /// <summary>The LINk whose work programme it is on.</summary>
    public int LinkOrganisationId { get; private set; }

    public string Title { get; private set; }
    public string Description { get; private set; }

    /// <summary>Personal: the person or group who raised it.</summary>
    public string ReferrerName { get; private set; }

    /// <summary>Personal: how to reach them (e-mail, phone or address, as they gave it).</summary>
    public string? ReferrerContact { get; private set; }

    /// <summary>They agreed to be contacted about it; without it the LINk gives no feedback to them directly.</summary>
    public bool ConsentToContact { get; private set; }

    public bool ReferrerIsGroup { get; private set; }
    public string? Services { get; private set; }
    public string? Communities { get; private set; }
    public string? Locality { get; private set; }
    public CareSector Sector { get; private set; }
    public DateOnly RaisedOn { get; private set; }
    public string RecordedByUserId { get; private set; }
    public string RecordedBy { get; private set; }

    /// <summary>
    /// The organisation the issue was raised through: the one the person who recorded it acted for when they recorded it.
    /// It stays that organisation when an administrator later moves the person to another, so the notices of its outcome
    /// go where it came from. Null only for an issue recorded before this was kept whose recorder's account was gone by
    /// then (the upgrade took the recorder's organisation at the time, the best record there was).
    /// </summary>
    public int? RaisedThroughOrganisationId { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    public IssueStep Step { get; private set; } = IssueStep.Raised;

    public DateOnly? DiscussedOn { get; private set; }
    public string? DiscussedBy { get; private set; }
    public string? DiscussionNotes { get; private set; }
    public string? DiscussionSkippedReason { get; private set; }

    public DateOnly? ConsultedOn { get; private set; }
    public string? ConsultedBy { get; private set; }

    /// <summary>Who was consulted and what they said.</summary>
    public string? ConsultationNotes { get; private set; }

    public string? ConsultationSkippedReason { get; private set; }

    public DateOnly? BusinessCaseOn { get; private set; }
    public string? BusinessCaseBy { get; private set; }

    /// <summary>The "big issue" questions answered (the study's six), each yes or no.</summary>
    public bool AffectsManyPeople { get; private set; }
    public bool LongLasting { get; private set; }
    public bool SignificantResources { get; private set; }
    public bool MajorQualityImplications { get; private set; }
    public bool AffectsInequalities { get; private set; }
    public bool NationalOrLocalPriority { get; private set; }
    public string? ExpectedEffort { get; private set; }
    public string? SuccessLooksLike { get; private set; }
    public string? BusinessCaseSkippedReason { get; private set; }

    public DateOnly? DecidedOn { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? PanelMembers { get; private set; }
    public PanelOutcome? Outcome { get; private set; }
    public string? DecisionReasons { get; private set; }

    /// <summary>
    /// When the referrer must be told: a set number of working days after <see cref="DecidedOn"/>. Shown on "My work"
    /// and reminded by the sweep until <see cref="FeedbackGivenOn"/> is recorded; counted again when the bank holidays
    /// change (<see cref="RecountFeedback"/>).
    /// </summary>
    public DateOnly? FeedbackDue { get; private set; }

    /// <summary>Why <see cref="FeedbackDue"/> last moved after the decision (a bank holiday added or removed); null when it never did.</summary>
    public string? FeedbackDueNote { get; private set; }

    /// <summary>
    /// The last feedback reminder recorded for this issue, e.g. "due@2026-11-30" (<see cref="FeedbackReminders"/>): set
    /// by a conditional update, so a second sweep or node never sends it again.
    /// </summary>
    public string? FeedbackReminderKey { get; private set; }

    public DateOnly? FeedbackGivenOn { get; private set; }
    public string? FeedbackGivenBy { get; private set; }
    public string? FeedbackNotes { get; private set; }

    /// <summary>The request or report deadline a "refer" decision created.</summary>
    public int? DeadlineId { get; private set; }

    /// <summary>The engagement exercise a "further consultation" decision proposed.</summary>
    public int? ExerciseId { get; private set; }

    /// <summary>The organisation a "work with another organisation" decision hands the issue to (or a referral went to).</summary>
    public int? PartnerOrganisationId { get; private set; }

    /// <summary>The named contact there for the hand-off (a professional contact, not the referrer).</summary>
    public string? HandOffContact { get; private set; }

    public string? ProjectOwner { get; private set; }
    public string? ProjectMilestones { get; private set; }
    public DateOnly? ProjectEndDate { get; private set; }

    /// <summary>The study's balances the issue records itself (ADR 0025); null until someone places it.</summary>
    public IssueTerm? Term { get; private set; }

    public PartnerSector? PartnerSector { get; private set; }
    public ServiceSetting? Setting { get; private set; }
    public IssueOrigin? Origin { get; private set; }
    public IssueReach? Reach { get; private set; }

    public Guid Version { get; set; }

    /// <summary>How many of the six big-issue questions were answered yes (0–6).</summary>
    public int BigIssueScore =>
        new[] { AffectsManyPeople, LongLasting, SignificantResources, MajorQualityImplications, AffectsInequalities, NationalOrLocalPriority }.Count(b => b);

    /// <summary>Decided, feedback not yet given, and the referrer agreed to be contacted: they are owed it.</summary>
    public bool FeedbackOwed => Step == IssueStep.Decided && ConsentToContact;

    /// <summary>
    /// Places the issue on the five balances it records (the service checks them first with
    /// <see cref="ProgrammeBalance.Validate"/>); health or social care, locality and size come from the issue itself.
    /// </summary>
    public void Place(IBalancePlacement placement)
    {
        Term = placement.Term;
        PartnerSector = placement.PartnerSector;
        Setting = placement.Setting;
        Origin = placement.Origin;
        Reach = placement.Reach;
    }

    /// <summary>Records the host's discussion with the referrer.</summary>
    public Outcome RecordDiscussion(DateOnly on, string by, string? notes) =>
        Move(IssueStep.Discussed, on, null, [], () =>
        {
            DiscussedOn = on;
            DiscussedBy = by;
            DiscussionNotes = InputValidation.Clean(notes);
        });

    /// <summary>Records who was consulted and what they said.</summary>
    public Outcome RecordConsultation(DateOnly on, string by, string? notes, IReadOnlyDictionary<IssueStep, string?>? skipReasons = null) =>
        Move(IssueStep.Consulted, on, skipReasons,
            string.IsNullOrWhiteSpace(notes) ? [new FieldError("Notes", "Say who was consulted and what they said.")] : [], () =>
            {
                ConsultedOn = on;
                ConsultedBy = by;
                ConsultationNotes = notes!.Trim();
            });

    /// <summary>Records the business case: the big-issue answers, the expected effort and what success looks like.</summary>
    public Outcome RecordBusinessCase(DateOnly on, string by, BusinessCaseInput input, IReadOnlyDictionary<IssueStep, string?>? skipReasons = null) =>
        Move(IssueStep.BusinessCase, on, skipReasons,
            string.IsNullOrWhiteSpace(input.SuccessLooksLike) ? [new FieldError(nameof(input.SuccessLooksLike), "Say what success would look like.")] : [], () =>
        {
            BusinessCaseOn = on;
            BusinessCaseBy = by;
            AffectsManyPeople = input.AffectsManyPeople;
            LongLasting = input.LongLasting;
            SignificantResources = input.SignificantResources;
            MajorQualityImplications = input.MajorQualityImplications;
            AffectsInequalities = input.AffectsInequalities;
            NationalOrLocalPriority = input.NationalOrLocalPriority;
            ExpectedEffort = InputValidation.Clean(input.ExpectedEffort);
            SuccessLooksLike = input.SuccessLooksLike!.Trim();
        });

    /// <summary>
    /// Records the panel's decision, its members and reasons, and when the referrer's feedback is due (no date when they
    /// did not agree to be contacted: <see cref="ConsentToContact"/>). The record the
    /// outcome creates is linked by <see cref="LinkOutcome"/> in the same save.
    /// </summary>
    /// <param name="on">The UK date the panel decided; not before the issue's previous step.</param>
    /// <param name="by">The name of the person recording it.</param>
    /// <param name="input">The outcome, the panel's members and its reasons, all required.</param>
    /// <param name="feedbackDue">Worked out by the caller from the working-day calendar (a set number of working days after <paramref name="on"/>).</param>
    /// <param name="skipReasons">Why each step of Kent LINk's process between the issue's step and the decision is skipped, one per step skipped.</param>
    /// <returns>
    /// Success; field messages for a missing outcome, members or reasons, a date before the previous step ("On"), or a
    /// skipped step without a reason (<see cref="SkipField"/>); a problem when the decision cannot follow the issue's step.
    /// </returns>
    public Outcome RecordDecision(
        DateOnly on, string by, PanelDecisionInput input, DateOnly feedbackDue, IReadOnlyDictionary<IssueStep, string?>? skipReasons = null) =>
        Move(IssueStep.Decided, on, skipReasons, DecisionErrors(input), () =>
        {
            DecidedOn = on;
            DecidedBy = by;
            PanelMembers = input.PanelMembers!.Trim();
            Outcome = input.Outcome;
            DecisionReasons = input.Reasons!.Trim();
            // Someone who did not agree to be contacted cannot be told the decision: nothing is owed them, so nothing is
            // due, reminded of or counted as a promise the LINk kept or broke (the decision is still published).
            FeedbackDue = ConsentToContact ? feedbackDue : null;
        });

    /// <summary>What a panel decision lacks: its outcome, members or reasons, all required.</summary>
    /// <returns>A message per missing field; empty when none is missing.</returns>
    public static IReadOnlyList<FieldError> DecisionErrors(PanelDecisionInput input)
    {
        var errors = new List<FieldError>();
        if (input.Outcome is null)
        {
            errors.Add(new FieldError(nameof(input.Outcome), "Choose what the panel decided."));
        }

        if (string.IsNullOrWhiteSpace(input.PanelMembers))
        {
            errors.Add(new FieldError(nameof(input.PanelMembers), "Name the panel's members."));
        }

        if (string.IsNullOrWhiteSpace(input.Reasons))
        {
            errors.Add(new FieldError(nameof(input.Reasons), input.Outcome == PanelOutcome.NoAction ? "Say why no action is taken." : "Give the panel's reasons."));
        }

        return errors;
    }

    /// <summary>
    /// Counts the feedback's due date again on a changed calendar, as <see cref="Deadlines.ResponseDeadline.Recount"/> counts a
    /// deadline's: the same number of working days after <see cref="DecidedOn"/> (the number it was counted with, read
    /// from <paramref name="before"/>), on <paramref name="after"/>. Only feedback still owed moves: once given, the date it
    /// was given against stays, as do the review's figures of promises kept.
    /// </summary>
    /// <param name="before">The working days the due date was counted on.</param>
    /// <param name="after">The working days after the change (Monday to Friday, not a bank holiday).</param>
    /// <param name="because">Given the old and new due dates, the reason for the note, e.g. "bank holiday Mon 16 Nov 2026
    /// (…) was added".</param>
    /// <returns>The UK date the feedback was due before, or null when it did not move.</returns>
    public DateOnly? RecountFeedback(WorkingDayCalendar before, WorkingDayCalendar after, Func<DateOnly, DateOnly, string> because)
    {
        if (!FeedbackOwed || DecidedOn is not { } decided || FeedbackDue is not { } due)
        {
            return null;
        }

        // The count from the decision itself, even one taken on a Saturday or a bank holiday (WorkingDaysLate would count
        // from the next working day, one fewer).
        var moved = after.AddWorkingDays(decided, before.WorkingDaysAfter(decided, due));
        if (moved == due)
        {
            return null;
        }

        FeedbackDue = moved;
        FeedbackDueNote = InputValidation.Shorten(
            $"Feedback due date moved from {UkTime.FormatDate(due)} to {UkTime.FormatDate(moved)} because {because(due, moved)}.", MaxNoteLength);
        return due;
    }

    /// <summary>The longest <see cref="FeedbackDueNote"/>, in characters (the column's length); the app composes it.</summary>
    public const int MaxNoteLength = 2000;

    /// <summary>The longest reason for skipping a step, in characters (the columns' length and the check's limit).</summary>
    public const int SkipReasonLimit = 1000;

    /// <summary>Links the record a decision created (or describes the hand-off or project) to this issue.</summary>
    /// <exception cref="InvalidOperationException">The issue has not been decided.</exception>
    public void LinkOutcome(int? deadlineId = null, int? exerciseId = null, int? partnerOrganisationId = null, string? handOffContact = null,
        string? projectOwner = null, string? projectMilestones = null, DateOnly? projectEndDate = null)
    {
        if (Step != IssueStep.Decided)
        {
            throw new InvalidOperationException("Only a decided issue has an outcome to link.");
        }

        DeadlineId = deadlineId ?? DeadlineId;
        ExerciseId = exerciseId ?? ExerciseId;
        PartnerOrganisationId = partnerOrganisationId ?? PartnerOrganisationId;
        HandOffContact = InputValidation.Clean(handOffContact) ?? HandOffContact;
        ProjectOwner = InputValidation.Clean(projectOwner) ?? ProjectOwner;
        ProjectMilestones = InputValidation.Clean(projectMilestones) ?? ProjectMilestones;
        ProjectEndDate = projectEndDate ?? ProjectEndDate;
    }

    /// <summary>Records that the referrer was told the decision, and how.</summary>
    public Outcome RecordFeedback(DateOnly on, string by, string? notes) =>
        Move(IssueStep.FeedbackGiven, on, null,
            string.IsNullOrWhiteSpace(notes) ? [new FieldError("Notes", "Say how the referrer was told, and what.")] : [], () =>
            {
                FeedbackGivenOn = on;
                FeedbackGivenBy = by;
                FeedbackNotes = notes!.Trim();
            });

    /// <summary>
    /// Whether a step decided on the issue as a page showed it, at <paramref name="seen"/>, may still be recorded: not when
    /// someone has recorded a step since, which the person never saw (a business case the panel's decision would rest on,
    /// a decision already taken). The same rule as an extension agreed on the date the page showed (ADR 12).
    /// </summary>
    /// <param name="seen">The step the issue was at when the page read it.</param>
    /// <returns>Null when the issue is still at <paramref name="seen"/>; otherwise what to tell the person: who recorded the
    /// latest step, which (the panel's outcome for a decision) and its date, that nothing was saved, and what to do. A
    /// question: it changes nothing.</returns>
    public string? StepsTakenSince(IssueStep seen)
    {
        if (Step == seen)
        {
            return null;
        }

        if (Step < seen)
        {
            // Steps only move forward; a page cannot have seen one not taken. Said plainly rather than guessed at.
            return $"This issue is at \"{Step.Label()}\", not where your page showed it. Nothing was saved: reload the page and record the step again.";
        }

        var (on, by) = Step switch
        {
            IssueStep.Discussed => (DiscussedOn, DiscussedBy),
            IssueStep.Consulted => (ConsultedOn, ConsultedBy),
            IssueStep.BusinessCase => (BusinessCaseOn, BusinessCaseBy),
            IssueStep.Decided => (DecidedOn, DecidedBy),
            _ => (FeedbackGivenOn, FeedbackGivenBy),
        };
        var what = Step == IssueStep.Decided && Outcome is { } outcome
            ? $"the panel's decision (\"{outcome.Label()}\")"
            : $"\"{Step.Label().ToLowerInvariant()}\"";
        var dated = on is { } date ? $", dated {UkTime.FormatDate(date)}," : "";
        var earlier = Step - seen > 1 ? $" (the issue was at \"{seen.Label().ToLowerInvariant()}\" on your page)" : "";
        return $"{UntrustedText.Isolate(by ?? "Someone")} recorded {what}{dated} after your page was shown{earlier}. "
               + (IssueProcess.Next(Step) is null
                   ? "Nothing was saved: the issue is closed."
                   : "Nothing was saved: read the issue's steps as they stand now, then record yours again if it still stands.");
    }

    /// <summary>The date of the latest step taken, or the date raised: no step may be dated before it.</summary>
    public DateOnly LatestStepDate =>
        new[] { FeedbackGivenOn, DecidedOn, BusinessCaseOn, ConsultedOn, DiscussedOn }.Max() ?? RaisedOn;

    /// <summary>
    /// The one gate for every step: allowed by <see cref="IssueProcess"/>, each skipped step with its reason, dated on or
    /// after the latest step, and the step's own fields (<paramref name="stepErrors"/>), every message at once so the form
    /// is mended in one round. Nothing changes when it refuses.
    /// </summary>
    private Outcome Move(IssueStep to, DateOnly on, IReadOnlyDictionary<IssueStep, string?>? skipReasons, IReadOnlyList<FieldError> stepErrors, Action apply)
    {
        if (!IssueProcess.IsAllowed(Step, to))
        {
            return to <= Step
                ? Common.Outcome.Failed($"This issue is already at \"{Step.Label()}\".")
                : Common.Outcome.Failed($"\"{to.Label()}\" cannot follow \"{Step.Label()}\": {IssueProcess.Next(Step)!.Value.Label().ToLowerInvariant()} comes first.");
        }

        var errors = new List<FieldError>();
        var skipped = new List<(IssueStep Step, string Reason)>();
        for (var step = Step + 1; step < to; step++)
        {
            var reason = skipReasons?.GetValueOrDefault(step);
            if (string.IsNullOrWhiteSpace(reason))
            {
                errors.Add(new FieldError(SkipField(step), $"Say why \"{step.Label().ToLowerInvariant()}\" is skipped."));
            }
            else
            {
                skipped.Add((step, reason.Trim()));
            }
        }

        if (on < LatestStepDate)
        {
            errors.Add(new FieldError("On", $"The date cannot be before the previous step ({UkTime.FormatDate(LatestStepDate)})."));
        }

        errors.AddRange(stepErrors);
        if (errors.Count > 0)
        {
            return Common.Outcome.Invalid([.. errors]);
        }

        apply();

        foreach (var (step, reason) in skipped)
        {
            switch (step)
            {
                case IssueStep.Discussed: DiscussionSkippedReason = reason; break;
                case IssueStep.Consulted: ConsultationSkippedReason = reason; break;
                case IssueStep.BusinessCase: BusinessCaseSkippedReason = reason; break;
            }
        }

        Step = to;
        return Common.Outcome.Success;
    }

    /// <summary>
    /// Blanks the referrer's name and contact on a copy read for a page (never saved: the service reads it untracked), so
    /// nothing further along can show them by mistake; the LINk's people ask for them explicitly.
    /// </summary>
    internal void WithholdReferrer()
    {
        ReferrerName = "";
        ReferrerContact = null;
    }

    /// <summary>
    /// Blanks, on a copy read for someone outside the LINk (never saved), the notes of the two steps spent with the
    /// referrer: the discussion with them and how they were told the decision, which the forms ask for in words that name
    /// them ("Phoned Maya Patel on …"), and the reason the discussion was skipped ("Maya could not be reached"), left
    /// empty, so it still reads as skipped. The dates and who recorded them stay. The notices never quote these notes for
    /// the same reason (<see cref="WorkProgrammeNotices"/>).
    /// </summary>
    internal void WithholdReferrerNotes()
    {
        DiscussionNotes = null;
        FeedbackNotes = null;
        DiscussionSkippedReason = DiscussionSkippedReason is null ? null : "";
    }

    /// <summary>The form field that holds the reason for skipping <paramref name="step"/>.</summary>
    public static string SkipField(IssueStep step) => $"Skip{step}";

    private static string Required(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? throw new ArgumentException($"{field} is required.", field) : text.Trim();
}
