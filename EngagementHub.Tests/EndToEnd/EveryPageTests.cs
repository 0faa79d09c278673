using EngagementHub.Core.Data;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EngagementHub.Tests.EndToEnd;

/// <summary>
/// Every page of the app, at a desktop's width and a phone's (390 px, WCAG 1.4.10's 320 CSS px reflow with room for
/// today's phones): nothing scrolls sideways, no table breaks a word in the middle, sign-out and the person's menu stay
/// reachable, and axe finds nothing.
/// One signed-in browser walks them all, collecting every problem before failing, so one run lists them all; it loads
/// the first page and moves to the others inside the app, so each page is checked as it is reached from a link. The
/// plain pages (reports to print, the person's account) have no circuit to move inside: each is loaded once and checked
/// at both widths.
/// </summary>
public sealed class EveryPageTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task EveryPage_AtWidth_NoSidewaysScrollReachableControlsAndAxeClean(int width, int height)
    {
        var page = width == Desktop.Width ? Page : await OpenPageAsync(width, height);
        var paths = await PathsAsync();
        await SignInAsync(page, DemoAccounts.Admin, to: paths[0]);
        await WaitForInteractiveAsync(page);
        var problems = new List<string>();

        foreach (var path in paths)
        {
            // The first page is the one signing in leads to; the rest are reached as a link inside the app reaches them, on
            // the same circuit, which is how people move around (and costs a fraction of a new page, a new circuit and axe again).
            if (path != paths[0])
            {
                await GoWithinAppAsync(page, path);
            }

            await WaitForLoadedAsync(page);
            if (await page.Locator("main").GetByText("Something went wrong showing this page").CountAsync() > 0)
            {
                problems.Add($"{path}: the page failed and shows the error message");
                continue;
            }

            var overflow = await SidewaysOverflowAsync(page);
            if (overflow > 0)
            {
                problems.Add($"{path}: scrolls sideways by {overflow} px, past the edge: {await WidestAsync(page)}");
            }

            if (await WordsBrokenInTablesAsync(page) is { Length: > 0 } broken)
            {
                problems.Add($"{path}: table cells break words in the middle: {string.Join(", ", broken)}");
            }

            // A list fits its page: at a desktop's width scrolling it sideways in its own box hides its last columns, and
            // on a phone it is shown as cards (a region made to scroll sideways, `.table-scroll`, is left out).
            if (await ListsWiderThanTheirBoxAsync(page) is { Length: > 0 } wide)
            {
                problems.Add($"{path}: lists scroll sideways at {width} px: {string.Join(", ", wide)}");
            }

            // Shown as cards, a list's cell is a row: its label, then each part of its content side by side, which pushed
            // the cards past the screen's edge. Cells of several parts hold them in one block (docs/conventions.md).
            if (width < 600 && await CellsOfSeveralPartsAsync(page) is { Length: > 0 } split)
            {
                problems.Add($"{path}: list cells laid out as several parts side by side: {string.Join(", ", split)}");
            }

            // On a phone a list's filters start folded, so its first rows are on the first screen.
            if (width < 600 && await page.Locator(".filters__panel").CountAsync() > 0
                && (await page.Locator(".filters__panel").First.IsVisibleAsync() || !await page.Locator(".filters__toggle").First.IsVisibleAsync()))
            {
                problems.Add($"{path}: the filters are not folded behind \"Show filters\"");
            }

            await CheckAccessibleAsync(page, path, problems);
            if (!await SignOutReachableAsync(page, width, openMenu: path == paths[0]))
            {
                problems.Add($"{path}: Sign out (or, on a phone, the account menu holding it) is not on screen");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// The plain pages a signed-in person reaches (reports to print, their account), as the LINk's officer, whom the
    /// reports are for (an administrator is not a partner in them). They are server-rendered with no circuit, so their
    /// layout at a width is their style sheets' alone: each is loaded once at a desktop's width and checked, then narrowed
    /// to a phone's in place and checked again, as a page loaded at that width would be laid out.
    /// </summary>
    [Fact]
    public async Task PlainPages_AtDesktopAndPhoneWidths_NoSidewaysScrollAndAxeClean()
    {
        // The test's own page, which opens at a desktop's width.
        var officer = Page;
        await SignInAsync(officer, DemoAccounts.Link);
        var problems = new List<string>();
        foreach (var path in await PlainPathsAsync())
        {
            await officer.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
            var response = await officer.GotoAsync(path);
            if (response?.Status != 200)
            {
                problems.Add($"{path}: answered {response?.Status}");
                continue;
            }

            await AtDesktopThenPhoneAsync(officer, async width =>
            {
                var overflow = await SidewaysOverflowAsync(officer);
                if (overflow > 0)
                {
                    problems.Add($"{path} at {width} px: scrolls sideways by {overflow} px, past the edge: {await WidestAsync(officer)}");
                }

                if (await WordsBrokenInTablesAsync(officer) is { Length: > 0 } broken)
                {
                    problems.Add($"{path} at {width} px: table cells break words in the middle: {string.Join(", ", broken)}");
                }

                await CheckAccessibleAsync(officer, $"{path} at {width} px", problems);
            });
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// The LINk's lists at a small laptop's or a tablet's width (1,024 px: the menu opens over the page below 1,280) and a
    /// common laptop's (1,366 px, beside the menu): each fits its page, and nothing scrolls sideways. The LINk's are the
    /// widest (its deadlines list names who follows each up). Before, at 1,024 the deadlines list scrolled 280 px in its
    /// box and at 1,366 "You said, we did" 76 px; the sweep above measures only 1,280 and 390.
    /// </summary>
    [Fact]
    public async Task Lists_AtATabletsAndALaptopsWidth_FitTheirPage()
    {
        var page = await OpenPageAsync(1024, 768);
        string[] paths = ["deadlines", "you-said-we-did", "exercises", "work-programme", "reviews", "directory", "timetable?view=list"];
        await SignInAsync(page, DemoAccounts.Link, to: paths[0]);
        await WaitForInteractiveAsync(page);
        var problems = new List<string>();
        foreach (var width in new[] { 1024, 1366 })
        {
            await page.SetViewportSizeAsync(width, 768);
            foreach (var path in paths)
            {
                await GoWithinAppAsync(page, "/" + path);
                await WaitForLoadedAsync(page);
                if (await ListsWiderThanTheirBoxAsync(page) is { Length: > 0 } wide)
                {
                    problems.Add($"{path} at {width} px: lists scroll sideways: {string.Join(", ", wide)}");
                }

                if (await SidewaysOverflowAsync(page) is > 0 and var overflow)
                {
                    problems.Add($"{path} at {width} px: scrolls sideways by {overflow} px: {await WidestAsync(page)}");
                }

                if (await ValuesFarFromTheirLabelsAsync(page) is { Length: > 0 } far)
                {
                    problems.Add($"{path} at {width} px: card values far from their labels: {string.Join(", ", far)}");
                }
            }
        }

        // A person's text of one unbroken run (a pasted link 2,500 characters long) breaks rather than widen the page.
        await page.EvaluateAsync("() => { const run = document.createElement('bdi'); run.textContent = 'x'.repeat(2500); document.querySelector('main h1').after(run); }");
        if (await SidewaysOverflowAsync(page) is > 0 and var pushed)
        {
            problems.Add($"an unbroken run of 2,500 characters widens the page by {pushed} px");
        }

        // Nor in a list's cell: one recommendation of 3,000 characters without a space pushed every row of "You said, we
        // did" past its card.
        await GoWithinAppAsync(page, "/you-said-we-did");
        await WaitForLoadedAsync(page);
        await page.EvaluateAsync("() => { document.querySelector('main td bdi').textContent = 'y'.repeat(3000); }");
        if (await ListsWiderThanTheirBoxAsync(page) is { Length: > 0 } pushedList)
        {
            problems.Add($"an unbroken run of 3,000 characters in a cell makes lists scroll sideways: {string.Join(", ", pushedList)}");
        }

        // On a phone nothing in the app bar is cut off by the top of the screen: the bell's unread count (the LINk's
        // officer has some) sat 4 px above it.
        await page.SetViewportSizeAsync(390, 844);
        await Microsoft.Playwright.Assertions.Expect(page.Locator(".notification-bell .mud-badge")).ToBeVisibleAsync();
        var cut = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('.mud-appbar *')].filter(e => e.getClientRects().length && e.getBoundingClientRect().top < 0).map(e => e.className || e.tagName).slice(0, 5)");
        problems.AddRange(cut.Select(c => $"app bar part above the top of the screen at 390 px: {c}"));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        // Below 1,280 px the menu opens over the page: it says so, and a page chosen from it closes it.
        await page.SetViewportSizeAsync(1024, 768);
        var menuButton = page.GetByRole(AriaRole.Button, new() { Name = "Show or hide the navigation" });
        await Microsoft.Playwright.Assertions.Expect(menuButton).ToHaveAttributeAsync("aria-expanded", "false");
        await menuButton.ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(menuButton).ToHaveAttributeAsync("aria-expanded", "true");
        await page.Locator("#app-navigation").GetByRole(AriaRole.Link, new() { Name = "Response deadlines" }).ClickAsync();
        await page.Locator("main[data-location='deadlines']").WaitForAsync();
        await Microsoft.Playwright.Assertions.Expect(menuButton).ToHaveAttributeAsync("aria-expanded", "false");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#app-navigation")).Not.ToBeInViewportAsync();

        // From the keyboard: opened, it takes focus at its first item; Escape closes it and gives focus back to its
        // button; Tab past its last item into the page it covers closes it too, so nothing focused is hidden under it.
        var menuLinks = page.Locator("#app-navigation a[href]");
        await menuButton.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Microsoft.Playwright.Assertions.Expect(menuButton).ToHaveAttributeAsync("aria-expanded", "true");
        await Microsoft.Playwright.Assertions.Expect(menuLinks.First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Microsoft.Playwright.Assertions.Expect(menuButton).ToHaveAttributeAsync("aria-expanded", "false");
        await Microsoft.Playwright.Assertions.Expect(menuButton).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Microsoft.Playwright.Assertions.Expect(menuButton).ToHaveAttributeAsync("aria-expanded", "true");
        await Microsoft.Playwright.Assertions.Expect(menuLinks.First).ToBeFocusedAsync();
        await menuLinks.Last.FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Microsoft.Playwright.Assertions.Expect(menuButton).ToHaveAttributeAsync("aria-expanded", "false");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#app-navigation")).Not.ToBeInViewportAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"),
            "Tab past the menu's last item should reach the page");
    }

    /// <summary>
    /// The lists shown as cards whose values start further from their label than the label column (at most 12rem, or
    /// 35 % of the card): MudBlazor pushes a short value to the card's far edge, away from what it is.
    /// </summary>
    private static Task<string[]> ValuesFarFromTheirLabelsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
            const found = new Set();
            const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
            for (const cell of document.querySelectorAll('main .mud-table-container td[data-label]:not([data-label=""])')) {
                if (getComputedStyle(cell).display !== 'flex' || !cell.firstElementChild && cell.textContent.trim() === '') continue;
                const box = cell.getBoundingClientRect();
                const range = document.createRange();
                range.selectNodeContents(cell);
                const value = [...range.getClientRects()].filter(r => r.width > 0).reduce((left, r) => Math.min(left, r.left), Infinity);
                if (value - box.left > Math.min(box.width * 0.35, 12 * rem) + 32 + 1) {
                    const table = cell.closest('.mud-table');
                    found.add(`${table?.getAttribute('aria-label') || table?.dataset.testid || 'a list'}: ${cell.dataset.label}`);
                }
            }
            return [...found].slice(0, 8);
        }
        """);

    /// <summary>The lists' cells (name and column) whose content is several parts side by side, text runs counting once.</summary>
    private static Task<string[]> CellsOfSeveralPartsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
            const found = new Set();
            for (const cell of document.querySelectorAll('main .mud-table-container td[data-label]')) {
                if (getComputedStyle(cell).display !== 'flex') continue;
                let parts = 0, inText = false;
                for (const node of cell.childNodes) {
                    const text = node.nodeType === Node.TEXT_NODE;
                    if (text ? node.data.trim() === '' : node.nodeType !== Node.ELEMENT_NODE || getComputedStyle(node).display === 'none') continue;
                    if (!(text && inText)) parts++;
                    inText = text;
                }
                if (parts > 1) {
                    const table = cell.closest('.mud-table');
                    found.add(`${table?.getAttribute('aria-label') || table?.dataset.testid || 'a list'}: ${cell.dataset.label}`);
                }
            }
            return [...found].slice(0, 8);
        }
        """);

    [Fact]
    public async Task Dialog_OnAPhone_FillsTheScreen()
    {
        var page = await OpenPageAsync(390, 844);
        await SignInAsync(page, DemoAccounts.Admin, to: "admin/organisations");
        await WaitForInteractiveAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit Care Quality Commission", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Edit organisation" });
        await dialog.WaitForAsync();
        // The dialog grows into place: wait for the end of its opening animation, then measure.
        await page.WaitForFunctionAsync("""
            () => { const r = document.querySelector('.mud-dialog').getBoundingClientRect();
                    return r.x <= 0.5 && r.width >= innerWidth - 0.5 && r.height >= innerHeight - 0.5; }
            """);
        var box = await dialog.BoundingBoxAsync();

        Assert.NotNull(box);
        Assert.Equal(0, box.X, tolerance: 0.5);
        Assert.Equal(390, box.Width, tolerance: 0.5);
        Assert.Equal(844, box.Height, tolerance: 0.5);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task AccountMenu_OnAPhone_NamesThePersonAndSignsOutFromTheKeyboard()
    {
        var page = await OpenPageAsync(390, 844);
        await SignInAsync(page, DemoAccounts.Link);
        await WaitForInteractiveAsync(page);

        var button = page.GetByRole(AriaRole.Button, new() { Name = "Your account: Lena Khan" });
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var menu = page.GetByRole(AriaRole.Menu);
        await Microsoft.Playwright.Assertions.Expect(menu).ToContainTextAsync("Birmingham LINk");
        // Serious and critical only: an open menu, like every MudBlazor pop-up, is drawn outside the page's landmarks,
        // which axe's best-practice "region" rule reports.
        await page.AssertAccessibleAsync();
        // The arrow keys reach every item, "Sign out" (a form's button, not one of MudBlazor's items) among them: on a
        // phone this menu is the only way out, and the keyboard could not reach it.
        var signOut = menu.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" });
        await menu.GetByRole(AriaRole.Menuitem).First.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Microsoft.Playwright.Assertions.Expect(signOut).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Home");
        await page.Keyboard.PressAsync("ArrowUp");
        await Microsoft.Playwright.Assertions.Expect(signOut).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Microsoft.Playwright.Assertions.Expect(page).ToHaveURLAsync(SignInPage);
    }

    private static async Task CheckAccessibleAsync(IPage page, string path, List<string> problems)
    {
        try
        {
            await page.AssertAccessibleAsync(anyImpact: true);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            problems.Add($"{path}: {e.Message}");
        }
    }

    // Sign-out is in the app bar on a wide screen and in the account menu on a phone; either way it must be on screen. The
    // menu belongs to the layout, the same on every page, so it is opened on the first page only (openMenu); on
    // the others its button must be on screen. Opening and closing it on each page took a third of the phone's sweep.
    private static async Task<bool> SignOutReachableAsync(IPage page, int width, bool openMenu)
    {
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).Or(page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" }));
        var account = page.GetByRole(AriaRole.Button, new() { Name = "Your account", Exact = false });
        var target = signOut;
        var opened = false;
        if (!await signOut.IsVisibleAsync())
        {
            if (openMenu)
            {
                await account.ClickAsync();
                await signOut.WaitForAsync();
                opened = true;
            }
            else
            {
                target = account;
            }
        }

        // The menu is placed by script once it has rendered: wait (briefly) for it to settle inside the screen rather than
        // measuring the first frame, which on a busy machine can still be the unplaced one.
        var inside = true;
        try
        {
            await page.WaitForFunctionAsync("([item, width]) => { const r = item.getBoundingClientRect(); return r.width > 0 && r.x >= 0 && r.x + r.width <= width; }",
                new object[] { await target.ElementHandleAsync(), width }, new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            inside = false;
        }

        if (opened)
        {
            // Closed again (the menu lives in the layout, which stays), so the next page is checked as it first appears.
            // Forced: the open menu's overlay takes the click, which closes it as a tap outside does.
            await account.ClickAsync(new() { Force = true });
            await page.GetByRole(AriaRole.Menu).WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        }

        return inside;
    }

    // The innermost elements that reach past the right edge, so a failure says where to look.
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>("""
        () => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
            .slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' "' + (e.textContent || '').trim().slice(0, 40) + '"')
            .join('; ')
        """);

    private async Task<List<string>> PlainPathsAsync()
    {
        await using var db = await App.Factory.Services.GetRequiredService<IDbContextFactory<EngagementHubDbContext>>().CreateDbContextAsync();
        var exercise = await db.Exercises.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        var commissioner = await db.Organisations.Where(o => o.Kind == EngagementHub.Core.Organisations.OrganisationKind.Commissioner)
            .OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
        var agreedReview = await db.ReviewRounds.OrderBy(r => r.Year).Select(r => r.Id).FirstAsync();
        var openReview = await db.ReviewRounds.OrderByDescending(r => r.Year).Select(r => r.Id).FirstAsync();
        return
        [
            "/account", "/reports", "/reports/annual", $"/reports/exercise?id={exercise}", $"/reports/liaison?organisation={commissioner}",
            $"/reports/responsiveness?organisation={commissioner}", $"/reviews/{agreedReview}/report", $"/reviews/{openReview}/report",
        ];
    }

    private async Task<List<string>> PathsAsync()
    {
        await using var db = await App.Factory.Services.GetRequiredService<IDbContextFactory<EngagementHubDbContext>>().CreateDbContextAsync();
        var exercise = await db.Exercises.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        var deadline = await db.Deadlines.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync();
        var organisation = await db.Organisations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
        var timetableEvent = await db.TimetableEvents.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        var issue = await db.RaisedIssues.OrderBy(i => i.Id).Select(i => (int?)i.Id).FirstOrDefaultAsync();
        // The earliest demo review has both sides' ratings (the meeting view); the latest is still open (the rating form).
        var agreedReview = await db.ReviewRounds.OrderBy(r => r.Year).Select(r => r.Id).FirstAsync();
        var openReview = await db.ReviewRounds.OrderByDescending(r => r.Year).Select(r => r.Id).FirstAsync();
        return
        [
            "/", "/timetable", "/timetable/cycles", "/timetable/events/new", $"/timetable/events/{timetableEvent}",
            $"/timetable/events/{timetableEvent}/edit", "/calendar",
            "/exercises", "/exercises/new", "/exercises/spectrum", $"/exercises/{exercise}", $"/exercises/{exercise}/edit",
            "/joint-working",
            "/deadlines", "/deadlines/new", "/deadlines/calculator", $"/deadlines/{deadline}", "/you-said-we-did",
            "/work-programme", "/work-programme/new", "/work-programme/decisions", "/work-programme/balance", .. (issue is { } i ? [$"/work-programme/{i}"] : Array.Empty<string>()),
            "/directory", $"/directory/{organisation}",
            "/notifications", "/notifications/preferences",
            "/admin/users", "/admin/organisations", "/admin/cycles", "/admin/deadline-kinds", "/admin/deliveries", "/admin/holidays",
            "/reviews", "/reviews/trend", $"/reviews/{openReview}", $"/reviews/{agreedReview}", $"/reviews/{agreedReview}/meeting", "/admin/criteria",
        ];
    }
}
