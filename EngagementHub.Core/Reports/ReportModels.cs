using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;

namespace EngagementHub.Core.Reports;

/// <summary>One deadline as a report lists it: what it was, when it was received and due, and how it was answered.</summary>
/// <param name="Id">The deadline.</param>
/// <param name="KindName">The kind's name as logged.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Subject">What was sent.</param>
/// <param name="To">The organisation that must answer.</param>
/// <param name="Received">The UK date of receipt, day 1 of the count when a working day.</param>
/// <param name="DueDate">The due date (UK date), an agreed extension's when there is one.</param>
/// <param name="LapsedDueDate">The due date that had passed when a late extension was agreed; lateness counts from it.</param>
/// <param name="Outcome">How it stands, e.g. "Answered Tue 3 Nov 2026, 4 working days late" (<see cref="ResponsivenessRules.Describe"/>).</param>
/// <param name="IsOverdue">Open with its due date passed (UK today).</param>
/// <param name="Answer">The answer as recorded, or null.</param>
/// <param name="ExerciseId">The engagement exercise it belongs to, if any.</param>
public sealed record ReportDeadline(
    int Id, string KindName, DeadlineKind Kind, string Subject, string To, DateOnly Received, DateOnly DueDate, DateOnly? LapsedDueDate,
    string Outcome, bool IsOverdue, string? Answer, int? ExerciseId);

/// <summary>A commissioner's (or other responding organisation's) responsiveness in one financial year, with its requests.</summary>
/// <param name="OrganisationId">The responding organisation.</param>
/// <param name="Organisation">Its name.</param>
/// <param name="Year">The financial year (1 April to 31 March), by date of receipt.</param>
/// <param name="Figures">The figures; null when nothing was received that year.</param>
/// <param name="Requests">Each request it received in the year, with how it was answered.</param>
public sealed record ResponsivenessReport(
    int OrganisationId, string Organisation, FinancialYear Year, ResponsivenessFigures? Figures, IReadOnlyList<ReportDeadline> Requests);

/// <summary>
/// A recommendation of a LINk report, the response to it and what became of it (ADR 0016): the implementation status,
/// planned date, the change it led to or why it was dropped, the latest milestone and the LINk's view. No people.
/// <see cref="EarlierResponse"/> and <see cref="EarlierRespondedAt"/> (UTC) are the response the current one replaced,
/// if the organisation changed its mind (<see cref="Deadlines.Recommendation.EarlierResponse"/>).
/// </summary>
public sealed record ReportRecommendation(
    int Number, string Text, RecommendationResponse Response, string? ResponseText, DateTimeOffset? RespondedAt,
    ImplementationStatus? Implementation = null, DateOnly? PlannedDate = null, string? ChangeMade = null, string? DroppedReason = null,
    RegisterMilestone? LatestMilestone = null, LinkVerdict? LinkVerdict = null, string? LinkComment = null,
    RecommendationResponse? EarlierResponse = null, DateTimeOffset? EarlierRespondedAt = null)
{
    /// <summary>Accepted in whole or in part: the recommendations whose implementation the annual report follows.</summary>
    public bool IsAccepted => Response is RecommendationResponse.Accepted or RecommendationResponse.PartlyAccepted;
}

/// <summary>A LINk report with its recommendations.</summary>
public sealed record ReportOfTheLink(ReportDeadline Deadline, IReadOnlyList<ReportRecommendation> Recommendations);

/// <summary>An exercise on one page: what it is for, how the two sides work on it, when things happen, what came of it.</summary>
/// <param name="Exercise">The exercise as stored.</param>
/// <param name="LeadCommissioner">The lead commissioner's name.</param>
/// <param name="Link">The LINk's name.</param>
/// <param name="Partners">The partner organisations' names.</param>
/// <param name="Communities">The communities it must reach, by name.</param>
/// <param name="Localities">The localities it covers, by name; empty for city-wide.</param>
/// <param name="Proposal">The current joint-working proposal, or null when none has been made.</param>
/// <param name="AgreedOption">The option of the current proposal, or null when none has been proposed.</param>
/// <param name="Events">The timetable events linked to it, in date order.</param>
/// <param name="Reports">The LINk's reports on it, with their recommendations.</param>
/// <param name="OtherDeadlines">Requests and referrals about the exercise other than reports.</param>
public sealed record ExerciseSummary(
    EngagementExercise Exercise, string LeadCommissioner, string Link, IReadOnlyList<string> Partners, IReadOnlyList<string> Communities,
    IReadOnlyList<string> Localities, JointWorkingProposal? Proposal, JointWorkingOption? AgreedOption, IReadOnlyList<TimetableEvent> Events,
    IReadOnlyList<ReportOfTheLink> Reports, IReadOnlyList<ReportDeadline> OtherDeadlines);

/// <summary>What a liaison meeting between the LINk and one commissioner goes through: overdue, then due in the range.</summary>
public sealed record LiaisonReport(
    int OrganisationId, string Organisation, DateOnly From, DateOnly To, DateOnly Today, IReadOnlyList<ReportDeadline> Overdue, IReadOnlyList<ReportDeadline> Due);

/// <summary>An exercise the LINk took part in during the year, and what changed as a result.</summary>
/// <param name="Id">The exercise.</param>
/// <param name="Title">Its title.</param>
/// <param name="LeadCommissioner">The lead commissioner's name.</param>
/// <param name="State">Where it is in its life.</param>
/// <param name="Option">The joint-working option (1 to 6, Table 2 of the study) of its current proposal; null when none.</param>
/// <param name="Agreement">Whether both sides agreed that option.</param>
/// <param name="StartDate">Its first day (UK date).</param>
/// <param name="EndDate">Its last day (UK date).</param>
/// <param name="DecisionInformed">The commissioning decision it informs.</param>
/// <param name="Changes">The accepted (or partly accepted) recommendations of the LINk's reports on it, with the response.</param>
public sealed record AnnualExercise(
    int Id, string Title, string LeadCommissioner, ExerciseState State, int? Option, AgreementStatus Agreement, DateOnly StartDate, DateOnly EndDate,
    string DecisionInformed, IReadOnlyList<ReportRecommendation> Changes);

/// <summary>The LINk's statutory activity in a financial year (by date of receipt), ready to copy into its annual report.</summary>
public sealed record AnnualReport(
    int LinkId, string Link, FinancialYear Year, IReadOnlyList<ReportDeadline> Requests, IReadOnlyList<ReportOfTheLink> Reports,
    IReadOnlyList<ReportDeadline> Referrals, IReadOnlyList<ReportDeadline> Other, IReadOnlyList<AnnualExercise> Exercises,
    IReadOnlyList<ResponsivenessFigures> Responsiveness);

/// <summary>An organisation a report can be asked for.</summary>
public sealed record ReportOrganisation(int Id, string Name, OrganisationKind Kind);
