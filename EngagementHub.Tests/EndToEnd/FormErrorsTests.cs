using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

/// <summary>Errors the GOV.UK way: the app's own messages in a summary that leads to each field, never the browser's bubbles.</summary>
public sealed class FormErrorsTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    [Fact]
    public async Task CreateExercise_SubmittedEmpty_ShowsAFocusedSummaryWhoseLinksMoveToEachField()
    {
        await SignInAsync(DemoAccounts.Commissioner, to: "exercises/new");
        await Expect(Heading(Page, "New engagement exercise")).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        await WaitForHeadingFocusAsync(Page);
        await using (var db = App.Factory.Database.CreateContext())
        {
            _exercisesBefore = await db.Exercises.CountAsync();
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "Create exercise" }).ClickAsync();

        // The browser's own check is off (no bubble stopped the submission); the app's summary says what is missing.
        Assert.True(await Page.Locator("main form").EvaluateAsync<bool>("form => form.noValidate"));
        var summary = Page.GetByTestId("error-summary");
        await ExpectFocusedAsync(summary);
        await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync(
        [
            "Give the exercise a title.", "Say what the exercise is for.", "Name the decision this exercise informs.",
            "Enter the start date.", "Enter the end date.",
        ]);
        // The same words next to the field.
        await Expect(Page.GetByText("Give the exercise a title.")).ToHaveCountAsync(2);

        await summary.GetByRole(AriaRole.Link, new() { Name = "Give the exercise a title." }).ClickAsync();
        await ExpectFocusedAsync(Page.GetByLabel("Title", new() { Exact = true }));

        await summary.GetByRole(AriaRole.Link, new() { Name = "Say what the exercise is for." }).ClickAsync();
        await ExpectFocusedAsync(Page.GetByLabel("Purpose", new() { Exact = true }));

        await summary.GetByRole(AriaRole.Link, new() { Name = "Enter the start date." }).ClickAsync();
        await ExpectFocusedAsync(Page.GetByLabel("Start", new() { Exact = true }));

        await using (var db = App.Factory.Database.CreateContext())
        {
            Assert.Equal(_exercisesBefore, await db.Exercises.CountAsync());
        }
    }

    private int _exercisesBefore;
}
