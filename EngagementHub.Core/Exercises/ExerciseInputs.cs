using EngagementHub.Core.Common;
using System.ComponentModel.DataAnnotations;

namespace EngagementHub.Core.Exercises;

/// <summary>The exercise form: everything that describes an exercise, as entered by a person.</summary>
public sealed class ExerciseInput
{
    /// <summary>The longest title, in characters (the column's length).</summary>
    public const int MaxTitleLength = 200;

    /// <summary>The longest purpose, in characters (the column's length).</summary>
    public const int MaxPurposeLength = 4000;

    [Required(ErrorMessage = "Give the exercise a title.")]
    [MaxLength(MaxTitleLength, ErrorMessage = "The title can be at most 200 characters.")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Say what the exercise is for.")]
    [MaxLength(MaxPurposeLength, ErrorMessage = "The purpose can be at most 4,000 characters.")]
    [MultiLine]
    public string Purpose { get; set; } = "";

    /// <summary>The commissioner that leads the exercise.</summary>
    public int? LeadCommissionerId { get; set; }

    public List<int> PartnerIds { get; set; } = [];

    [Required(ErrorMessage = "Name the decision this exercise informs.")]
    [MaxLength(500, ErrorMessage = "The decision can be at most 500 characters.")]
    public string DecisionInformed { get; set; } = "";

    /// <summary>When the decision is taken (the meeting or sign-off), if known.</summary>
    public DateOnly? DecisionDate { get; set; }

    [Required(ErrorMessage = "Enter the start date.")]
    public DateOnly? StartDate { get; set; }

    [Required(ErrorMessage = "Enter the end date.")]
    public DateOnly? EndDate { get; set; }

    public List<int> CommunityIds { get; set; } = [];

    public ExerciseScope Scope { get; set; } = ExerciseScope.CityWide;

    public List<int> LocalityIds { get; set; } = [];

    public CareSector Sector { get; set; } = CareSector.Health;

    public ServiceSetting Setting { get; set; } = ServiceSetting.Community;

    public InvolvementLevel Level { get; set; } = InvolvementLevel.Consult;

    public EngagementCycleStage Stage { get; set; } = EngagementCycleStage.ServiceDesign;

    /// <summary>The version the form was based on (ignored when creating).</summary>
    public Guid Version { get; set; }
}
