using System.ComponentModel.DataAnnotations;
using EngagementHub.Core.Common;
using EngagementHub.Core.Exercises;

namespace EngagementHub.Core.WorkProgramme;

/// <summary>The work programme's settings (configuration section "EngagementHub:WorkProgramme").</summary>
public sealed class WorkProgrammeOptions
{
    /// <summary>
    /// How many working days after the panel's decision the referrer must be told it (England and Wales working days,
    /// not counting the day of the decision). Kent LINk's process names feedback; 20 matches the statutory deadlines.
    /// </summary>
    [Range(1, 1000)]
    public int FeedbackWorkingDays { get; set; } = 20;
}

/// <summary>The "record an issue raised" form.</summary>
public sealed class RaisedIssueInput : IBalanceForm
{
    [Required(ErrorMessage = "Say what the issue is in a few words, e.g. \"No hearing loop at the eye clinic\".")]
    [MaxLength(300, ErrorMessage = "The title can be at most 300 characters.")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Say what the issue is about.")]
    [MaxLength(4000, ErrorMessage = "The description can be at most 4,000 characters.")]
    [MultiLine]
    public string Description { get; set; } = "";

    [Required(ErrorMessage = "Enter the name of the person or group who raised it.")]
    [MaxLength(200, ErrorMessage = "The name can be at most 200 characters.")]
    public string ReferrerName { get; set; } = "";

    public bool ReferrerIsGroup { get; set; }

    [MaxLength(300, ErrorMessage = "How to reach them can be at most 300 characters.")]
    public string? ReferrerContact { get; set; }

    public bool ConsentToContact { get; set; }

    [MaxLength(300, ErrorMessage = "The services can be at most 300 characters.")]
    public string? Services { get; set; }

    [MaxLength(300, ErrorMessage = "The communities can be at most 300 characters.")]
    public string? Communities { get; set; }

    [MaxLength(200, ErrorMessage = "The locality can be at most 200 characters.")]
    public string? Locality { get; set; }

    public CareSector Sector { get; set; } = CareSector.Health;

    [Required(ErrorMessage = "Enter the date it was raised.")]
    public DateOnly? RaisedOn { get; set; }

    public IssueTerm? Term { get; set; }
    public PartnerSector? PartnerSector { get; set; }
    public ServiceSetting? Setting { get; set; }
    public IssueOrigin? Origin { get; set; }
    public IssueReach? Reach { get; set; }
}

/// <summary>
/// The issue page's "place on the balance" form: the five balances the issue records, and the version the page showed,
/// so a second officer's change is described rather than overwritten.
/// </summary>
public sealed class BalanceInput : IBalanceForm
{
    public IssueTerm? Term { get; set; }
    public PartnerSector? PartnerSector { get; set; }
    public ServiceSetting? Setting { get; set; }
    public IssueOrigin? Origin { get; set; }
    public IssueReach? Reach { get; set; }
    public Guid Version { get; set; }

    /// <returns>A form filled with what <paramref name="issue"/> records.</returns>
    public static BalanceInput From(RaisedIssue issue) => new()
    {
        Term = issue.Term, PartnerSector = issue.PartnerSector, Setting = issue.Setting, Origin = issue.Origin, Reach = issue.Reach, Version = issue.Version,
    };

    /// <returns>True when <paramref name="other"/> places the issue the same way on every dimension (versions aside).</returns>
    public bool SamePlacementAs(BalanceInput other) =>
        (Term, PartnerSector, Setting, Origin, Reach) == (other.Term, other.PartnerSector, other.Setting, other.Origin, other.Reach);
}

/// <summary>The balance view's filters: the financial year an issue was raised in, and optionally its step and outcome.</summary>
public sealed record BalanceFilter(FinancialYear Year, IssueStep? Step = null, PanelOutcome? Outcome = null);

/// <summary>One step of the Kent process: its date, notes, and the reasons for any steps skipped to reach it.</summary>
public class StepInput
{
    [Required(ErrorMessage = "Enter the date of this step.")]
    public DateOnly? On { get; set; }

    [MaxLength(4000, ErrorMessage = "The notes can be at most 4,000 characters.")]
    [MultiLine]
    public string? Notes { get; set; }

    /// <summary>Why each skipped step was skipped, by step.</summary>
    public Dictionary<IssueStep, string?> SkipReasons { get; set; } = [];

    /// <summary>
    /// The step the issue was at when the person's page read it: the steps they saw taken, on which they decided this one.
    /// A step someone else recorded since is content they never saw, so this one is refused, naming who recorded what
    /// (<see cref="RaisedIssue.StepsTakenSince"/>; ADR 3). Not the issue's version: a placement on the programme's balance
    /// or a feedback date counted again meanwhile changes nothing a step is decided on. Null only where no screen is
    /// involved (demo data, imports), as with <see cref="SubmissionKey.None"/>.
    /// </summary>
    public IssueStep? SeenStep { get; set; }
}

/// <summary>The business case: the study's six "big issue" questions, the expected effort and what success looks like.</summary>
public sealed class BusinessCaseInput : StepInput
{
    public bool AffectsManyPeople { get; set; }
    public bool LongLasting { get; set; }
    public bool SignificantResources { get; set; }
    public bool MajorQualityImplications { get; set; }
    public bool AffectsInequalities { get; set; }
    public bool NationalOrLocalPriority { get; set; }

    [MaxLength(1000, ErrorMessage = "The expected effort can be at most 1,000 characters.")]
    public string? ExpectedEffort { get; set; }

    [MaxLength(2000, ErrorMessage = "What success looks like can be at most 2,000 characters.")]
    [MultiLine]
    public string? SuccessLooksLike { get; set; }
}

/// <summary>
/// The panel's decision, and what its outcome needs to create the next record: for a referral, the kind and the
/// organisation; for a hand-off, the organisation and contact; for a project, owner, milestones and end date.
/// </summary>
public sealed class PanelDecisionInput : StepInput
{
    public PanelOutcome? Outcome { get; set; }

    [MaxLength(1000, ErrorMessage = "The panel's members can be at most 1,000 characters.")]
    public string? PanelMembers { get; set; }

    [MaxLength(4000, ErrorMessage = "The reasons can be at most 4,000 characters.")]
    [MultiLine]
    public string? Reasons { get; set; }

    /// <summary>Refer: the deadline kind (request for information or report).</summary>
    public int? RuleId { get; set; }

    /// <summary>Refer or work with another organisation: the organisation.</summary>
    public int? ToOrganisationId { get; set; }

    /// <summary>Further consultation: the commissioner who would lead the proposed exercise.</summary>
    public int? LeadCommissionerId { get; set; }

    /// <summary>Further consultation: when the proposed exercise would start and end.</summary>
    public DateOnly? ExerciseStart { get; set; }

    public DateOnly? ExerciseEnd { get; set; }

    [MaxLength(300, ErrorMessage = "The contact can be at most 300 characters.")]
    public string? HandOffContact { get; set; }

    [MaxLength(200, ErrorMessage = "The owner can be at most 200 characters.")]
    public string? ProjectOwner { get; set; }

    [MaxLength(2000, ErrorMessage = "The milestones can be at most 2,000 characters.")]
    [MultiLine]
    public string? ProjectMilestones { get; set; }

    public DateOnly? ProjectEndDate { get; set; }
}

/// <summary>The list's filters; null means any.</summary>
public sealed record IssueFilter(IssueStep? Step = null, PanelOutcome? Outcome = null, CareSector? Sector = null, bool FeedbackOwedOnly = false);

/// <summary>The "record a relevant decision" form, for decisions not taken on an issue (e.g. to enter and view).</summary>
public sealed class RelevantDecisionInput
{
    /// <summary>None until chosen: a kind chosen for the editor would be published as theirs (the log is public as recorded).</summary>
    [Required(ErrorMessage = "Choose the kind of decision.")]
    public RelevantDecisionKind? Kind { get; set; }

    [Required(ErrorMessage = "Enter the date of the decision.")]
    public DateOnly? DecidedOn { get; set; }

    [Required(ErrorMessage = "Say what was decided, e.g. \"Enter and view at Oak House care home\".")]
    [MaxLength(300, ErrorMessage = "The subject can be at most 300 characters.")]
    public string Subject { get; set; } = "";

    [Required(ErrorMessage = "Name the body that decided, e.g. \"The LINk's board\" (not a person).")]
    [MaxLength(200, ErrorMessage = "The body can be at most 200 characters.")]
    public string DecidedBy { get; set; } = "";

    [Required(ErrorMessage = "Give the reasons for the decision.")]
    [MaxLength(4000, ErrorMessage = "The reasons can be at most 4,000 characters.")]
    [MultiLine]
    public string Reasons { get; set; } = "";
}
