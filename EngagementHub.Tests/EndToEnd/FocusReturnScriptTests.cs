using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

/// <summary>
/// The app's focus-return script (forms.js, <c>focusReturn.to</c>) in a real browser on a page of its own, no app: the
/// orders of events a busy server can produce, which a journey meets only now and then.
/// </summary>
public sealed class FocusReturnScriptTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string List = """
        <main>
          <h2 id="contacts-heading">Contacts</h2>
          <button id="edit-contact-5">Edit Colin Marsh</button>
          <a id="elsewhere" href="#">Elsewhere</a>
        </main>
        <div class="mud-dialog-container"><div role="dialog" aria-label="Edit contact"><input id="name" aria-label="Name"></div></div>
        """;

    private IBrowserContext? _context;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await browser.Browser.NewContextAsync();
        _page = await _context.NewPageAsync();
        await _page.SetContentAsync(List);
        await _page.AddScriptTagAsync(new() { Path = Path.Combine(Repository.Root, "EngagementHub.Web", "wwwroot", "forms.js") });
    }

    public async Task DisposeAsync() => await (_context?.CloseAsync() ?? Task.CompletedTask);

    [Fact]
    public async Task To_ListDrawnAgainBeforeTheDialogLeftThePage_FocusesTheRowOnceTheDialogHasGone()
    {
        await _page.FocusAsync("#name");

        await _page.EvaluateAsync("() => focusReturn.to(['edit-contact-5', 'contacts-heading'])");
        await Expect(_page.Locator("#name")).ToBeFocusedAsync();
        await _page.EvaluateAsync("() => document.querySelector('.mud-dialog-container').remove()");

        await Expect(_page.Locator("#edit-contact-5")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task To_RowGone_FocusesTheListsHeading()
    {
        await _page.EvaluateAsync("() => { document.querySelector('.mud-dialog-container').remove(); document.getElementById('edit-contact-5').remove(); }");

        await _page.EvaluateAsync("() => focusReturn.to(['edit-contact-5', 'contacts-heading'])");

        await Expect(_page.Locator("#contacts-heading")).ToBeFocusedAsync();
        await Expect(_page.Locator("#contacts-heading")).ToHaveAttributeAsync("tabindex", "-1");
    }

    [Fact]
    public async Task To_FocusMovedOnThePage_LeavesItWhereThePersonPutIt()
    {
        await _page.EvaluateAsync("() => document.querySelector('.mud-dialog-container').remove()");
        await _page.FocusAsync("#elsewhere");

        await _page.EvaluateAsync("() => focusReturn.to(['edit-contact-5'])");
        // Two frames: the script would have moved focus by then, had it meant to.
        await _page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");

        await Expect(_page.Locator("#elsewhere")).ToBeFocusedAsync();
    }
}
