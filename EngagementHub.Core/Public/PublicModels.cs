using EngagementHub.Core.Common;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Timetables;

namespace EngagementHub.Core.Public;

/// <summary>An organisation as the public pages name it (no contact details).</summary>
public sealed record PublicOrganisation(int Id, string Name);

/// <summary>A public exercise an event links to.</summary>
public sealed record PublicExerciseLink(int Id, string Title);

/// <summary>One public event of a published year, with only what may be public (<see cref="PublicVisibility"/>).</summary>
public sealed record PublicEvent(
    int Id,
    int OrganisationId,
    string Organisation,
    TimetableEventKind Kind,
    string Title,
    DateOnly StartDate,
    DateOnly EndDate,
    TimeOnly? StartTime,
    TimeOnly? EndTime,
    bool IsFormal,
    bool IsMovable,
    string? Location,
    string? Description,
    IReadOnlyList<PublicExerciseLink> Exercises,
    SinceAgreement SinceAgreement = SinceAgreement.AsAgreed)
{
    /// <summary>"Tue 12 Jan 2027", "1 Apr – 30 Jun 2026" or "Tue 12 Jan 2027, 14:00–16:00".</summary>
    public string When => TimetableRules.DescribeWhen(StartDate, EndDate, StartTime, EndTime);

    public string KindLabel => Kind.Label();
}

/// <summary>
/// One published year of the timetable as the public page shows it: the published years to choose from, the year shown
/// (null when none is published, or the one asked for is not), the organisations and kinds that year has public events
/// of (for the filters), and the events the filter selects, in date order.
/// </summary>
public sealed record PublicTimetable(
    IReadOnlyList<FinancialYear> PublishedYears,
    FinancialYear? Year,
    FinancialYear? RequestedUnpublished,
    IReadOnlyList<PublicOrganisation> Organisations,
    IReadOnlyList<TimetableEventKind> Kinds,
    IReadOnlyList<PublicEvent> Events,
    PublicYearAgreement? Agreement = null);

/// <summary>
/// When the partners last agreed the year shown, and whether it has changed since: a year agreed once stays published
/// while its changes are agreed again (ADR 7), and its dates are shown as they now stand, each change marked.
/// </summary>
/// <param name="AgreedOn">The UK date of the year's last agreement.</param>
/// <param name="ChangedSince">True when a date was added, changed or removed since, and the change is not yet agreed.</param>
public sealed record PublicYearAgreement(DateOnly AgreedOn, bool ChangedSince);

/// <summary>A further option agreed for a named part of an exercise.</summary>
public sealed record PublicOptionPart(string Part, int Option, string OptionName, string? Reasons);

/// <summary>The joint-working option both sides agreed, its reasons, and when and by which organisations.</summary>
public sealed record PublicOption(
    int Number,
    string Name,
    string WhatTheLinkDoes,
    string Reasons,
    IReadOnlyList<PublicOptionPart> Parts,
    string Commissioner,
    string Link,
    DateOnly AgreedOn);

/// <summary>An engagement exercise as the public sees it (<see cref="PublicVisibility"/>): no people, only organisations.</summary>
public sealed record PublicExercise(
    int Id,
    string Title,
    string Purpose,
    PublicPhase Phase,
    ExerciseState State,
    string LeadCommissioner,
    string Link,
    IReadOnlyList<string> Partners,
    IReadOnlyList<string> Communities,
    ExerciseScope Scope,
    IReadOnlyList<string> Localities,
    CareSector Sector,
    InvolvementLevel Level,
    DateOnly StartDate,
    DateOnly EndDate,
    string DecisionInformed,
    DateOnly? DecisionDate,
    PublicOption? Option)
{
    public string PhaseLabel => Phase switch
    {
        PublicPhase.Current => State == ExerciseState.Reporting ? "Current (reporting)" : "Current",
        PublicPhase.Planned => "Planned",
        _ => "Closed",
    };
}

/// <summary>
/// The public "you said, we did" register: the choices for its filters (commissioners, years and public exercises that
/// have listed recommendations) and the entries the filter selects (<see cref="PublicVisibility"/>: no withdrawn
/// report, an exercise named only when public, no people).
/// </summary>
public sealed record PublicRegister(
    IReadOnlyList<PublicOrganisation> Commissioners,
    IReadOnlyList<FinancialYear> Years,
    IReadOnlyList<PublicExerciseLink> Exercises,
    IReadOnlyList<Deadlines.RegisterEntry> Entries);

/// <summary>
/// Each responding organisation's responsiveness in one financial year, as <see cref="Deadlines.ResponsivenessRules"/>
/// computes it: the years to choose from (those anything was received in, and the current one), the year shown and its
/// figures, ordered by organisation.
/// </summary>
public sealed record PublicResponsiveness(
    IReadOnlyList<FinancialYear> Years,
    FinancialYear Year,
    IReadOnlyList<Deadlines.ResponsivenessFigures> Figures);
