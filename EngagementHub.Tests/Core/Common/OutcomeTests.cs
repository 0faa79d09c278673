using EngagementHub.Core.Common;

namespace EngagementHub.Tests.Core.Common;

public sealed class OutcomeTests
{
    [Fact]
    public void Success_Always_SucceededWithoutErrorsOrProblem()
    {
        var outcome = Outcome.Success;

        Assert.True(outcome.Succeeded);
        Assert.Empty(outcome.Errors);
        Assert.Null(outcome.Problem);
    }

    [Fact]
    public void Invalid_FieldErrors_DoesNotSucceedAndKeepsErrors()
    {
        var outcome = Outcome.Invalid(new FieldError("Name", "Enter a name."));

        Assert.False(outcome.Succeeded);
        Assert.Equal([new FieldError("Name", "Enter a name.")], outcome.Errors);
        Assert.Null(outcome.Problem);
    }

    [Fact]
    public void Failed_Problem_DoesNotSucceedAndKeepsProblem()
    {
        var outcome = Outcome.Failed("Someone saved first.");

        Assert.False(outcome.Succeeded);
        Assert.Empty(outcome.Errors);
        Assert.Equal("Someone saved first.", outcome.Problem);
    }

    [Fact]
    public void ErrorsFor_Field_ReturnsOnlyThatFieldsMessagesInOrder()
    {
        var outcome = Outcome.Invalid(
            new FieldError("Password", "Too short."),
            new FieldError("Email", "Taken."),
            new FieldError("Password", "Needs a digit."));

        Assert.Equal(["Too short.", "Needs a digit."], outcome.ErrorsFor("Password"));
        Assert.Equal(["Taken."], outcome.ErrorsFor("Email"));
        Assert.Empty(outcome.ErrorsFor("Name"));
    }

    [Fact]
    public void OkOfT_Value_SucceedsWithValue()
    {
        var outcome = Outcome<int>.Ok(42);

        Assert.True(outcome.Succeeded);
        Assert.Equal(42, outcome.Value);
    }

    [Fact]
    public void FromOfT_Failure_CarriesErrorsAndProblemWithoutValue()
    {
        var failed = Outcome<string>.From(Outcome.Failed("Gone."));
        var invalid = Outcome<string>.From(Outcome.Invalid(new FieldError("Email", "Taken.")));

        Assert.False(failed.Succeeded);
        Assert.Equal("Gone.", failed.Problem);
        Assert.Null(failed.Value);
        Assert.False(invalid.Succeeded);
        Assert.Equal(["Taken."], invalid.ErrorsFor("Email"));
    }
}
