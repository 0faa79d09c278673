using Bunit;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using MudBlazor;
using DirectoryPage = EngagementHub.Web.Components.Pages.Directory.Directory;

namespace EngagementHub.Tests.Components.Directory;

public sealed class DirectoryTests : BunitTestContextBase
{
    // The search box waits 300 ms after the last keystroke before it asks the server again. MudBlazor times that
    // with the registered TimeProvider, the test database's fake clock, so the test moves the clock instead of sleeping.
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Render_ActiveOrganisations_ListsKindAndLinkRequestsContact()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner, o =>
        {
            o.AddContact("Priya Shah", "Engagement lead", null, null, receivesLinkRequests: true);
            o.AddContact("Tom Reed", null, null, null, receivesLinkRequests: false);
        });
        await database.SeedOrganisationAsync("Care Quality Commission", OrganisationKind.Regulator);
        var gone = await database.SeedOrganisationAsync("Old Forum", OrganisationKind.VoluntarySector, o => o.Deactivate());
        Context.SignIn(People.Viewer(pct.Id));
        Context.RenderPopovers();

        var cut = Context.Render<DirectoryPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        var pctRow = Row(cut, "NHS South Birmingham");
        Assert.Equal("Commissioner", Cell(pctRow, "Kind"));
        Assert.Equal("Priya Shah", Cell(pctRow, "Receives LINk requests"));
        Assert.Equal("2", Cell(pctRow, "Contacts"));
        var cqcRow = Row(cut, "Care Quality Commission");
        Assert.Equal("Regulator", Cell(cqcRow, "Kind"));
        Assert.Equal("—", Cell(cqcRow, "Receives LINk requests"));
        Assert.DoesNotContain(gone.Name, cut.Find("table").TextContent);
        Assert.Equal("Receives LINk requests", cut.FindAll("thead th")[2].TextContent.Trim());
    }

    [Fact]
    public async Task Render_EachOrganisation_NameLinksToItsPage()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        var cqc = await database.SeedOrganisationAsync("Care Quality Commission", OrganisationKind.Regulator);
        Context.SignIn(People.Viewer(pct.Id));
        Context.RenderPopovers();

        var cut = Context.Render<DirectoryPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        Assert.Equal($"/directory/{pct.Id}", NameLink(Row(cut, "NHS South Birmingham")).GetAttribute("href"));
        Assert.Equal($"/directory/{cqc.Id}", NameLink(Row(cut, "Care Quality Commission")).GetAttribute("href"));
    }

    [Fact]
    public async Task Search_TypedText_NarrowsTheList()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        await database.SeedOrganisationAsync("Care Quality Commission", OrganisationKind.Regulator,
            o => o.AddContact("Sam Inspector", null, null, null, receivesLinkRequests: true));
        Context.SignIn(People.Viewer(pct.Id));
        Context.RenderPopovers();
        var cut = Context.Render<DirectoryPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));

        // A contact's name finds their organisation too.
        cut.Find("input[type=text]").Input("inspector");
        database.Clock.Advance(Debounce);

        cut.WaitForAssertion(() => Assert.Equal(["Care Quality Commission"], Rows(cut).Select(r => NameLink(r).TextContent.Trim())));
        // Screen-reader users hear the new count; the wording ("1 organisations") is left to the page.
        var status = cut.Find("[role=status]");
        Assert.Equal("polite", status.GetAttribute("aria-live"));
        Assert.StartsWith("1 ", status.TextContent.Trim());
    }

    [Fact]
    public async Task Search_NothingMatches_SaysHowToWiden()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        Context.SignIn(People.Viewer(pct.Id));
        Context.RenderPopovers();
        var cut = Context.Render<DirectoryPage>();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        cut.Find("input[type=text]").Input("zzz");
        database.Clock.Advance(Debounce);

        cut.WaitForAssertion(() => Assert.Contains("No organisation matches.", cut.Find("table").TextContent));
    }

    [Fact]
    public async Task KindFilter_ChoosingAKind_ShowsOnlyThatKind()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        await database.SeedOrganisationAsync("Care Quality Commission", OrganisationKind.Regulator);
        Context.SignIn(People.Viewer(pct.Id));
        var popovers = Context.RenderPopovers();
        var cut = Context.Render<DirectoryPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));

        cut.FindComponent<MudSelect<OrganisationKind?>>().Find("div.mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "Regulator").Click());

        cut.WaitForAssertion(() => Assert.Equal(["Care Quality Commission"], Rows(cut).Select(r => NameLink(r).TextContent.Trim())));
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<DirectoryPage> cut) =>
        cut.FindAll("table tbody tr").Where(r => r.QuerySelector("td[data-label=Organisation]") is not null).ToList();

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<DirectoryPage> cut, string name) =>
        Rows(cut).Single(r => NameLink(r).TextContent.Trim() == name);

    private static AngleSharp.Dom.IElement NameLink(AngleSharp.Dom.IElement row) => row.QuerySelector("td[data-label=Organisation] a")!;

    private static string Cell(AngleSharp.Dom.IElement row, string column) =>
        row.QuerySelector($"td[data-label='{column}']")!.TextContent.Trim();
}
