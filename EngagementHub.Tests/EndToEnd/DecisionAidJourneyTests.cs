using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

/// <summary>The decision aid in the proposal dialog leads to a choice the person can see, and every control shows focus.</summary>
public sealed class DecisionAidJourneyTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    [Fact]
    public async Task UseOption_InTheProposalDialog_ChoosesItInViewWithTheAidsReasonsAsADraft()
    {
        await SignInAsync(DemoAccounts.Commissioner, to: "exercises/new");
        await Expect(Heading(Page, "New engagement exercise")).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        var title = $"Walk-in centre {Guid.NewGuid():N}"[..30];
        await Page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await Page.GetByLabel("Purpose", new() { Exact = true }).FillAsync("Ask people who use the walk-in centre what they need.");
        await Page.GetByLabel("Decision it informs", new() { Exact = true }).FillAsync("Urgent care strategy");
        await FillAsync("Start", "5/10/26");
        await FillAsync("End", "27/11/26");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create exercise" }).ClickAsync();
        await Expect(Heading(Page, title)).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Propose an option" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "Propose how to work together" });

        var aid = dialog.GetByRole(AriaRole.Button, new() { Name = "Not sure? Answer a few questions" });
        await Expect(aid).ToHaveAttributeAsync("aria-expanded", "false");
        await aid.ClickAsync();
        await Expect(aid).ToHaveAttributeAsync("aria-expanded", "true");
        await SetCheckedAsync(dialog.GetByRole(AriaRole.Radiogroup, new() { Name = "Does the exercise need communities the commissioner finds hard to reach?" })
            .GetByRole(AriaRole.Radio, new() { Name = "Yes" }));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Use option 2" }).ClickAsync();

        var picker = Page.GetByTestId("primary-option");
        await ExpectFocusedAsync(picker);
        await Expect(picker).ToBeInViewportAsync();
        await Expect(picker.GetByRole(AriaRole.Radio, new() { Name = "Option 2: Contribute elements" })).ToBeCheckedAsync();
        await Expect(picker).ToContainTextAsync("Option 2 chosen from the decision aid.");
        await Expect(dialog.GetByLabel("Reasons", new() { Exact = true })).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^Why option 2 fits: "));

        // The keyboard's place shows on the aid's header, a text button and a link: at least a 2 px outline.
        await AssertFocusRingAsync(aid);
        await AssertFocusRingAsync(dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        // An option and reasons were given: closing asks before discarding them.
        await Page.GetByRole(AriaRole.Dialog, new() { Name = "Discard what you typed?" }).GetByRole(AriaRole.Button, new() { Name = "Discard it" }).ClickAsync();
        // Closing gives focus back to the button that opened the dialog: wait for that before moving it.
        await Expect(dialog).ToBeHiddenAsync();
        await AssertFocusRingAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Engagement exercises" }).First);
    }

    private async Task AssertFocusRingAsync(ILocator control)
    {
        await ReachByKeyboardAsync(Page, control);
        var ring = await control.EvaluateAsync<string[]>("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth]; }");
        Assert.NotEqual("none", ring[0]);
        Assert.True(double.Parse(ring[1].Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 2, $"outline {ring[1]}");
    }

    private async Task FillAsync(string label, string text)
    {
        var input = Page.GetByLabel(label, new() { Exact = true });
        await input.FillAsync(text);
        await input.PressAsync("Tab");
    }
}
