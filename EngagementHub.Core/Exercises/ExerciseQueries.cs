using EngagementHub.Core.Common;

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
