using System.Globalization;
using System.Text;
using System.Text.Json;
using EngagementHub.Tests.TestSupport;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

/// <summary>One record per intent, and no typed text lost on the way: what a double-click and a long paste do.</summary>
public sealed class FormSubmissionTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    private const string Commissioner = "NHS South Birmingham";

    /// <summary>40,000 characters, not all ASCII: about 48 KB as UTF-8, over the hub's default 32 KB per message.</summary>
    private static readonly string LongText = LongLetter(40_000);

    [Fact]
    public async Task CreateExercise_DoubleClick_CreatesOneExercise()
    {
        var title = $"Pharmacy hours {Guid.NewGuid():N}"[..30];
        await OpenNewExerciseAsync(title);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Create exercise" }).DblClickAsync();

        await Expect(Heading(Page, title)).ToBeVisibleAsync();
        await using var db = App.Factory.Database.CreateContext();
        Assert.Equal(1, await db.Exercises.CountAsync(e => e.Title == title));
    }

    [Fact]
    public async Task LogDeadline_DoubleClick_LogsOneDeadline()
    {
        var subject = $"Wheelchair waits {Guid.NewGuid():N}"[..30];
        await OpenNewDeadlineAsync(subject);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Log it" }).DblClickAsync();

        await Expect(Heading(Page, subject)).ToBeVisibleAsync();
        await using var db = App.Factory.Database.CreateContext();
        Assert.Equal(1, await db.Deadlines.CountAsync(d => d.Subject == subject));
    }

    [Fact]
    public async Task AddEvent_DoubleClick_AddsOneEvent()
    {
        var title = $"LINk assembly {Guid.NewGuid():N}"[..30];
        await SignInAsync(DemoAccounts.Link, to: "timetable/events/new?year=2026");
        await Expect(Heading(Page, "New timetable event")).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        await Page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await FillAsync("First day", "19/11/2026");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Add the event", Exact = true }).DblClickAsync();

        await Expect(Heading(Page, title)).ToBeVisibleAsync();
        await using var db = App.Factory.Database.CreateContext();
        Assert.Equal(1, await db.TimetableEvents.CountAsync(e => e.Title == title));
    }

    // A second tab on the new-event form opens with the first tab's draft. Each tab is its own record: the second one's
    // save once returned the first tab's event (the draft carried the first tab's submission key) and was never made,
    // while the page said "Event added".
    [Fact]
    public async Task AddEvent_SecondTabOpenedOnTheFirstTabsDraft_EachTabAddsItsOwnEvent()
    {
        var (first, second) = ($"From tab A {Guid.NewGuid():N}"[..30], $"From tab B {Guid.NewGuid():N}"[..30]);
        await SignInAsync(DemoAccounts.Link, to: "timetable/events/new?year=2026");
        await WaitForInteractiveAsync();
        await Page.GetByLabel("Title", new() { Exact = true }).FillAsync(first);
        await FillAsync("First day", "21/01/2027");
        await Page.WaitForFunctionAsync("() => Object.keys(localStorage).some(k => k.startsWith('draft:') && k.endsWith(':event-new'))");
        var tabB = await Page.Context.NewPageAsync();
        await tabB.GotoAsync("timetable/events/new?year=2026");
        await WaitForInteractiveAsync(tabB);
        await Expect(tabB.GetByTestId("draft-restored")).ToBeVisibleAsync();
        await tabB.GetByLabel("Title", new() { Exact = true }).FillAsync(second);
        await tabB.GetByLabel("Title", new() { Exact = true }).PressAsync("Tab");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Add the event", Exact = true }).ClickAsync();
        await Expect(Heading(Page, first)).ToBeVisibleAsync();
        await tabB.GetByRole(AriaRole.Button, new() { Name = "Add the event", Exact = true }).ClickAsync();
        await Expect(Heading(tabB, second)).ToBeVisibleAsync();

        await using var db = App.Factory.Database.CreateContext();
        Assert.Equal(1, await db.TimetableEvents.CountAsync(e => e.Title == first));
        Assert.Equal(1, await db.TimetableEvents.CountAsync(e => e.Title == second));
    }

    [Fact]
    public async Task DeadlineDetails_Paste40000Characters_IsRefusedAtTheFieldAndNothingIsSaved()
    {
        var subject = $"Long letter {Guid.NewGuid():N}"[..30];
        await OpenNewDeadlineAsync(subject);
        var details = Page.GetByLabel("Details (optional)", new() { Exact = true });

        await details.FillAsync(LongText);
        // The counter follows typing in the page, before the text reaches the server when the field is left, in the error
        // colour once over the limit.
        await Expect(Page.GetByText("40000 / 4000")).ToBeVisibleAsync();
        await Expect(Page.GetByText("40000 / 4000")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-error-text"));
        await details.PressAsync("Tab");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log it" }).ClickAsync();

        // The whole text reached the server (the field's message counts it) and the person keeps it to shorten.
        // Next to the field, and in the form's error summary.
        await Expect(Page.GetByText("The details can be at most 4,000 characters.")).ToHaveCountAsync(2);
        await Expect(Page.GetByText("40000 / 4000")).ToBeVisibleAsync();
        await Expect(details).ToHaveValueAsync(LongText);
        await Expect(Heading(Page, "Log a request, report or referral")).ToBeVisibleAsync();
        await using (var db = App.Factory.Database.CreateContext())
        {
            Assert.Equal(0, await db.Deadlines.CountAsync(d => d.Subject == subject));
        }

        // Shortened, it saves whole.
        var letter = LongText[..4000];
        await details.FillAsync(letter);
        await Expect(Page.GetByText("4000 / 4000")).ToBeVisibleAsync();
        await details.PressAsync("Tab");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log it" }).ClickAsync();
        await Expect(Heading(Page, subject)).ToBeVisibleAsync();
        await using (var db = App.Factory.Database.CreateContext())
        {
            Assert.Equal(letter.Trim(), await db.Deadlines.Where(d => d.Subject == subject).Select(d => d.Details).SingleAsync());
        }
    }

    [Fact]
    public async Task ExercisePurpose_Paste40000Characters_IsRefusedAtTheFieldAndNothingIsSaved()
    {
        var title = $"Long purpose {Guid.NewGuid():N}"[..30];
        await OpenNewExerciseAsync(title);
        var purpose = Page.GetByLabel("Purpose", new() { Exact = true });

        await purpose.FillAsync(LongText);
        await purpose.PressAsync("Tab");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create exercise" }).ClickAsync();

        // Next to the field, and in the form's error summary.
        await Expect(Page.GetByText("The purpose can be at most 4,000 characters.")).ToHaveCountAsync(2);
        await Expect(purpose).ToHaveValueAsync(LongText);
        await Expect(Heading(Page, "New engagement exercise")).ToBeVisibleAsync();
        await using var db = App.Factory.Database.CreateContext();
        Assert.Equal(0, await db.Exercises.CountAsync(e => e.Title == title));
    }

    [Fact]
    public async Task CreateExercise_PurposeChangedWhileTheConnectionWasDown_SavesThePurposeShown()
    {
        var title = $"Reconnected {Guid.NewGuid():N}"[..30];
        await OpenNewExerciseAsync(title);
        const string purpose = "Typed on the train while the connection was down.";

        // The connection drops; the person finishes the field and leaves it meanwhile, so its change reaches nobody.
        await Page.EvaluateAsync("""
            async text => {
                await Blazor._internal.forceCloseConnection();
                const field = document.querySelector("textarea[id]");
                field.value = text;
                field.dispatchEvent(new Event("change", { bubbles: true }));
            }
            """, purpose);
        await Expect(Page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create exercise" }).ClickAsync();

        await Expect(Heading(Page, title)).ToBeVisibleAsync();
        await using var db = App.Factory.Database.CreateContext();
        Assert.Equal(purpose, await db.Exercises.Where(e => e.Title == title).Select(e => e.Purpose).SingleAsync());
    }

    [Fact]
    public async Task NewExercise_LeavingWithUnsavedChanges_AsksFirstAndStaysWhenAsked()
    {
        var title = $"Unsaved {Guid.NewGuid():N}"[..30];
        await OpenNewExerciseAsync(title);

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).GetByRole(AriaRole.Link, new() { Name = "Engagement exercises" }).ClickAsync();
        var question = Page.GetByRole(AriaRole.Dialog, new() { Name = "Leave without saving?" });
        await Expect(question).ToBeVisibleAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Stay and save" }).ClickAsync();

        await Expect(Heading(Page, "New engagement exercise")).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync(title);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create exercise" }).ClickAsync();
        await Expect(Heading(Page, title)).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Dialog, new() { Name = "Leave without saving?" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task NewDeadline_ReloadedBeforeSaving_RestoresTheDraftAndSavesOnce()
    {
        var subject = $"Draft letter {Guid.NewGuid():N}"[..30];
        await OpenNewDeadlineAsync(subject);
        const string Details = "The full letter is on the LINk's shared drive.";
        var details = Page.GetByLabel("Details (optional)", new() { Exact = true });
        // Typed, and not left: the field being typed in when the page is reloaded is in the draft too (it was not, as a
        // field sends its text when it is left).
        await details.FillAsync(Details);
        // Each field's change rewrites the draft: the one to wait for is the write that holds the last field, not the first
        // draft (written when "Sent to" was chosen), or the reload can come between them.
        await Wait.UntilAsync(async () => (await StoredDraftDetailsAsync("deadline-new")) == Details, "the draft to hold the details",
            TimeSpan.FromSeconds(15));

        // Leaving the page asks first (the browser's own question): the person reloads anyway.
        Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Page.ReloadAsync();
        await WaitForInteractiveAsync();

        await Expect(Page.GetByTestId("draft-restored")).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Subject", new() { Exact = true })).ToHaveValueAsync(subject);
        await Expect(details).ToHaveValueAsync(Details);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log it" }).ClickAsync();
        await Expect(Heading(Page, subject)).ToBeVisibleAsync();
        await Page.WaitForFunctionAsync("() => !Object.keys(localStorage).some(k => k.endsWith(':deadline-new'))");
        await using var db = App.Factory.Database.CreateContext();
        Assert.Equal(1, await db.Deadlines.CountAsync(d => d.Subject == subject));
    }

    /// <summary>
    /// The Details field of this person's stored draft of <paramref name="form"/>, read from the browser and unprotected
    /// with the app's keys by the framework's own protected storage (as the form reads it back); null when there is none.
    /// </summary>
    private async Task<string?> StoredDraftDetailsAsync(string form)
    {
        var stored = await Page.EvaluateAsync<string[]?>(
            "form => { const k = Object.keys(localStorage).find(k => k.startsWith('draft:') && k.endsWith(':' + form)); return k ? [k, localStorage.getItem(k)] : null; }",
            form);
        if (stored is not [var key, var value])
        {
            return null;
        }

        var storage = new ProtectedLocalStorage(new StoredValue(value), App.Factory.Services.GetRequiredService<IDataProtectionProvider>());
        var draft = await storage.GetAsync<JsonElement>(key);
        // Stored as the web serialiser writes it: camel-cased names.
        return draft.Value.GetProperty("model").GetProperty("details").GetString();
    }

    /// <summary>A browser whose storage holds one value: whatever key is asked for, <paramref name="value"/> is returned.</summary>
    private sealed class StoredValue(string value) : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult((TValue)(object)value);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            InvokeAsync<TValue>(identifier, args);
    }

    private async Task OpenNewExerciseAsync(string title)
    {
        await SignInAsync(DemoAccounts.Commissioner, to: "exercises/new");
        await Expect(Heading(Page, "New engagement exercise")).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        await Page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await Page.GetByLabel("Purpose", new() { Exact = true }).FillAsync("Ask people when they need a pharmacy open.");
        await Page.GetByLabel("Decision it informs", new() { Exact = true }).FillAsync("Pharmaceutical needs assessment");
        await FillAsync("Start", "05/10/2026");
        await FillAsync("End", "27/11/2026");
    }

    private async Task OpenNewDeadlineAsync(string subject)
    {
        await SignInAsync(DemoAccounts.Link, to: "deadlines/new");
        await Expect(Heading(Page, "Log a request, report or referral")).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        await ChooseAsync(Page, "Sent to", Commissioner);
        await Page.GetByLabel("Subject", new() { Exact = true }).FillAsync(subject);
        await FillAsync("Date received", DateTime.Today.AddDays(-3).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
    }

    private async Task FillAsync(string label, string text)
    {
        var input = Page.GetByLabel(label, new() { Exact = true });
        await input.FillAsync(text);
        await input.PressAsync("Tab");
    }

    private static string LongLetter(int length)
    {
        var text = new StringBuilder(length);
        const string line = "Dear Commissioner, the LINk's members in Sparkbrook and Small Heath ask about café-based clinics — “drop-in” hours.\n";
        while (text.Length < length)
        {
            text.Append(line);
        }

        return text.ToString(0, length);
    }
}
