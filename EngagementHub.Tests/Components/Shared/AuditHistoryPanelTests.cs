using Bunit;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Components.Shared;

public sealed class AuditHistoryPanelTests : BunitTestContextBase
{
    [Fact]
    public async Task Render_EntityWithoutHistory_SaysNothingRecorded()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        Context.SignIn(People.Viewer(1));

        var cut = RenderPanel("999");

        cut.WaitForAssertion(() => Assert.Equal("No changes recorded yet.", cut.Find("section p").TextContent.Trim()));
        var heading = cut.Find("section h2");
        Assert.Equal("History", heading.TextContent.Trim());
        Assert.Equal(heading.Id, cut.Find("section").GetAttribute("aria-labelledby"));
    }

    [Fact]
    public async Task Render_EditedEntity_ListsEachChangeNewestFirst()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var pct = await database.SeedOrganisationAsync("South Birmingham PCT", OrganisationKind.Commissioner);
        database.Clock.Advance(TimeSpan.FromDays(1));
        // Before the directory is resolved: bUnit takes no new services once one has been handed out.
        Context.SignIn(People.Viewer(pct.Id));
        var editor = People.Editor(pct.Id);
        var saved = await Context.Services.GetRequiredService<OrganisationDirectory>().UpdateAsync(editor, pct.Id, new OrganisationInput
        {
            Name = "NHS South Birmingham",
            ShortName = "SB PCT",
            Kind = OrganisationKind.Commissioner,
            Version = pct.Version,
        });
        Assert.True(saved.Succeeded);

        var cut = RenderPanel(pct.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".mud-timeline-item").Count));
        var latest = cut.FindAll(".mud-timeline-item")[0];
        Assert.StartsWith("Eddie Editor changed the organisation on ", latest.QuerySelector("p")!.TextContent.Trim());
        var changes = latest.QuerySelectorAll("ul.audit-changes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains("Name changed from “South Birmingham PCT” to “NHS South Birmingham”.", changes);
        Assert.Contains("Short name set to “SB PCT”.", changes);
        Assert.StartsWith("Ada Admin created the organisation on ", cut.FindAll(".mud-timeline-item")[1].QuerySelector("p")!.TextContent.Trim());
    }

    [Fact]
    public async Task Render_CodeNamesDatesAndEmptyChanges_ReadAsWordsAndTheAppsDates()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        Context.SignIn(People.Viewer(1));
        await using (var db = database.CreateContext())
        {
            db.AuditEntries.Add(new EngagementHub.Core.Auditing.AuditEntry
            {
                At = new DateTimeOffset(2026, 11, 29, 12, 57, 0, TimeSpan.Zero),
                UserName = "Lena Khan",
                EntityType = nameof(Organisation),
                EntityId = "42",
                Action = EngagementHub.Core.Auditing.AuditAction.Modified,
                Changes =
                [
                    new("AgreementStatus", "NoneProposed", "AwaitingAgreement"),
                    new("DecisionDate", "2027-04-15", "2027-05-06"),
                    new("WorkingDaysLate", null, ""),
                ],
            });
            await db.SaveChangesAsync();
        }

        var cut = RenderPanel("42");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".mud-timeline-item")));
        Assert.Equal("Lena Khan changed the organisation on 29 Nov 2026 at 12:57.", cut.Find(".mud-timeline-item p").TextContent.Trim());
        var changes = cut.FindAll("ul.audit-changes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["Joint-working agreement changed from None proposed to Awaiting agreement.", "Decision date changed from Thu 15 Apr 2027 to Thu 6 May 2027."], changes);
    }

    private IRenderedComponent<AuditHistoryPanel> RenderPanel(string entityId) =>
        Context.Render<AuditHistoryPanel>(p => p
            .Add(x => x.EntityType, nameof(Organisation))
            .Add(x => x.EntityId, entityId));
}
