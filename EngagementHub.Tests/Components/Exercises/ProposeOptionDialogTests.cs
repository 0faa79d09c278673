using AngleSharp.Dom;
using Bunit;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Exercises;
using EngagementHub.Web.Components.Shared;
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

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(TestDatabase database)
    {
        Context.UseEngagementHub(database);
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        Context.SignIn(People.Editor(link.Id, "Birmingham LINk"));
        Context.RenderPopovers();
        var dialogs = Context.Render<MudDialogProvider>();
        var service = Context.Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<ProposeOptionDialog> { { d => d.ExerciseId, 1 }, { d => d.Version, Guid.NewGuid() } };
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

    private static IElement Reasons(IRenderedComponent<MudDialogProvider> dialogs) =>
        dialogs.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Reasons").QuerySelector("textarea")!;

    private static string ReasonsText(IRenderedComponent<MudDialogProvider> dialogs) =>
        Reasons(dialogs).GetAttribute("value") ?? Reasons(dialogs).TextContent;
}
