using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Exercises;
using EngagementHub.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EngagementHub.Tests.Components.Exercises;

public sealed class ProposeOptionDialogTests : BunitTestContextBase
{
    [Fact]
    public async Task UseOption_ReasonsEmpty_ChoosesTheOptionAndOffersTheAidsReasonsAsADraft()
    {
        var database = await CreateDatabaseAsync();
        var dialogs = await OpenAsync(database);
        var focusedBefore = Focused();

        await UseOptionTwoAsync(dialogs);

        dialogs.WaitForAssertion(() =>
        {
            Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)Radio(dialogs, "Option 2")).IsChecked);
            Assert.Contains("Option 2 chosen from the decision aid.", dialogs.Find("[data-testid=aid-choice]").TextContent);
            Assert.StartsWith("Why option 2 fits: ", Reasons(dialogs).GetAttribute("value") ?? Reasons(dialogs).TextContent);
        });
        // The person is taken to the picker, which is scrolled into view as it takes focus.
        Assert.Equal(focusedBefore + 1, Focused());
        Assert.Empty(dialogs.FindAll("[data-testid=draft-offer]"));
    }

    [Fact]
    public async Task UseOption_ReasonsAlreadyTyped_AsksBeforeTouchingThemAndKeepsThemIfTold()
    {
        var database = await CreateDatabaseAsync();
        var dialogs = await OpenAsync(database);
        await Reasons(dialogs).ChangeAsync(new() { Value = "Our members know the Somali community well." });

        await UseOptionTwoAsync(dialogs);

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=draft-offer]")));
        Assert.Equal("Our members know the Somali community well.", ReasonsText(dialogs));
        await Button(dialogs, "Keep mine").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=draft-offer]")));
        Assert.Equal("Our members know the Somali community well.", ReasonsText(dialogs));
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)Radio(dialogs, "Option 2")).IsChecked);
    }

    [Fact]
    public async Task UseOption_ReasonsAlreadyTypedAndAddChosen_KeepsThemAndAddsTheAidsAfter()
    {
        var database = await CreateDatabaseAsync();
        var dialogs = await OpenAsync(database);
        await Reasons(dialogs).ChangeAsync(new() { Value = "Our members know the Somali community well." });
        await UseOptionTwoAsync(dialogs);

        await dialogs.WaitForElement("[data-testid=draft-offer]").QuerySelectorAll("button")
            .Single(b => b.TextContent.Trim() == "Add the aid's reasons to mine").ClickAsync(new());

        dialogs.WaitForAssertion(() =>
        {
            var text = ReasonsText(dialogs);
            Assert.StartsWith("Our members know the Somali community well.", text);
            Assert.Contains("Why option 2 fits: ", text);
        });
    }

    [Fact]
    public async Task AddAPart_PartAndItsReasons_ShowTheirLimitsWithACounter()
    {
        var database = await CreateDatabaseAsync();
        var dialogs = await OpenAsync(database);

        await Button(dialogs, "Add a part").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Contains($"0 / {EngagementExercise.PartLimit}", Field(dialogs, "Part 1").TextContent));
        Assert.Contains($"0 / {EngagementExercise.PartReasonsLimit}", Field(dialogs, "Why, for part 1 (optional)").TextContent);
        // The limit in words is the hint the field is described by, so a screen reader hears it too (the counter is not).
        var hint = dialogs.Find($"#{Input(dialogs, "Part 1").GetAttribute("aria-describedby")}");
        Assert.EndsWith($". Up to {EngagementExercise.PartLimit:N0} characters.", hint.TextContent.Trim());
        // A longer paste is kept in the field, to be shortened there, never cut by the browser at the limit.
        Assert.Equal(FormLimits.LongestPaste.ToString(CultureInfo.InvariantCulture), Input(dialogs, "Part 1").GetAttribute("maxlength"));
        Assert.Equal(FormLimits.LongestPaste.ToString(CultureInfo.InvariantCulture), Input(dialogs, "Why, for part 1 (optional)").GetAttribute("maxlength"));
    }

    [Fact]
    public async Task Send_FortyThousandCharacterPart_StaysOpenWithThePasteKeptAndTheLimitAtTheFieldAndInTheSummary()
    {
        var database = await CreateDatabaseAsync();
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var commissioner = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        var exerciseId = await SeedExerciseAsync(database, link, commissioner);
        var dialogs = await OpenAsync(database, link, exerciseId);
        var paste = new string('x', 40_000);
        await Radio(dialogs, "Option 4").ClickAsync(new());
        await Reasons(dialogs).ChangeAsync(new() { Value = "The LINk quality-assures the commissioner's survey." });
        await Button(dialogs, "Add a part").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(Input(dialogs, "Part 1")));
        await Input(dialogs, "Part 1").ChangeAsync(new() { Value = paste });

        await Button(dialogs, "Send proposal").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Contains("Part 1 can be at most 200 characters.", dialogs.Find("[data-testid=error-summary]").TextContent));
        Assert.Single(dialogs.FindAll(".mud-dialog"));
        Assert.Equal(paste, Input(dialogs, "Part 1").GetAttribute("value") ?? Input(dialogs, "Part 1").TextContent);
        Assert.Contains("This can be at most 200 characters; it has 40,000.", Field(dialogs, "Part 1").TextContent);
        Assert.Contains(dialogs.FindAll("[data-field-error]"), e => e.TextContent.Trim() == "Part 1 can be at most 200 characters.");
        await using var db = database.CreateContext();
        Assert.Empty(await db.JointWorkingProposals.ToListAsync());
    }

    // An empty part was told of only below the list, its own field not marked.
    [Fact]
    public async Task Send_APartLeftEmpty_SaysSoAtThatPartsField()
    {
        var database = await CreateDatabaseAsync();
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var commissioner = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        var exerciseId = await SeedExerciseAsync(database, link, commissioner);
        var dialogs = await OpenAsync(database, link, exerciseId);
        await Radio(dialogs, "Option 4").ClickAsync(new());
        await Reasons(dialogs).ChangeAsync(new() { Value = "The LINk quality-assures the commissioner's survey." });
        await Button(dialogs, "Add a part").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(Input(dialogs, "Part 1")));

        await Button(dialogs, "Send proposal").ClickAsync(new());

        const string message = "Part 1 needs the part of the exercise it covers, e.g. \"Somali and Yemeni women\".";
        dialogs.WaitForAssertion(() => Assert.Contains(message, Field(dialogs, "Part 1").TextContent));
        Assert.Equal("true", Input(dialogs, "Part 1").GetAttribute("aria-invalid"));
        Assert.Contains(message, dialogs.Find("[data-testid=error-summary]").TextContent);
    }

    // The page showed no proposal; while the LINk's editor wrote one, the commissioner's edited the exercise's details
    // (which refuses nothing now) and then proposed option 4 themselves. The LINk's proposal is refused naming who
    // proposed what and when, with what was typed kept. Before, any edit of the exercise refused it, naming nobody's proposal.
    [Fact]
    public async Task Send_AfterTheOtherSideProposedSinceThePageWasShown_RefusedNamingThemWithTheReasonsKept()
    {
        var database = await CreateDatabaseAsync();
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var commissioner = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        var exerciseId = await SeedExerciseAsync(database, link, commissioner);
        var dialogs = await OpenAsync(database, link, exerciseId);
        await Radio(dialogs, "Option 2").ClickAsync(new());
        await Reasons(dialogs).ChangeAsync(new() { Value = "We reach Somali families the commissioner cannot." });
        await using (var db = database.CreateContext())
        {
            var exercise = await db.Exercises.Include(e => e.Proposals).SingleAsync(e => e.Id == exerciseId);
            Assert.True(exercise.ProposeOption(AgreementSide.Commissioner, 4, "Quality assurance suits this.", [], "Colin Marsh", commissioner.Name,
                database.Clock.GetUtcNow()).Succeeded);
            await db.SaveChangesAsync();
        }

        await Button(dialogs, "Send proposal").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Contains("Colin Marsh (NHS South Birmingham) proposed Option 4", dialogs.Find("[data-testid=error-summary]").TextContent));
        Assert.Contains("after your page was shown. Nothing was saved; your proposal is kept in the form.", dialogs.Find("[data-testid=error-summary]").TextContent);
        Assert.Equal("We reach Somali families the commissioner cannot.", Reasons(dialogs).GetAttribute("value") ?? Reasons(dialogs).TextContent);
        await using var check = database.CreateContext();
        Assert.Equal([4], await check.JointWorkingProposals.Select(p => p.PrimaryOption).ToListAsync());
    }

    private static async Task<int> SeedExerciseAsync(TestDatabase database, Organisation link, Organisation commissioner)
    {
        await using var db = database.CreateContext();
        var exercise = new EngagementExercise(new ExerciseInput
        {
            Title = "Maternity choices",
            Purpose = "Ask families about place of birth.",
            LeadCommissionerId = commissioner.Id,
            DecisionInformed = "Maternity strategy",
            StartDate = new DateOnly(2026, 9, 1),
            EndDate = new DateOnly(2026, 12, 18),
        }, link.Id, commissioner.Id, database.Clock.GetUtcNow());
        db.Exercises.Add(exercise);
        await db.SaveChangesAsync();
        return exercise.Id;
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(TestDatabase database) =>
        await OpenAsync(database, await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link), 1);

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(TestDatabase database, Organisation link, int exerciseId)
    {
        Context.UseEngagementHub(database);
        Context.SignIn(People.Editor(link.Id, "Birmingham LINk"));
        Context.RenderPopovers();
        var dialogs = Context.Render<MudDialogProvider>();
        var service = Context.Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<ProposeOptionDialog> { { d => d.ExerciseId, exerciseId } };
        await dialogs.InvokeAsync(() => service.ShowAsync<ProposeOptionDialog>("Propose how to work together", parameters, DialogDefaults.Form));
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll(".mud-dialog")));
        return dialogs;
    }

    private static async Task UseOptionTwoAsync(IRenderedComponent<MudDialogProvider> dialogs)
    {
        await Button(dialogs, "Not sure? Answer a few questions").ClickAsync(new());
        var group = dialogs.WaitForElement($"[role=radiogroup][aria-labelledby$='-hard-to-reach']");
        await group.QuerySelectorAll("input[type=radio]").Single(i => i.Closest("label")!.TextContent.Trim() == "Yes").ClickAsync(new());
        await Button(dialogs, "Use option 2").ClickAsync(new());
    }

    private int Focused() => Context.JSInterop.Invocations.Count(i => i.Identifier == "Blazor._internal.domWrapper.focus");

    private static IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private static IElement Radio(IRenderedComponent<MudDialogProvider> dialogs, string option) =>
        dialogs.Find("[data-testid=primary-option]").QuerySelectorAll("input[type=radio]")
            .Single(i => i.Closest("label")!.TextContent.Trim().StartsWith(option + ":", StringComparison.Ordinal));

    private static IElement Field(IRenderedComponent<MudDialogProvider> dialogs, string label) =>
        dialogs.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    private static IElement Input(IRenderedComponent<MudDialogProvider> dialogs, string label) =>
        Field(dialogs, label).QuerySelector("input, textarea")!;

    private static IElement Reasons(IRenderedComponent<MudDialogProvider> dialogs) =>
        dialogs.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Reasons").QuerySelector("textarea")!;

    private static string ReasonsText(IRenderedComponent<MudDialogProvider> dialogs) =>
        Reasons(dialogs).GetAttribute("value") ?? Reasons(dialogs).TextContent;
}
