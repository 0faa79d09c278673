using System.Reflection;
using EngagementHub.Core.Common;
using EngagementHub.Core.Organisations;

namespace EngagementHub.Tests.Core.Common;

public sealed class InputValidationTests
{
    private static OrganisationInput ValidInput() => new()
    {
        Name = "Birmingham LINk",
        Kind = OrganisationKind.Link,
        Website = "https://link.example.org",
        Email = "info@link.example.org",
        Phone = "0121 000 0100",
    };

    [Fact]
    public void Validate_ValidOrganisation_ReturnsNoErrors() =>
        Assert.Empty(InputValidation.Validate(ValidInput()));

    [Fact]
    public void Validate_BadEmail_GivesEmailFieldError()
    {
        var input = ValidInput();
        input.Email = "not-an-address";

        var error = Assert.Single(InputValidation.Validate(input));

        Assert.Equal(new FieldError(nameof(OrganisationInput.Email), "Enter an e-mail address like name@example.org."), error);
    }

    [Theory]
    [InlineData("link.example.org")]
    [InlineData("not a url")]
    public void Validate_BadUrl_GivesWebsiteFieldError(string website)
    {
        var input = ValidInput();
        input.Website = website;

        var error = Assert.Single(InputValidation.Validate(input));

        Assert.Equal(new FieldError(nameof(OrganisationInput.Website), "Enter a full web address, starting with https://"), error);
    }

    [Fact]
    public void Validate_TooLongName_GivesNameFieldError()
    {
        var input = ValidInput();
        input.Name = new string('x', 201);

        var error = Assert.Single(InputValidation.Validate(input));

        Assert.Equal(new FieldError(nameof(OrganisationInput.Name), "The name can be at most 200 characters."), error);
    }

    [Fact]
    public void Validate_NameOfMaximumLength_IsAccepted()
    {
        var input = ValidInput();
        input.Name = new string('x', 200);

        Assert.Empty(InputValidation.Validate(input));
    }

    [Fact]
    public void Validate_MissingName_GivesRequiredMessage()
    {
        var input = ValidInput();
        input.Name = "";

        var error = Assert.Single(InputValidation.Validate(input));

        Assert.Equal(new FieldError(nameof(OrganisationInput.Name), "Enter the organisation's name."), error);
    }

    [Fact]
    public void Validate_SeveralBadFields_GivesOneErrorPerField()
    {
        var input = ValidInput();
        input.Email = "nope";
        input.Website = "nope";

        var fields = InputValidation.Validate(input).Select(e => e.Field).Order().ToArray();

        Assert.Equal([nameof(OrganisationInput.Email), nameof(OrganisationInput.Website)], fields);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("  text ", "text")]
    public void Clean_Text_TrimsAndBlankBecomesNull(string? text, string? expected) =>
        Assert.Equal(expected, InputValidation.Clean(text));

    [Theory]
    [InlineData("Birmingham\0LINk")]
    [InlineData("Birmingham\u0001LINk")]
    [InlineData("Birmingham\u001BLINk")]
    [InlineData("Birmingham\u0085LINk")]
    public void Validate_ControlCharacterInText_GivesThatFieldsError(string name)
    {
        var input = ValidInput();
        input.Name = name;

        var error = Assert.Single(InputValidation.Validate(input));

        Assert.Equal(new FieldError(nameof(OrganisationInput.Name), UntrustedText.ControlCharacterMessage), error);
    }

    [Fact]
    public void Validate_ControlCharacterInAListOfTexts_GivesTheListsError()
    {
        var input = new EngagementHub.Core.Deadlines.DeadlineInput
        {
            RuleId = 1, Subject = "Stroke data", ToOrganisationId = 2, Received = new DateOnly(2026, 3, 2),
            Recommendations = ["Publish the figures", "Meet\0quarterly"],
        };

        Assert.Contains(new FieldError(nameof(input.Recommendations), UntrustedText.ControlCharacterMessage), InputValidation.Validate(input));
    }

    [Fact]
    public void Validate_TabsAndLineBreaks_AreAllowed()
    {
        var input = ValidInput();
        input.Description = "First line\r\nSecond\tline\n";

        Assert.Empty(InputValidation.Validate(input));
    }

    [Fact]
    public void CheckText_OneDirtyText_GivesAnErrorForItAlone() =>
        Assert.Equal([new FieldError("Answer", UntrustedText.ControlCharacterMessage)],
            InputValidation.CheckText(("Answer", "Yes\0"), ("Reason", "Clean"), ("Note", null)));

    [Theory]
    [InlineData(4000, false)]
    [InlineData(4001, true)]
    public void TooLong_TextAroundTheLimit_RefusesOnlyWhatIsOver(int length, bool refused)
    {
        var error = InputValidation.TooLong("Answer", new string('a', length), 4000, "The answer");

        Assert.Equal(refused ? new FieldError("Answer", "The answer can be at most 4,000 characters.") : null, error);
    }

    [Fact]
    public void TooLong_SpacesAroundTheText_AreNotCounted()
    {
        Assert.Null(InputValidation.TooLong("Reason", "  " + new string('a', 2000) + "  ", 2000, "The reason"));
    }

    [Theory]
    [InlineData(33, "Referred on Monday: Fit the loop.")]
    [InlineData(32, "Fit the loop.")]
    [InlineData(13, "Fit the loop.")]
    [InlineData(12, "Fit the loo…")]
    public void Fit_ComposedText_LeavesTheAppsWordsOutBeforeCuttingThePersons(int max, string expected)
    {
        Assert.Equal(expected, InputValidation.Fit(max, "Referred on Monday: Fit the loop.", "Fit the loop."));
    }

    /// <summary>
    /// Every input model in Core with a choice (an enum property), each choice set to a value that is none of its members,
    /// as a crafted message to an interactive form can set it (Blazor parses any number into an enum).
    /// </summary>
    public static TheoryData<string, string> EveryChoiceOfEveryInput()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in typeof(InputValidation).Assembly.GetExportedTypes()
                     .Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Input", StringComparison.Ordinal) && t.GetConstructor(Type.EmptyTypes) is not null))
        {
            foreach (var property in type.GetProperties().Where(p => p.CanWrite && (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType).IsEnum))
            {
                data.Add(type.FullName!, property.Name);
            }
        }

        return data;
    }

    /// <summary>Every one-line text property of every input model in Core (each not marked [MultiLine]).</summary>
    public static TheoryData<string, string> EveryOneLineTextOfEveryInput()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in typeof(InputValidation).Assembly.GetExportedTypes()
                     .Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Input", StringComparison.Ordinal) && t.GetConstructor(Type.EmptyTypes) is not null))
        {
            foreach (var property in type.GetProperties().Where(p => p.CanWrite && p.PropertyType == typeof(string)
                         && p.GetCustomAttribute<MultiLineAttribute>() is null))
            {
                data.Add(type.FullName!, property.Name);
            }
        }

        return data;
    }

    // A one-line field in a browser cannot hold a line break; a crafted post can, and a title or subject that breaks a
    // line breaks every e-mail, feed and export line that quotes it.
    [Theory]
    [MemberData(nameof(EveryOneLineTextOfEveryInput))]
    public void Validate_ALineBreakInAOneLineText_RefusedOnThatField(string typeName, string propertyName)
    {
        var type = typeof(InputValidation).Assembly.GetType(typeName)!;
        var input = Activator.CreateInstance(type)!;
        type.GetProperty(propertyName)!.SetValue(input, "Waiting times\nOpen it: https://evil.example");

        Assert.Contains(new FieldError(propertyName, InputValidation.LineBreakMessage), InputValidation.Validate(input));
    }

    [Fact]
    public void Validate_LineBreaksInAMultiLineText_Accepted()
    {
        var input = new EngagementHub.Core.Exercises.ExerciseInput { Purpose = "Hear from carers.\r\n\r\nAnd from the people they care for." };

        Assert.DoesNotContain(InputValidation.Validate(input), e => e.Field == nameof(input.Purpose));
    }

    [Theory]
    [MemberData(nameof(EveryChoiceOfEveryInput))]
    public void Validate_AChoiceThatIsNoneOfItsOptions_RefusedOnThatField(string typeName, string propertyName)
    {
        var type = typeof(InputValidation).Assembly.GetType(typeName)!;
        var input = Activator.CreateInstance(type)!;
        var property = type.GetProperty(propertyName)!;
        var enumType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        property.SetValue(input, Enum.ToObject(enumType, 99));

        Assert.Contains(new FieldError(propertyName, InputValidation.UndefinedChoiceMessage), InputValidation.Validate(input));
    }

    [Fact]
    public void Validate_ChoicesThatAreOptionsOrNotMade_NoChoiceError()
    {
        var input = ValidInput();
        var issue = new EngagementHub.Core.WorkProgramme.RaisedIssueInput { Term = null };

        Assert.DoesNotContain(InputValidation.Validate(input), e => e.Message == InputValidation.UndefinedChoiceMessage);
        Assert.DoesNotContain(InputValidation.Validate(issue), e => e.Message == InputValidation.UndefinedChoiceMessage);
    }
}
