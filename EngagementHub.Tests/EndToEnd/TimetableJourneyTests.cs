using System.Globalization;
using System.Text.RegularExpressions;
using EngagementHub.Core.Common;
using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

public sealed class TimetableJourneyTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    private const string SouthBirmingham = "NHS South Birmingham";
    private const string AdultsAndCommunities = "Birmingham City Council Adults and Communities";

    [Fact]
    public async Task LinkProposesNextYear_TwoPartnersAgree_ItShowsAgreedAndPublished()
    {
        // Next year: this year's demo timetable has its own history; next year's starts as a draft, with or without events.
        var next = new FinancialYear(FinancialYear.Containing(DateOnly.FromDateTime(DateTime.Today)).StartYear + 1);

        // The LINk officer opens the timetable and picks next year.
        await SignInAsync(DemoAccounts.Link, to: "timetable");
        await WaitForInteractiveAsync();
        await Expect(Heading(Page, "Annual timetable")).ToBeVisibleAsync();
        await Expect(Status(Page)).ToBeVisibleAsync();
        // The README's picture: this year's demo timetable in the year view.
        await Screenshots.SaveAsync(Page, "timetable.png");

        // Printed, the year plan stands alone: no app bar, navigation, filters or buttons.
        await Page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(Page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Expect(Page.Locator(".mud-drawer")).ToBeHiddenAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeHiddenAsync();
        await Expect(Page.GetByLabel("Financial year", new() { Exact = true })).ToBeHiddenAsync();
        await Expect(Page.GetByTestId("print-title")).ToBeVisibleAsync();
        await Page.EmulateMediaAsync(new() { Media = Media.Screen });
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeVisibleAsync();

        // A native select (FilterSelect), found by its visible label.
        await Page.GetByLabel("Financial year", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = next.Label });
        await Expect(Page).ToHaveURLAsync(new Regex($"year={next.StartYear}"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = $"Agreement of the {next.Label} timetable" })).ToBeVisibleAsync();
        await Expect(Status(Page)).ToHaveTextAsync("Draft");
        await Page.AssertAccessibleAsync();

        // Each view passes axe, with or without events in it.
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Month" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("view=month"));
        await Expect(Page.GetByTestId("month-title")).ToBeVisibleAsync();
        await Page.AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "List" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("view=list"));
        await Expect(Page.GetByTestId("list-view")).ToBeVisibleAsync();
        await Page.AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Year" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/timetable\\?year={next.StartYear}$"));

        // Reached by the keyboard, the native select and the checklist's summary show the app's focus ring.
        foreach (var control in new[] { Page.GetByLabel("Financial year", new() { Exact = true }), Page.Locator("summary", new() { HasTextString = "Kinds of event" }) })
        {
            await ReachByKeyboardAsync(Page, control);
            await Expect(control).ToHaveCSSAsync("outline-style", "solid");
            await Expect(control).ToHaveCSSAsync("outline-width", "2px");
        }

        // The kinds filter is a checklist of native checkboxes (FilterChecklist): ticking one filters the address, and
        // the open list passes axe; clearing it shows everything again.
        await Page.Locator("summary", new() { HasTextString = "Kinds of event" }).ClickAsync();
        var kinds = Page.GetByRole(AriaRole.Group, new() { Name = "Kinds of event" });
        await SetCheckedAsync(kinds.GetByLabel("Decision point", new() { Exact = true }));
        await Expect(Page).ToHaveURLAsync(new Regex($"/timetable\\?year={next.StartYear}&kind=DecisionPoint$"));
        await Page.AssertAccessibleAsync();
        await SetCheckedAsync(kinds.GetByLabel("Decision point", new() { Exact = true }), chosen: false);
        await Expect(Page).ToHaveURLAsync(new Regex($"/timetable\\?year={next.StartYear}$"));

        // ... and proposes it to the South Birmingham PCT and the council's Adults and Communities.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Propose for agreement" }).ClickAsync();
        // 2027/28 is still nearly empty in the demo data: proposing it asks first.
        var confirm = Page.GetByRole(AriaRole.Dialog, new() { Name = "Propose a timetable with", Exact = false });
        await Expect(confirm).ToContainTextAsync($"The {next.Label} timetable has");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Propose it as it is" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = $"Propose the {next.Label} timetable for agreement" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Checkbox, new() { Name = SouthBirmingham, Exact = true })).ToBeCheckedAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Clear the choice" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Checkbox, new() { Name = SouthBirmingham, Exact = true })).Not.ToBeCheckedAsync();
        await SetCheckedAsync(dialog.GetByRole(AriaRole.Checkbox, new() { Name = SouthBirmingham, Exact = true }));
        await SetCheckedAsync(dialog.GetByRole(AriaRole.Checkbox, new() { Name = AdultsAndCommunities, Exact = true }));
        await dialog.GetByLabel("Note to the partners (optional)").FillAsync("Our draft for next year: please agree by the end of the month.");
        await Page.AssertAccessibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Propose", Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Status(Page)).ToHaveTextAsync("Proposed for agreement");
        await Expect(Page.GetByTestId("awaited").Locator("li")).ToHaveTextAsync([AdultsAndCommunities, SouthBirmingham]);
        await Expect(Page.GetByTestId("agreements")).ToContainTextAsync("Birmingham LINk: agreed by Lena Khan");
        await Page.AssertAccessibleAsync();

        // The commissioner agrees for South Birmingham.
        await AgreeAsync(DemoAccounts.Commissioner, next, SouthBirmingham);

        // The council agrees last: the timetable is agreed and published.
        var council = await AgreeAsync(DemoAccounts.Council, next, AdultsAndCommunities);
        await Expect(Status(council)).ToHaveTextAsync("Agreed and published");

        // The LINk sees the three agreements.
        await Page.ReloadAsync();
        await WaitForInteractiveAsync();
        await Expect(Status(Page)).ToHaveTextAsync("Agreed and published");
        var agreements = Page.GetByTestId("agreements").Locator("li");
        await Expect(agreements).ToHaveCountAsync(3);
        await Expect(agreements.Nth(0)).ToContainTextAsync("Birmingham LINk: agreed by Lena Khan on");
        await Expect(agreements.Nth(1)).ToContainTextAsync($"{SouthBirmingham}: agreed by Colin Marsh on");
        await Expect(agreements.Nth(2)).ToContainTextAsync($"{AdultsAndCommunities}: agreed by Carys Bennett on");
        await Expect(Page.GetByTestId("awaited")).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Propose for agreement" })).ToHaveCountAsync(0);
        await Page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task YearView_LaptopPhoneAndPaper_EveryMonthAndEveryEventReadable()
    {
        // A 1366 × 768 laptop: the whole year, April to March, fits beside the menu, and no label is cut short.
        var laptop = await OpenPageAsync(1366, 768);
        await SignInAsync(laptop, DemoAccounts.Link, to: "timetable");
        await WaitForInteractiveAsync(laptop);
        var year = laptop.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Year view of ") });
        await Expect(year).ToBeVisibleAsync();
        var march = year.Locator(".tt-year__month").Last;
        await Expect(march).ToHaveTextAsync(new Regex("^Mar "));
        var marchBox = (await march.BoundingBoxAsync())!;
        var yearBox = (await year.BoundingBoxAsync())!;
        Assert.True(marchBox.X + marchBox.Width <= yearBox.X + yearBox.Width + 1, $"March ends at {marchBox.X + marchBox.Width} px, the year view at {yearBox.X + yearBox.Width} px");
        Assert.True(marchBox.X + marchBox.Width <= 1366, $"March ends at {marchBox.X + marchBox.Width} px");
        // Nothing sticks out past March: the view does not scroll sideways (the widest thing is named if it does).
        var overflow = await year.EvaluateAsync<string>("""
            y => {
                if (y.scrollWidth <= y.clientWidth) return '';
                const edge = y.getBoundingClientRect().right;
                const widest = [...y.querySelectorAll('*')].sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)[0];
                return `${y.scrollWidth} > ${y.clientWidth}: ${widest.className} "${widest.textContent.trim().slice(0, 60)}" ends ${widest.getBoundingClientRect().right - edge} px past`;
            }
            """);
        Assert.True(overflow.Length == 0, overflow);
        await Expect(laptop.GetByTestId("year-scroll-cue")).ToBeHiddenAsync();
        // Every label shows its whole text inside its own item: wrapped, never clipped or spilling into a neighbour.
        var clipped = await year.EvaluateAsync<string[]>("""
            y => [...y.querySelectorAll('[data-testid=event] .tt-item__label')]
                .filter(l => {
                    const item = l.closest('li').getBoundingClientRect(), box = l.getBoundingClientRect();
                    return l.scrollWidth > l.clientWidth + 1 || l.scrollHeight > l.clientHeight + 1
                        || box.right > item.right + 1 || box.bottom > item.bottom + 1 || box.left < item.left - 1;
                })
                .map(l => l.textContent.trim())
            """);
        Assert.Empty(clipped);
        var longest = await year.EvaluateAsync<string>("y => [...y.querySelectorAll('[data-testid=event] .tt-item__label')].map(l => l.textContent.trim()).sort((a, b) => b.length - a.length)[0]");
        Assert.True(longest.Length >= 30, $"The longest label is \"{longest}\"");
        var label = year.Locator("[data-testid=event] .tt-item__label").Filter(new() { HasTextString = longest }).First;
        await Expect(label).ToHaveTextAsync(longest);
        // The full title is also the link's accessible name and its tooltip on hover.
        var link = year.Locator("[data-testid=event] a").Filter(new() { HasTextString = longest }).First;
        await Expect(link).ToHaveAttributeAsync("aria-label", new Regex("^" + Regex.Escape(longest)));
        await Expect(link).ToHaveAttributeAsync("title", new Regex("^" + Regex.Escape(longest)));

        // Printed on A3 landscape: no app bar or menu, and every event of a busy month is on the paper, none behind "+N more".
        await laptop.SetViewportSizeAsync(1587, 1123);
        await laptop.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(laptop.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Expect(laptop.Locator(".mud-drawer")).ToBeHiddenAsync();
        await Expect(laptop.GetByTestId("year-scroll-cue")).ToBeHiddenAsync();
        var busy = year.GetByTestId("lane").Filter(new() { Has = laptop.GetByTestId("more") });
        Assert.True(await busy.CountAsync() > 0, "The demo year has no busy month to print");
        for (var i = 0; i < await busy.CountAsync(); i++)
        {
            var lane = busy.Nth(i);
            foreach (var more in await lane.GetByTestId("more").AllAsync())
            {
                await Expect(more).ToBeHiddenAsync();
            }

            var listed = lane.GetByTestId("print-more");
            await Expect(listed).ToBeVisibleAsync();
            var hidden = 0;
            foreach (var more in await lane.GetByTestId("more").AllAsync())
            {
                hidden += int.Parse(Regex.Match(await more.TextContentAsync() ?? "", @"\+(\d+) more").Groups[1].Value, CultureInfo.InvariantCulture);
            }

            await Expect(listed.Locator("li")).ToHaveCountAsync(hidden);
            // The lane's count of events is all on paper: the ones drawn plus the ones listed.
            var heading = await lane.Locator(".tt-lane__name").TextContentAsync() ?? "";
            var count = int.Parse(Regex.Match(heading, @"\((\d+)\)\s*$").Groups[1].Value, CultureInfo.InvariantCulture);
            var drawn = lane.GetByTestId("event");
            await Expect(drawn).ToHaveCountAsync(count - hidden);
            foreach (var e in await drawn.AllAsync())
            {
                await Expect(e).ToBeVisibleAsync();
            }
        }

        await laptop.EmulateMediaAsync(new() { Media = Media.Screen });

        // A 390 px phone: the year scrolls sideways inside a named region the keyboard can reach, and says so.
        var phone = await OpenPageAsync(390, 844);
        await SignInAsync(phone, DemoAccounts.Link, to: "timetable");
        await WaitForInteractiveAsync(phone);
        var region = phone.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("^Year view of .+: one lane per organisation, April to March$") });
        await Expect(region).ToHaveAttributeAsync("tabindex", "0");
        await Expect(phone.GetByTestId("year-scroll-cue")).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("year-scroll-cue")).ToContainTextAsync("scroll the year view sideways");
        Assert.True(await region.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "The year view does not scroll at 390 px");
        await region.FocusAsync();
        await ExpectFocusedAsync(region);
        await phone.Keyboard.PressAsync("ArrowRight");
        await phone.Keyboard.PressAsync("ArrowRight");
        await phone.WaitForFunctionAsync("() => document.querySelector('[data-testid=year-view]').scrollLeft > 0");
        // Scrolled, each lane still shows whose it is.
        var nameBox = (await region.Locator(".tt-lane__name").First.BoundingBoxAsync())!;
        var regionBox = (await region.BoundingBoxAsync())!;
        Assert.True(nameBox.X >= regionBox.X - 1, $"The lane name is at {nameBox.X} px, the region at {regionBox.X} px");
    }

    private async Task<IPage> AgreeAsync(string account, FinancialYear year, string organisation)
    {
        var page = await OpenPageAsync(1280, 800);
        await SignInAsync(page, account, to: $"timetable?year={year.StartYear}");
        await WaitForInteractiveAsync(page);
        await Expect(Heading(page, "Annual timetable")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("awaited")).ToContainTextAsync(organisation);
        await page.GetByRole(AriaRole.Button, new() { Name = "Agree", Exact = true }).ClickAsync();
        // Agreeing binds the organisation: the app says what it means and asks.
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = $"Agree the {year.Label} timetable for {organisation}?" });
        await Expect(confirm).ToContainTextAsync("the partners plan their engagement around these dates");
        await confirm.GetByRole(AriaRole.Button, new() { Name = $"Agree for {organisation}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasTextString = $"You agreed the {year.Label} timetable for {organisation}." })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("agreements")).ToContainTextAsync($"{organisation}: agreed by");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Agree", Exact = true })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
        return page;
    }

    private static ILocator Status(IPage page) => page.GetByTestId("timetable-status");
}
