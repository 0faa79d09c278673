using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

public sealed class DirectoryTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    [Fact]
    public async Task SignIn_LinkOfficer_SeesPartnershipAndOrganisationContacts()
    {
        await Page.GotoAsync("account/login");
        await Expect(Heading(Page, "Sign in")).ToBeVisibleAsync();
        await Page.AssertAccessibleAsync();
        await Screenshots.SaveAsync(Page, "signin.png");

        await SignInAsync(DemoAccounts.Link);

        // Sign-in lands on "my work"; the directory has its own page, one click away in the menu.
        await Expect(Heading(Page, "My work for Birmingham LINk")).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Partnership directory" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(PathIs("/directory"));
        await Expect(Heading(Page, "Partnership directory")).ToBeVisibleAsync();
        var organisations = Page.GetByRole(AriaRole.Region, new() { Name = "Organisations" });
        await Expect(organisations.GetByRole(AriaRole.Link, new() { Name = "Birmingham LINk", Exact = true })).ToBeVisibleAsync();
        await Expect(organisations.GetByRole(AriaRole.Link, new() { Name = "NHS South Birmingham", Exact = true })).ToBeVisibleAsync();
        var user = Page.GetByTestId("app-user");
        await Expect(user).ToContainTextAsync("Lena Khan");
        await Expect(user).ToContainTextAsync("Birmingham LINk");
        await Screenshots.SaveAsync(Page, "directory.png");

        await organisations.GetByRole(AriaRole.Link, new() { Name = "NHS South Birmingham", Exact = true }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(PathIs(@"/directory/\d+"));
        await Expect(Heading(Page, "NHS South Birmingham")).ToBeVisibleAsync();
        var contacts = Page.GetByRole(AriaRole.Region, new() { Name = "Contacts" });
        await Expect(contacts).ToContainTextAsync("Janet Rowe");
        await Expect(contacts).ToContainTextAsync("Colin Marsh");
        await Screenshots.SaveAsync(Page, "organisation.png");
    }

    /// <summary>
    /// A contact's dialogs give focus back (WCAG 2.4.3), though the contacts are drawn again behind them: Edit to its
    /// first field and back to the row's Edit button on Escape; Remove back to the row's button when kept, and to the
    /// list's heading once the row is gone.
    /// </summary>
    [Fact]
    public async Task ContactDialogs_EditedOrRemoved_FocusGoesBackToTheRowOrTheContactsHeading()
    {
        await SignInAsync(DemoAccounts.Commissioner, to: "directory");
        await WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "NHS South Birmingham", Exact = true }).ClickAsync();
        await Expect(Heading(Page, "NHS South Birmingham")).ToBeVisibleAsync();
        await EscapeReturnsFocusToAsync(Page, Page.GetByRole(AriaRole.Region, new() { Name = "Contacts" })
            .GetByRole(AriaRole.Button, new() { Name = "Edit Colin Marsh", Exact = true }), "Edit contact", "Name");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Add contact", Exact = true }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "Add contact" });
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("Rowan Temple");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        var contacts = Page.GetByRole(AriaRole.Region, new() { Name = "Contacts" });
        var remove = contacts.GetByRole(AriaRole.Button, new() { Name = "Remove Rowan Temple", Exact = true });

        // Kept: the same button has focus again. Removed: the row is gone, and focus goes to the list's heading.
        await remove.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Keep", Exact = true }).ClickAsync();
        await ExpectFocusedAsync(remove);
        await Page.Keyboard.PressAsync("Enter");
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync();

        await Expect(remove).ToHaveCountAsync(0);
        await ExpectFocusedAsync(Page.GetByRole(AriaRole.Heading, new() { Name = "Contacts", Exact = true, Level = 2 }));
    }

    [Fact]
    public async Task Directory_PhoneWidth_KeepsThePersonAndOrganisationInTheAccountMenu()
    {
        var phone = await OpenPageAsync(390, 844);
        await SignInAsync(phone, DemoAccounts.Link, to: "directory");
        await WaitForInteractiveAsync(phone);

        await Expect(Heading(phone, "Partnership directory")).ToBeVisibleAsync();
        await Expect(phone.GetByRole(AriaRole.Link, new() { Name = "NHS South Birmingham", Exact = true })).ToBeVisibleAsync();
        // A narrow app bar has room for one line: the organisation someone acts for matters more than their own name.
        // The app bar has no room for the person beside the title on a phone: they are one tap away, in the account menu.
        await Expect(phone.GetByTestId("app-user")).ToBeHiddenAsync();
        await Screenshots.SaveAsync(phone, "directory-phone.png");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Your account: Lena Khan" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Menu)).ToContainTextAsync("Birmingham LINk");
    }
}
