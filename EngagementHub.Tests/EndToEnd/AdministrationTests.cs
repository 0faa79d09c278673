using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

public sealed class AdministrationTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    [Fact]
    public async Task Admin_EditsOrganisationInDialog_ChangeIsListed()
    {
        await SignInAsync(DemoAccounts.Admin, to: "admin/users");
        await WaitForInteractiveAsync();
        await Expect(Heading(Page, "Users")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Users" })).ToContainTextAsync("Lena Khan");
        await Screenshots.SaveAsync(Page, "admin-users.png");
        // The administrator's own row offers no "Disable": it asked, then refused ("You cannot disable your own account").
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Disable Lena Khan", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Disable Alex Admin", Exact = true })).ToHaveCountAsync(0);
        // At a laptop's 1,024 px a row's buttons stay on one line: "Disable" wrapped under "Edit" and "Password".
        await Page.SetViewportSizeAsync(1024, 768);
        var wrapped = await Page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('main td.cell-actions')].filter(td => new Set([...td.querySelectorAll('button')].map(b => Math.round(b.getBoundingClientRect().top))).size > 1).length");
        Assert.Equal(0, wrapped);
        await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);

        await Page.GotoAsync("admin/organisations");
        await WaitForInteractiveAsync();
        await WaitForHeadingFocusAsync(Page);
        await Expect(Heading(Page, "Organisations")).ToBeVisibleAsync();
        var organisations = Page.GetByRole(AriaRole.Region, new() { Name = "All organisations" });
        await Expect(organisations.GetByRole(AriaRole.Link, new() { Name = "Care Quality Commission", Exact = true })).ToBeVisibleAsync();

        await organisations.GetByRole(AriaRole.Button, new() { Name = "Edit Care Quality Commission", Exact = true }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "Edit organisation" });
        var name = dialog.GetByLabel("Name", new() { Exact = true });
        await Expect(name).ToHaveValueAsync("Care Quality Commission");
        await Page.AssertAccessibleAsync();
        await name.FillAsync("Care Quality Commission (West Midlands)");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Page.GetByText("Organisation saved.")).ToBeVisibleAsync();
        await Expect(organisations.GetByRole(AriaRole.Link, new() { Name = "Care Quality Commission (West Midlands)", Exact = true })).ToBeVisibleAsync();
        // The saved row is drawn afresh; focus is back on its Edit button, not on the page's body.
        await ExpectFocusedAsync(organisations.GetByRole(AriaRole.Button, new() { Name = "Edit Care Quality Commission (West Midlands)", Exact = true }));
    }

    /// <summary>
    /// Each administrator's list whose rows open a form dialog: focus goes to the dialog's first field, and back to the
    /// row's Edit button when it closes, though the list is drawn again behind it. One sign-in, then moves within the app.
    /// </summary>
    [Fact]
    public async Task RowEdit_EachAdminList_FocusIsOnTheFirstFieldThenBackOnTheRowsEditButton()
    {
        (string Path, string Table, string Edit, string Dialog)[] lists =
        [
            ("admin/deadline-kinds", "Deadline kinds", "Edit Response to a report or recommendations", "Edit Response to a report or recommendations"),
            ("admin/criteria", "The LINk's criteria", "Edit New faces", "Edit New faces"),
            ("admin/organisations", "All organisations", "Edit Be Birmingham", "Edit organisation"),
            ("admin/users", "Users", "Edit Lena Khan", "Edit user"),
        ];
        await SignInAsync(DemoAccounts.Admin, to: lists[0].Path);
        await WaitForInteractiveAsync();

        foreach (var (path, table, edit, dialog) in lists)
        {
            if (path != lists[0].Path)
            {
                await GoWithinAppAsync(Page, "/" + path);
            }

            await WaitForHeadingFocusAsync(Page);

            var button = Page.GetByRole(AriaRole.Region, new() { Name = table, Exact = true }).GetByRole(AriaRole.Button, new() { Name = edit, Exact = true });
            await EscapeReturnsFocusToAsync(Page, button, dialog, "Name");
        }
    }

    [Fact]
    public async Task BankHolidays_ConfirmationPanel_FocusGoesToItThenBackToTheRemoveOrToTheNextRow()
    {
        await SignInAsync(DemoAccounts.Admin, to: "admin/holidays");
        await WaitForInteractiveAsync();
        await WaitForHeadingFocusAsync(Page);
        var add = Page.GetByRole(AriaRole.Button, new() { Name = "Add…", Exact = true });
        var panel = Page.GetByTestId("holiday-preview");
        var heading = panel.GetByRole(AriaRole.Heading);
        foreach (var (date, name) in new[] { ("03/01/2033", "First test day"), ("04/01/2033", "Second test day") })
        {
            var field = Page.GetByLabel("Date", new() { Exact = true });
            await field.FillAsync(date);
            await field.PressAsync("Tab");
            await Page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
            await add.ClickAsync();
            // The panel that asks for confirmation takes focus; once confirmed, focus goes back to Add, not the body.
            await ExpectFocusedAsync(heading);
            await panel.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).ClickAsync();
            await Expect(panel).ToBeHiddenAsync();
            await ExpectFocusedAsync(add);
        }

        var list = Page.GetByRole(AriaRole.Region, new() { Name = "Bank holidays in 2033", Exact = true });
        var removeFirst = list.GetByRole(AriaRole.Button, new() { Name = "Remove First test day Mon 3 Jan 2033", Exact = true });
        var removeSecond = list.GetByRole(AriaRole.Button, new() { Name = "Remove Second test day Tue 4 Jan 2033", Exact = true });

        // Cancelled: focus is back on the Remove that opened the panel.
        await removeFirst.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await ExpectFocusedAsync(heading);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(panel).ToBeHiddenAsync();
        await ExpectFocusedAsync(removeFirst);

        // Removed: the row is gone, and focus goes to the next row's Remove; with no row left, to the list.
        await Page.Keyboard.PressAsync("Enter");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).ClickAsync();
        await Expect(removeFirst).ToHaveCountAsync(0);
        await ExpectFocusedAsync(removeSecond);
        await Page.Keyboard.PressAsync("Enter");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).ClickAsync();
        await Expect(removeSecond).ToHaveCountAsync(0);
        await ExpectFocusedAsync(list);
    }

    [Fact]
    public async Task AdminUsers_Viewer_IsRefused()
    {
        await SignInAsync(DemoAccounts.Viewer);

        await Page.GotoAsync("admin/users");

        await Expect(Page).ToHaveURLAsync(PathIs("/account/access-denied"));
        await Expect(Heading(Page, "You don't have access to this page")).ToBeVisibleAsync();
        await Expect(Page.GetByText("Lena Khan")).ToHaveCountAsync(0);
        await Page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task JobsDashboard_Admin_ShowsBritishDatesAndTimes()
    {
        await SignInAsync(DemoAccounts.Admin, to: "hangfire/recurring");

        // Each recurring job's next run: its tooltip is the full date, which the dashboard writes once the page is ready
        // (and its tooltip library then keeps in data-original-title).
        var nextRun = Page.Locator("td [data-moment]").First;
        await Expect(nextRun).ToHaveAttributeAsync("data-original-title", new System.Text.RegularExpressions.Regex(
            @"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} at \d{2}:\d{2}$"));
    }
}
