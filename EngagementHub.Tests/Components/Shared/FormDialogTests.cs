using Bunit;
using EngagementHub.Core.Common;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EngagementHub.Tests.Components.Shared;

/// <summary>The frame every form dialog uses: what the person sees for each answer the server can give.</summary>
public sealed class FormDialogTests : BunitTestContextBase
{
    [Fact]
    public async Task Save_ServerRefusesTheDate_SaysWhyNextToTheDateAndInTheSummaryAndKeepsWhatWasTyped()
    {
        var (dialogs, _) = await OpenAsync(_ => Outcome.Invalid(new FieldError("On", "A milestone is something that has happened: its date cannot be in the future.")));

        dialogs.Find("input#field-Name").Change("Board meeting");
        dialogs.Find("input#field-On").Change("1/1/2099");
        await dialogs.Find("form").SubmitAsync();

        const string message = "A milestone is something that has happened: its date cannot be in the future.";
        dialogs.WaitForAssertion(() => Assert.Contains(message, dialogs.Find("[data-testid=error-summary]").TextContent));
        var date = dialogs.Find("input#field-On");
        Assert.Equal("true", date.GetAttribute("aria-invalid"));
        Assert.Contains(message, date.Closest(".mud-input-control")!.TextContent);
        Assert.Equal("1/1/2099", date.GetAttribute("value"));
        Assert.Equal("Board meeting", dialogs.Find("input#field-Name").GetAttribute("value"));
        Assert.Single(dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task Save_RequiredFieldEmpty_NeverReachesTheServerAndListsTheMessage()
    {
        var asked = 0;
        var (dialogs, _) = await OpenAsync(_ =>
        {
            asked++;
            return Outcome.Success;
        });

        await dialogs.Find("form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Contains("Enter a name.", dialogs.Find("[data-testid=error-summary]").TextContent));
        Assert.Equal(0, asked);
        Assert.Single(dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task Save_Succeeds_ClosesWithTheNewRecordsValue()
    {
        SubmissionKey sent = default;
        var (dialogs, reference) = await OpenAsync(key =>
        {
            sent = key;
            return Outcome<int>.Ok(42);
        });

        dialogs.Find("input#field-Name").Change("Board meeting");
        await dialogs.Find("form").SubmitAsync();

        var result = await reference.Result;
        Assert.Equal(42, result!.Data);
        Assert.NotEqual(SubmissionKey.None, sent);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
    }

    [Fact]
    public async Task Save_SomeoneElseSavedFirst_StaysOpenSayingWhyAndKeepsWhatWasTypedUntilClosed()
    {
        var (dialogs, reference) = await OpenAsync(_ => Outcome.Failed("Ada Admin saved this milestone while you were editing it."));

        dialogs.Find("input#field-Name").Change("Board meeting");
        await dialogs.Find("form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Contains("Ada Admin saved this milestone while you were editing it.", dialogs.Find("[data-testid=error-summary]").TextContent));
        Assert.Contains(FormErrors.KeptWhenRefused, dialogs.Find("[data-testid=error-summary]").TextContent);
        Assert.Equal("Board meeting", dialogs.Find("input#field-Name").GetAttribute("value"));
        Assert.False(reference.Result.IsCompleted);

        // Closing it is a cancel, not asked again (the summary said to copy what is needed, then close it): the page
        // behind reloads after any close.
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        Assert.True((await reference.Result)!.Canceled);
    }

    [Fact]
    public async Task Save_RefusedOrTheDatabaseFailed_StaysOpenWithWhatWasTyped()
    {
        var (dialogs, _) = await OpenAsync(_ => null);

        dialogs.Find("input#field-Name").Change("Board meeting");
        await dialogs.Find("form").SubmitAsync();

        Assert.Single(dialogs.FindAll(".mud-dialog"));
        Assert.Equal("Board meeting", dialogs.Find("input#field-Name").GetAttribute("value"));
        Assert.Equal("false", dialogs.Find("button[type=submit]").GetAttribute("aria-busy"));
    }

    [Fact]
    public async Task Open_FocusStartsOnTheFirstField()
    {
        var (dialogs, _) = await OpenAsync(_ => Outcome.Success);

        // The dialog's focus trap focuses the first field, not an empty element of its own (MudBlazor's default).
        Assert.Equal(DefaultFocus.FirstChild, dialogs.FindComponent<MudDialog>().Instance.DefaultFocus);
        dialogs.WaitForAssertion(() => Assert.NotEmpty(Context.JSInterop.Invocations["mudElementRef.focusFirst"]));
    }

    [Fact]
    public async Task Open_WhileLoading_FocusesTheFirstFieldOnceTheFieldsAreDrawn()
    {
        var (dialogs, _) = await OpenAsync(_ => Outcome.Success, loading: true);
        Assert.Equal(DefaultFocus.None, dialogs.FindComponent<MudDialog>().Instance.DefaultFocus);
        Assert.Empty(Context.JSInterop.Invocations["formDialog.focusFirstField"]);

        dialogs.FindComponent<FormDialogHost>().Render(p => p.Add(h => h.Loading, false));

        dialogs.WaitForAssertion(() => Assert.Single(Context.JSInterop.Invocations["formDialog.focusFirstField"]));
        Assert.Single(dialogs.FindAll("input#field-Name"));
    }

    [Fact]
    public async Task Cancel_NothingTyped_ClosesAtOnce()
    {
        var (dialogs, reference) = await OpenAsync(_ => Outcome.Success);

        dialogs.Find("[data-dialog-cancel]").Click();

        Assert.True((await reference.Result)!.Canceled);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
    }

    // Cancel (also pressed by Escape and the close button, forms.js) with something typed asks first: keeping it keeps
    // everything typed; discarding closes the form.
    [Fact]
    public async Task Cancel_SomethingTyped_AsksFirstAndKeepsItUnlessDiscarded()
    {
        var (dialogs, reference) = await OpenAsync(_ => Outcome.Success);
        dialogs.Find("input#field-Name").Change("Board meeting");

        // The handler waits on the question, so the click is awaited once it is answered.
        var cancelling = dialogs.Find("[data-dialog-cancel]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Discard what you typed?", dialogs.Markup));
        await dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Keep editing").ClickAsync(new());
        await cancelling;

        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll(".mud-dialog")));
        Assert.Equal("Board meeting", dialogs.Find("input#field-Name").GetAttribute("value"));
        Assert.False(reference.Result.IsCompleted);

        cancelling = dialogs.Find("[data-dialog-cancel]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Discard what you typed?", dialogs.Markup));
        await dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Discard it").ClickAsync(new());
        await cancelling;

        Assert.True((await reference.Result)!.Canceled);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
    }

    [Fact]
    public void Options_FormsLeaveEscapeToTheirCancelAndConfirmationsCloseOnIt()
    {
        // MudBlazor's own Escape closed a form at once, also when it was meant for a field's calendar (forms.js presses
        // Cancel instead); a confirmation has nothing typed to lose.
        Assert.Equal((false, false, true), (DialogDefaults.Form.CloseOnEscapeKey, DialogDefaults.WideForm.CloseOnEscapeKey, DialogDefaults.Confirmation.CloseOnEscapeKey));
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Dialogs, IDialogReference Reference)> OpenAsync(Func<SubmissionKey, Outcome?> answer, bool loading = false)
    {
        Context.RenderPopovers();
        var dialogs = Context.Render<MudDialogProvider>();
        var parameters = new DialogParameters<FormDialogHost> { { d => d.Answer, answer }, { d => d.Loading, loading } };
        var service = Context.Services.GetRequiredService<IDialogService>();
        var reference = await dialogs.InvokeAsync(() => service.ShowAsync<FormDialogHost>("Add a milestone", parameters, DialogDefaults.Form));
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll(".mud-dialog")));
        return (dialogs, reference);
    }
}
