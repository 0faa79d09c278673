using EngagementHub.Core.Common;
using EngagementHub.Core.Communities;
using EngagementHub.Core.Organisations;

namespace EngagementHub.Core.Exercises;

/// <summary>What the exercise list is filtered by; every criterion is applied in the database.</summary>
public sealed record ExerciseFilter
{
    public int? CommissionerId { get; init; }

    /// <summary>
    /// Only exercises this organisation takes part in (leads, works on as the LINk, proposed, or is a partner of): what
    /// concerns it.
    /// </summary>
    public int? InvolvingOrganisationId { get; init; }

    public int? Option { get; init; }
    public ExerciseState? State { get; init; }
    public AgreementStatus? Agreement { get; init; }
    public FinancialYear? Year { get; init; }
    public ExerciseScope? Scope { get; init; }
    public CareSector? Sector { get; init; }
    public int? CommunityId { get; init; }
    public string? Search { get; init; }
}

/// <summary>
/// An exercise for its page: the exercise as loaded (untracked) and the names of what it refers to. A deactivated
/// organisation is named as it was; one that cannot be found is <see cref="Organisation.UnknownName"/>, a community
/// <see cref="Community.UnknownName"/>.
/// </summary>
/// <param name="Exercise">The exercise with its joint-working proposals.</param>
/// <param name="LeadCommissionerName">The name of the commissioner that leads it.</param>
/// <param name="LinkName">The name of the LINk it is planned with.</param>
/// <param name="ProposedByName">The name of the organisation that proposed it.</param>
/// <param name="PartnerNames">The names of the other organisations taking part, in the order of their ids.</param>
/// <param name="LocalityNames">The names of the localities it covers (none when it is city-wide).</param>
/// <param name="CommunityNames">The communities it sets out to reach, each as <see cref="Community.Label"/> names it.</param>
public sealed record ExerciseDetails(
    EngagementExercise Exercise, string LeadCommissionerName, string LinkName, string ProposedByName,
    IReadOnlyList<string> PartnerNames, IReadOnlyList<string> LocalityNames, IReadOnlyList<string> CommunityNames);

/// <summary>
/// The steps a person may take now on one exercise (<see cref="ExerciseService.StepsOpenTo"/>), as its pages offer them;
/// the service's methods check the same rules and refuse the others.
/// </summary>
/// <param name="Edit">Change its details (the edit page).</param>
/// <param name="Moves">The states it may be moved to now (running, reporting, closed, cancelled); empty when none.</param>
/// <param name="ChangeLead">Move it to another lead commissioner: only the LINk, on the exercises it proposed, while
/// neither closed nor cancelled; a commissioner leads the exercises it created.</param>
/// <param name="ProposeOption">Propose a joint-working option (or a different one).</param>
/// <param name="Answer">The proposal they may agree or ask a change on: the open one the other side proposed; null
/// when there is none.</param>
public sealed record ExerciseSteps(bool Edit, IReadOnlyList<ExerciseState> Moves, bool ChangeLead, bool ProposeOption, JointWorkingProposal? Answer)
{
    /// <summary>No step at all: for someone on neither side, or nobody signed in.</summary>
    public static readonly ExerciseSteps None = new(false, [], false, false, null);
}

/// <summary>The organisations the exercise form offers (<see cref="ExerciseService.ChoicesAsync"/>), each list as <see cref="OrganisationChoice.OptionsAsync"/> orders it.</summary>
/// <param name="LeadCommissioners">Commissioners that may lead it.</param>
/// <param name="Partners">Organisations that may take part (the form leaves out the lead chosen).</param>
/// <param name="Localities">Localities it may cover.</param>
public sealed record ExerciseChoices(
    IReadOnlyList<OrganisationOption> LeadCommissioners, IReadOnlyList<OrganisationOption> Partners, IReadOnlyList<OrganisationOption> Localities);

public sealed record ExerciseRow(
    int Id,
    string Title,
    int LeadCommissionerId,
    string LeadCommissioner,
    ExerciseState State,
    int? Option,
    AgreementStatus Agreement,
    DateOnly StartDate,
    DateOnly EndDate,
    DateOnly? DecisionDate,
    ExerciseScope Scope,
    CareSector Sector,
    InvolvementLevel Level)
{
    public string OptionLabel => Option is { } n ? $"Option {n}" : "Not chosen";

    /// <summary>Input lands after the decision it informs.</summary>
    public bool LandsTooLate => DecisionDate is { } decision && decision < EndDate;
}

public sealed record ExercisePage(IReadOnlyList<ExerciseRow> Rows, int TotalCount);

/// <summary>How many exercises each commissioner runs under each option.</summary>
public sealed record SpectrumCount(int CommissionerId, string Commissioner, int Option, int Count);
