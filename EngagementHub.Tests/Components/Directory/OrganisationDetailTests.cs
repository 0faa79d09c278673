using Bunit;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Directory;

namespace EngagementHub.Tests.Components.Directory;

public sealed class OrganisationDetailTests : BunitTestContextBase
{
    [Fact]
    public async Task Render_Contacts_MarksWhoReceivesLinkRequests()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner, o =>
        {
            o.AddContact("Tom Reed", "Analyst", "tom@example.org", null, receivesLinkRequests: false);
            o.AddContact("Priya Shah", "Engagement lead", "priya@example.org", "0121 000 0000", receivesLinkRequests: true);
        });
        Context.SignIn(People.Viewer(pct.Id));
        Context.RenderPopovers();

        var cut = Context.Render<OrganisationDetail>(p => p.Add(x => x.Id, pct.Id));

        cut.WaitForAssertion(() => Assert.Equal("NHS South Birmingham", cut.Find("h1").TextContent.Trim()));
        var priya = ContactRow(cut, "Priya Shah");
        Assert.Equal("Receives LINk requests", priya.QuerySelector(".mud-chip")!.TextContent.Trim());
        Assert.Equal("Priya Shah Receives LINk requests", OneLine(priya.QuerySelector("td[data-label='Name']")!.TextContent));
        Assert.Equal("mailto:priya@example.org", priya.QuerySelector("td[data-label='E-mail'] a")!.GetAttribute("href"));
        Assert.Null(ContactRow(cut, "Tom Reed").QuerySelector(".mud-chip"));
    }

    public static TheoryData<string, bool> People_CanMaintain => new()
    {
        { nameof(UserRole.Editor) + " of this organisation", true },
        { nameof(UserRole.Admin) + " of another organisation", true },
        { nameof(UserRole.Editor) + " of another organisation", false },
        { nameof(UserRole.Viewer) + " of this organisation", false },
    };

    [Theory]
    [MemberData(nameof(People_CanMaintain))]
    public async Task Render_Person_ShowsMaintenanceButtonsOnlyToWhoMayMaintain(string person, bool expected)
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner,
            o => o.AddContact("Priya Shah", null, null, null, receivesLinkRequests: true));
        Context.SignIn(person switch
        {
            "Editor of this organisation" => People.Editor(pct.Id),
            "Admin of another organisation" => People.Admin(link.Id),
            "Editor of another organisation" => People.Editor(link.Id),
            _ => People.Viewer(pct.Id),
        });
        Context.RenderPopovers();

        var cut = Context.Render<OrganisationDetail>(p => p.Add(x => x.Id, pct.Id));

        cut.WaitForAssertion(() => Assert.Equal("NHS South Birmingham", cut.Find("h1").TextContent.Trim()));
        var buttons = cut.FindAll("button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Equal(expected, buttons.Contains("Edit details"));
        Assert.Equal(expected, buttons.Contains("Add contact"));
        Assert.Equal(expected, cut.FindAll("button[aria-label='Edit Priya Shah']").Count == 1);
        Assert.Equal(expected, cut.FindAll("button[aria-label='Remove Priya Shah']").Count == 1);
    }

    [Fact]
    public async Task Render_Deactivated_AdministratorMayCorrectItsContactsButAddsNone()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner, o =>
        {
            o.AddContact("Priya Shah", null, null, null, receivesLinkRequests: true);
            o.Deactivate();
        });
        Context.SignIn(People.Admin(link.Id));
        Context.RenderPopovers();

        var cut = Context.Render<OrganisationDetail>(p => p.Add(x => x.Id, pct.Id));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("button[aria-label='Edit Priya Shah']")));
        Assert.DoesNotContain("Add contact", cut.FindAll("button").Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public async Task Render_NewOrganisation_HistorySaysWhoCreatedIt()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        Context.SignIn(People.Viewer(pct.Id));
        Context.RenderPopovers();

        var cut = Context.Render<OrganisationDetail>(p => p.Add(x => x.Id, pct.Id));

        cut.WaitForAssertion(() =>
        {
            var history = cut.Find("section[aria-labelledby]");
            Assert.Equal("History", history.QuerySelector("h2")!.TextContent.Trim());
            Assert.StartsWith("Ada Admin created the organisation on ", history.QuerySelector(".mud-timeline-item p")!.TextContent.Trim());
        });
    }

    [Fact]
    public async Task Render_UnknownId_SaysNotFoundWithWayBack()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        Context.SignIn(People.Viewer(1));
        Context.RenderPopovers();

        var cut = Context.Render<OrganisationDetail>(p => p.Add(x => x.Id, 999));

        cut.WaitForAssertion(() => Assert.Equal("Organisation not found", cut.Find("h1").TextContent.Trim()));
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "/directory" && a.TextContent.Trim() == "Back to the directory");
    }

    private static AngleSharp.Dom.IElement ContactRow(IRenderedComponent<OrganisationDetail> cut, string name) =>
        cut.FindAll("table tbody tr").Single(r => r.QuerySelector("td[data-label=Name]")?.TextContent.Trim().StartsWith(name, StringComparison.Ordinal) == true);
}
