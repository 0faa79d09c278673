using Bunit;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EngagementHub.Tests.Components.Shared;

public sealed class ConfirmationTests : BunitTestContextBase
{
    [Theory]
    [InlineData("Deactivate", true)]
    [InlineData("Keep it", false)]
    public async Task ConfirmAsync_TheActOrTheOtherButton_SaysWhichWasChosen(string pressed, bool confirmed)
    {
        Context.RenderPopovers();
        var providers = Context.Render<MudDialogProvider>();
        var dialogs = Context.Services.GetRequiredService<IDialogService>();

        var asked = providers.InvokeAsync(() => dialogs.ConfirmAsync("Deactivate NHS South Birmingham?",
            "Its people can no longer sign in.", "Deactivate", "Keep it"));

        providers.WaitForAssertion(() => Assert.Single(providers.FindAll(".mud-dialog")));
        var dialog = providers.Find(".mud-dialog");
        // The question names the box; what it means is its content; the keeping button comes first, where focus starts.
        Assert.Equal("Deactivate NHS South Birmingham?", providers.Find($"#{dialog.GetAttribute("aria-labelledby")}").TextContent.Trim());
        Assert.Equal("Its people can no longer sign in.", providers.Find(".mud-dialog-content").TextContent.Trim());
        Assert.Equal(["Keep it", "Deactivate"], providers.FindAll(".mud-dialog-actions button").Select(b => b.TextContent.Trim()));
        await providers.FindAll(".mud-dialog-actions button").Single(b => b.TextContent.Trim() == pressed).ClickAsync(new());

        Assert.Equal(confirmed, await asked);
    }
}
