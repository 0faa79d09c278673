using EngagementHub.Core.Exercises;

namespace EngagementHub.Tests.Core.Exercises;

public sealed class ExerciseRulesTests
{
    private static ExerciseInput Valid() => new()
    {
        Title = "Maternity choices",
        Purpose = "Ask families.",
        LeadCommissionerId = 3,
        DecisionInformed = "Maternity strategy",
        StartDate = new DateOnly(2026, 9, 1),
        EndDate = new DateOnly(2026, 12, 18),
        DecisionDate = new DateOnly(2027, 2, 11),
    };

    [Fact]
    public void Errors_ValidDetails_None()
    {
        Assert.Empty(ExerciseRules.Errors(Valid()));
        Assert.Empty(ExerciseRules.Warnings(Valid()));
    }

    [Fact]
    public void Errors_EndBeforeStart_OnTheEndDate()
    {
        var details = Valid();
        details.EndDate = new DateOnly(2026, 8, 31);

        var error = Assert.Single(ExerciseRules.Errors(details));

        Assert.Equal((nameof(ExerciseInput.EndDate), "The end date is before the start date."), (error.Field, error.Message));
    }

    [Fact]
    public void Errors_MissingLeadTitleAndDates_EachOnItsField()
    {
        var details = Valid();
        details.LeadCommissionerId = null;
        details.Title = "";
        details.StartDate = null;

        var fields = ExerciseRules.Errors(details).Select(e => e.Field).ToList();

        Assert.Contains(nameof(ExerciseInput.LeadCommissionerId), fields);
        Assert.Contains(nameof(ExerciseInput.Title), fields);
        Assert.Contains(nameof(ExerciseInput.StartDate), fields);
    }

    [Fact]
    public void Errors_LocalitiesScopeWithoutLocalities_AsksForOne()
    {
        var details = Valid();
        details.Scope = ExerciseScope.Localities;

        Assert.Contains(ExerciseRules.Errors(details), e => e.Field == nameof(ExerciseInput.LocalityIds));
    }

    [Theory]
    [InlineData("2026-12-17", "1 day before")]
    [InlineData("2026-12-01", "17 days before")]
    public void Warnings_DecisionBeforeTheExerciseEnds_SaysInputLandsTooLate(string decision, string expected)
    {
        var details = Valid();
        details.DecisionDate = DateOnly.Parse(decision, System.Globalization.CultureInfo.InvariantCulture);

        var warning = Assert.Single(ExerciseRules.Warnings(details));

        Assert.Equal(nameof(ExerciseInput.DecisionDate), warning.Field);
        Assert.Contains(expected, warning.Message);
        Assert.EndsWith("its input would land too late.", warning.Message);
    }

    [Fact]
    public void Warnings_DecisionOnTheLastDay_None()
    {
        var details = Valid();
        details.DecisionDate = details.EndDate;

        Assert.Empty(ExerciseRules.Warnings(details));
    }
}
