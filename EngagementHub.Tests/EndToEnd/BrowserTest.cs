using System.Text.RegularExpressions;
using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;

namespace EngagementHub.Tests.EndToEnd;

/// <summary>
/// A browser test: each test gets its own context (no cookies carried over) and page on its class's app. Classes run in
/// parallel with each other and with the rest of the suite (each has its own app, database and browser contexts); the
/// tests of one class run one after another.
/// </summary>
public abstract class BrowserTest(BrowserFixture browser, LiveApp app) : IAsyncLifetime, IClassFixture<BrowserFixture>
{
    private readonly List<IBrowserContext> _contexts = [];
    private IPage? _page;

    /// <summary>A desktop's window, in CSS pixels: the size every test's own page opens at.</summary>
    protected static (int Width, int Height) Desktop { get; } = (1280, 800);

    /// <summary>A phone's window, in CSS pixels: 390 px wide, WCAG 1.4.10's 320 px reflow with room for today's phones.</summary>
    protected static (int Width, int Height) Phone { get; } = (390, 844);

    protected LiveApp App { get; } = app;

    protected IPage Page => _page ?? throw new InvalidOperationException("The page has not opened.");

    public async Task InitializeAsync()
    {
        _page = await OpenPageAsync(Desktop.Width, Desktop.Height);
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Opens another page at a different size (e.g. a phone), in its own context.</summary>
    protected async Task<IPage> OpenPageAsync(int width, int height)
    {
        var context = await browser.NewContextAsync(App.BaseAddress, width, height);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    protected static ILocator Heading(IPage page, string name) =>
        page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true, Level = 1 });

    /// <summary>
    /// Signs in through the real form and waits until the browser has left the sign-in page: for "My work", or with
    /// <paramref name="to"/> (a path in the app, or an address in it another page was on) for that page, as a link followed
    /// while signed out does (the sign-in page's ReturnUrl). The page is loaded once, not "My work" first and then the page.
    /// </summary>
    protected Task SignInAsync(string email, string password = EngagementHubAppFactory.DemoPassword, string? to = null) =>
        SignInAsync(Page, email, password, to);

    /// <inheritdoc cref="SignInAsync(string, string, string?)"/>
    protected static async Task SignInAsync(IPage page, string email, string password = EngagementHubAppFactory.DemoPassword, string? to = null)
    {
        await SubmitSignInAsync(page, email, password, to);
        await LeftSignInPageAsync(page);
    }

    /// <summary>The address of the sign-in page, with or without a return address.</summary>
    protected static Regex SignInPage { get; } = new("/account/login");

    /// <summary>
    /// Waits until the page has moved off the sign-in page and the new page has loaded. Not Playwright's WaitForURLAsync:
    /// once the address matches it looks at the page's load states and then listens for the next, unlocked, so a "load"
    /// arriving in between is never seen and it waits out its whole timeout (a run failed that way, its log showing only
    /// "NetworkIdle event fired"). The address is polled, then the document's own ready state.
    /// </summary>
    private static async Task LeftSignInPageAsync(IPage page)
    {
        await Microsoft.Playwright.Assertions.Expect(page).Not.ToHaveURLAsync(SignInPage);
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
    }

    /// <summary>Opens a fresh sign-in form (for <paramref name="to"/> once signed in, if given) and submits it, without assuming the outcome.</summary>
    protected static async Task SubmitSignInAsync(IPage page, string email, string password, string? to = null)
    {
        await page.GotoAsync(to is null ? "account/login" : $"account/login?returnUrl={Uri.EscapeDataString(PathInApp(to))}");
        await page.GetByLabel("E-mail address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    // "timetable?year=2026" or "http://127.0.0.1:5000/exercises/3" (a page's own address) as the app-rooted path the sign-in
    // page accepts: "/timetable?year=2026", "/exercises/3".
    private static string PathInApp(string to) =>
        Uri.TryCreate(to, UriKind.Absolute, out var address) && address.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? address.PathAndQuery
            : "/" + to.TrimStart('/');

    /// <summary>
    /// Interactive pages are prerendered, so their content shows before the circuit is up and clicks on MudBlazor
    /// controls would be lost. The layout marks <c>main</c> with data-interactive once it renders on the circuit.
    /// </summary>
    protected static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator("main[data-interactive=true]").WaitForAsync();

    protected Task WaitForInteractiveAsync() => WaitForInteractiveAsync(Page);

    /// <summary>
    /// Moves an interactive page to <paramref name="path"/> as a link inside the app does (the circuit renders the new
    /// page; the browser loads nothing) and waits until the layout says that page has rendered.
    /// </summary>
    protected static async Task GoWithinAppAsync(IPage page, string path)
    {
        await page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
        await page.Locator($"main[data-location='{path.TrimStart('/')}']").WaitForAsync();
    }

    /// <summary>
    /// Waits until Blazor's FocusOnNavigate has put focus on the page's heading, for a page whose heading is drawn at
    /// once. It does so after the page's first render has reached the browser, which on a busy machine can come after a
    /// test has begun moving focus: a dialog opened just then remembers the heading as the control to give focus back to
    /// when it closes, instead of the button that opened it.
    /// </summary>
    protected static Task WaitForHeadingFocusAsync(IPage page) => ExpectFocusedAsync(page.Locator("main h1"));

    /// <summary>Waits until nothing on the page says it is still loading (MudBlazor's indeterminate progress bars).</summary>
    protected static Task WaitForLoadedAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.querySelector('.mud-progress-indeterminate') === null");

    /// <summary>
    /// Ticks or clears a box, or chooses a radio button, that the circuit draws (a MudBlazor control), and waits until it
    /// shows the new state. Playwright's own CheckAsync reads the state at once after its click and fails if it has not
    /// changed, which a render of the control still on its way from the server can undo for a moment on a busy machine.
    /// </summary>
    protected static async Task SetCheckedAsync(ILocator control, bool chosen = true)
    {
        if (await control.IsCheckedAsync() != chosen)
        {
            await control.ClickAsync();
        }

        await Microsoft.Playwright.Assertions.Expect(control).ToBeCheckedAsync(new() { Checked = chosen });
    }

    /// <summary>Opens the MudSelect labelled <paramref name="label"/> and picks the first option containing <paramref name="option"/>.</summary>
    protected static Task ChooseAsync(IPage page, string label, string option) =>
        ChooseAsync(page, page.Locator(".mud-select").Filter(new() { Has = page.Locator("label", new() { HasTextString = label }) }).First, option);

    /// <summary>
    /// Opens <paramref name="select"/> (a MudSelect) and picks the first option containing <paramref name="option"/>; returns
    /// once the list has closed, so that the next field typed into is not still under the list.
    /// </summary>
    protected static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextString = option }).First.ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Reaches <paramref name="opener"/> (a row's button) with the keyboard, opens its dialog with Enter, waits until
    /// focus is on the dialog's <paramref name="firstField"/> (its label), closes it with Escape and waits until focus
    /// is back on that button, not on the page's body (WCAG 2.4.3): the list behind is reloaded after the dialog closes.
    /// </summary>
    protected static async Task EscapeReturnsFocusToAsync(IPage page, ILocator opener, string dialogName, string firstField)
    {
        await ReachByKeyboardAsync(page, opener);

        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = dialogName });
        await Microsoft.Playwright.Assertions.Expect(dialog).ToBeVisibleAsync();
        await ExpectFocusedAsync(dialog.GetByLabel(firstField, new() { Exact = true }));
        await page.Keyboard.PressAsync("Escape");

        await Microsoft.Playwright.Assertions.Expect(dialog).ToBeHiddenAsync();
        await ExpectFocusedAsync(opener);
    }

    /// <summary>
    /// Puts keyboard focus on <paramref name="control"/> as a keyboard does, so that it shows its focus ring
    /// (:focus-visible): focused, then Shift+Tab to the control before it and Tab back. After a move to another page
    /// inside the app, Blazor's FocusOnNavigate puts focus on the new page's heading once the page has rendered, which on
    /// a busy machine can come after the control was focused (the Tab then lands after the heading instead): it happens
    /// once per move, so the steps are taken again, up to three times, until focus stays on the control.
    /// </summary>
    /// <exception cref="Xunit.Sdk.XunitException">Focus did not stay on the control (says where it is instead).</exception>
    protected static async Task ReachByKeyboardAsync(IPage page, ILocator control)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await control.FocusAsync();
            await page.Keyboard.PressAsync("Shift+Tab");
            await page.Keyboard.PressAsync("Tab");
            if (await control.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                break;
            }
        }

        await ExpectFocusedAsync(control);
    }

    /// <summary>
    /// Waits (Playwright's expectation timeout) until <paramref name="control"/> has keyboard focus. A failure also says
    /// which element has focus instead (or the page's body), which Playwright's own message leaves out: a focus check
    /// that fails only now and then can then be put right from the one failed run.
    /// </summary>
    /// <exception cref="Xunit.Sdk.XunitException">Focus did not reach the control in time.</exception>
    protected static async Task ExpectFocusedAsync(ILocator control)
    {
        try
        {
            await Microsoft.Playwright.Assertions.Expect(control).ToBeFocusedAsync();
        }
        catch (PlaywrightException e)
        {
            var focused = await control.Page.EvaluateAsync<string>("""
                () => { const a = document.activeElement;
                        return !a || a === document.body ? 'the page body' : a.outerHTML.slice(0, 300); }
                """);
            throw new Xunit.Sdk.XunitException($"{e.Message}{Environment.NewLine}Focus is on: {focused}");
        }
    }

    /// <summary>
    /// Runs <paramref name="check"/> (given the width, in CSS pixels) on a page without a circuit (the public site, printed
    /// reports, the account page) at a desktop's width, then again with the window narrowed in place to a phone's. Such a
    /// page is laid out by its style sheets alone, so narrowed it is laid out as one loaded at that width, and one load
    /// serves both checks (docs/conventions.md). Leaves the window at a phone's width. A page with a circuit is loaded at
    /// each width instead: what the circuit draws also depends on the window's size.
    /// </summary>
    protected static async Task AtDesktopThenPhoneAsync(IPage page, Func<int, Task> check)
    {
        foreach (var (width, height) in new[] { Desktop, Phone })
        {
            await page.SetViewportSizeAsync(width, height);
            await check(width);
        }
    }

    /// <summary>How far the page reaches past the window's right edge, in CSS pixels: 0 or less when nothing scrolls sideways.</summary>
    protected static Task<int> SidewaysOverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

    /// <summary>
    /// The words in the page's table cells that the layout broke in the middle (a line ending inside a word, not after
    /// a hyphen, a soft hyphen or a slash), at most eight: none when every column is at least as wide as its longest
    /// word. A cell marked <c>cell-long</c> (one long unbroken string: an e-mail address, a web address) may break its
    /// string anywhere and is not read.
    /// </summary>
    protected static Task<string[]> WordsBrokenInTablesAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
            const broken = [];
            // The pieces of text between the places a line may end: spaces, and after a hyphen, a soft hyphen or a slash.
            const pieces = /[^\s\-\u00ad\u2010-\u2014\/]+/g;
            // A letter just after a soft hyphen's break also has a box for the hyphen drawn at the line's end: the last
            // box is the letter's own.
            const top = (node, i) => {
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                return [...range.getClientRects()].filter(r => r.width > 0).pop()?.top;
            };
            for (const cell of document.querySelectorAll('main td:not(.cell-long), main th')) {
                const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                for (let node; (node = walker.nextNode());) {
                    for (let piece; (piece = pieces.exec(node.data));) {
                        // A piece broken in the middle starts and ends on different lines: two measurements a piece.
                        const first = top(node, piece.index), last = top(node, piece.index + piece[0].length - 1);
                        if (piece[0].length > 1 && first !== undefined && last !== undefined && Math.abs(last - first) > 2) {
                            broken.push(piece[0]);
                        }
                    }
                }
            }
            return broken.slice(0, 8);
        }
        """);

    /// <summary>
    /// The lists (MudTables) in the page whose columns are wider than their box, so that the box scrolls sideways: each as
    /// its label (or test id) and by how many pixels. None when every list fits. A table in a region made to scroll
    /// sideways (`.table-scroll`: a grid of years or options, a template's stages, which do not become cards) is left out.
    /// </summary>
    protected static Task<string[]> ListsWiderThanTheirBoxAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('main .mud-table-container')]
            .filter(box => !box.closest('.table-scroll') && box.scrollWidth > box.clientWidth + 1)
            .map(box => {
                const table = box.closest('.mud-table');
                const name = table?.getAttribute('aria-label') || table?.dataset.testid || 'a list';
                return `${name} by ${box.scrollWidth - box.clientWidth} px`;
            })
        """);

    protected static Regex PathIs(string pattern) => new($"^[^?#]*{pattern}([?#].*)?$");
}
