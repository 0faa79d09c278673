using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Organisations;

namespace EngagementHub.Core.WorkProgramme;

/// <summary>A row of the list: never the referrer's details, so it is the same for everyone.</summary>
public sealed record IssueRow(
    int Id, string Title, DateOnly RaisedOn, CareSector Sector, string? Locality, IssueStep Step, PanelOutcome? Outcome, DateOnly? FeedbackDue);

/// <summary>
/// An issue for its page, its referrer's name and contact withheld; <see cref="ReferrerVisible"/> says whether the actor
/// may read them (<see cref="WorkProgrammeService.ReferrerAsync"/>). For anyone outside the LINk it is false: an ordinary
/// view, not a refusal.
/// </summary>
public sealed record IssueDetails(
    RaisedIssue Issue, bool ReferrerVisible, bool CanAct, string LinkName, string? PartnerName, string? DeadlineSubject, string? ExerciseTitle);

/// <summary>An entry of the decisions log as anyone may read it: no referrer, no person, no link to the issue.</summary>
public sealed record DecisionLogEntry(int Id, DateOnly DecidedOn, RelevantDecisionKind Kind, string Subject, string DecidedBy, string Reasons);

/// <summary>Who raised an issue and how to reach them: personal details, for the LINk's own people only.</summary>
public sealed record ReferrerDetails(string Name, bool IsGroup, string? Contact, bool ConsentToContact);

/// <summary>What the panel's decision form offers (<see cref="WorkProgrammeService.PanelChoicesAsync"/>).</summary>
/// <param name="ReferOrHandTo">Those an issue may be referred or handed to: every active organisation but the LINk.</param>
/// <param name="LeadCommissioners">The commissioners that may lead a further consultation.</param>
/// <param name="ReferralKinds">The kinds of deadline a referral can be, in use: a request for information, a report.</param>
public sealed record PanelChoices(
    IReadOnlyList<OrganisationOption> ReferOrHandTo, IReadOnlyList<OrganisationOption> LeadCommissioners, IReadOnlyList<DeadlineRule> ReferralKinds);
