using AngleSharp.Dom;
using Bunit;
using EngagementHub.Core;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Directory;
using EngagementHub.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EngagementHub.Tests.Components.Directory;

public sealed class OrganisationEditDialogTests : BunitTestContextBase
{
    [Theory]
    [InlineData("care quality commission", "Another organisation is already called \"care quality commission\".")]
    [InlineData("", "Enter the organisation's name.")]
    public async Task Save_NameRefused_SaysWhyNextToTheNameAndStaysOpen(string typed, string message)
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        await database.SeedOrganisationAsync("Care Quality Commission", OrganisationKind.Regulator);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        Context.SignIn(People.Editor(pct.Id));
        var (dialogs, _) = OpenEditDialog(pct.Id);

        NameInput(dialogs).Change(typed);
        dialogs.Find("form").Submit();

        dialogs.WaitForAssertion(() => Assert.Equal(message, FieldMessage(dialogs, "Name")));
        Assert.Equal("true", NameInput(dialogs).GetAttribute("aria-invalid"));
        Assert.Single(dialogs.FindAll(".mud-dialog"));
        Assert.Equal("NHS South Birmingham", (await database.ReloadAsync(pct.Id))!.Name);
    }

    [Fact]
    public async Task Save_NewName_ClosesAndPageShowsIt()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        Context.SignIn(People.Editor(pct.Id));
        var (dialogs, page) = OpenEditDialog(pct.Id);

        NameInput(dialogs).Change("NHS Birmingham and Solihull");
        dialogs.Find("form").Submit();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        page.WaitForAssertion(() => Assert.Equal("NHS Birmingham and Solihull", page.Find("h1").TextContent.Trim()));
        Assert.Equal("NHS Birmingham and Solihull", (await database.ReloadAsync(pct.Id))!.Name);
    }

    [Fact]
    public async Task Save_PostgreSqlDatabaseRefusesWrites_SaysSoAndKeepsWhatWasTyped()
    {
        var database = await CreateDatabaseAsync(DatabaseProvider.PostgreSql);
        Context.UseEngagementHub(database);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        Context.SignIn(People.Admin(pct.Id));
        var (dialogs, _) = OpenEditDialog(pct.Id);
        // Read-only, as a managed server goes when its storage is full: reads still work, every write is refused.
        database.RefuseWrites();

        NameInput(dialogs).Change("NHS Birmingham and Solihull");
        dialogs.Find("form").Submit();

        dialogs.WaitForAssertion(() => Assert.Equal(
            AppComponentBase.DatabaseRefusesWritesMessage, Assert.Single(Context.Services.GetRequiredService<ISnackbar>().ShownSnackbars).Message));
        Assert.Single(dialogs.FindAll(".mud-dialog"));
        Assert.Equal("NHS Birmingham and Solihull", NameInput(dialogs).GetAttribute("value"));
        Assert.Equal("NHS South Birmingham", (await database.ReloadAsync(pct.Id))!.Name);
    }

    /// <summary>Opens the dialog the way a person does: the organisation's page, then "Edit details".</summary>
    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<OrganisationDetail> Page) OpenEditDialog(
        int organisationId)
    {
        Context.RenderPopovers();
        var dialogs = Context.Render<MudDialogProvider>();
        Context.Render<MudSnackbarProvider>();
        var page = Context.Render<OrganisationDetail>(p => p.Add(x => x.Id, organisationId));
        page.WaitForAssertion(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Edit details").Click());
        dialogs.WaitForAssertion(() => Assert.False(NameInput(dialogs).HasAttribute("disabled")));
        return (dialogs, page);
    }

    private static IElement Field(IRenderedComponent<MudDialogProvider> dialogs, string label) =>
        dialogs.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    private static IElement NameInput(IRenderedComponent<MudDialogProvider> dialogs) => Field(dialogs, "Name").QuerySelector("input")!;

    private static string FieldMessage(IRenderedComponent<MudDialogProvider> dialogs, string label) =>
        Field(dialogs, label).QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";
}
