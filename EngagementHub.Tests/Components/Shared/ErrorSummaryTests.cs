using Bunit;
using EngagementHub.Core.Common;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Shared;

namespace EngagementHub.Tests.Components.Shared;

public sealed class ErrorSummaryTests : BunitTestContextBase
{
    [Fact]
    public async Task Render_BeforeAnySubmission_ShowsNoSummary()
    {
        var cut = Context.Render<ErrorSummaryFormHost>();

        Assert.Empty(cut.FindAll("[data-testid=error-summary]"));
    }

    [Fact]
    public async Task Submit_RequiredFieldsEmpty_ListsEachMessageAsALinkToItsFieldUnderThereIsAProblem()
    {
        var cut = Context.Render<ErrorSummaryFormHost>();

        await cut.Find("form").SubmitAsync();

        var summary = cut.Find("[data-testid=error-summary]");
        Assert.Equal("There is a problem", summary.QuerySelector("h2")!.TextContent);
        Assert.Equal(summary.QuerySelector("h2")!.Id, summary.GetAttribute("aria-labelledby"));
        Assert.NotNull(summary.QuerySelector("[role=alert]"));
        var links = summary.QuerySelectorAll("a");
        Assert.Equal(["Give the exercise a title.", "Enter the start date."], links.Select(a => a.TextContent));
        Assert.Equal("#field-Title", links[0].GetAttribute("href"));
        Assert.Equal("#field-StartDate", links[1].GetAttribute("href"));
        // The summary's messages are the field's own: the same words show next to the field.
        Assert.Contains("Give the exercise a title.", cut.Find(".mud-input-error").TextContent);
    }

    [Fact]
    public async Task Submit_Invalid_FocusesTheSummary()
    {
        var cut = Context.Render<ErrorSummaryFormHost>();

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Context.JSInterop.VerifyFocusAsyncInvoke());
    }

    [Fact]
    public async Task ClickLink_MessageForTitle_AsksTheBrowserToFocusTheTitleField()
    {
        var cut = Context.Render<ErrorSummaryFormHost>();
        await cut.Find("form").SubmitAsync();

        await cut.Find("[data-testid=error-summary] a").ClickAsync(new());

        var call = Assert.Single(Context.JSInterop.Invocations, i => i.Identifier == "errorSummary.focusField");
        Assert.Equal("field-Title", call.Arguments[1]);
        Assert.Equal("Give the exercise a title.", call.Arguments[2]);
    }

    [Fact]
    public async Task EditField_AfterAFailedSubmission_TakesItsMessageOutOfTheSummary()
    {
        var cut = Context.Render<ErrorSummaryFormHost>();
        await cut.Find("form").SubmitAsync();

        await cut.Find("#field-Title").ChangeAsync(new() { Value = "Maternity services" });
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal(["Enter the start date."],
            cut.FindAll("[data-testid=error-summary] a").Select(a => a.TextContent)));
    }

    [Fact]
    public async Task Submit_ServerRefusesAFieldAndTheWhole_ListsBothAndFocuses()
    {
        var cut = Context.Render<ErrorSummaryFormHost>(p => p.Add(h => h.ServerAnswer, Outcome.Invalid(
            new FieldError("", "The lead commissioner no longer takes part in the partnership."),
            new FieldError("Title", "An exercise with this title already exists."))));
        await cut.Find("#field-Title").ChangeAsync(new() { Value = "Maternity services" });
        await cut.FindComponent<UkDateField>().Find("input").ChangeAsync(new() { Value = "1/10/2027" });

        await cut.Find("form").SubmitAsync();

        var items = cut.FindAll("[data-testid=error-summary] li");
        Assert.Equal(["The lead commissioner no longer takes part in the partnership.", "An exercise with this title already exists."],
            items.Select(li => li.TextContent.Trim()));
        // A message about the whole form is text; a field's is a link.
        Assert.Null(items[0].QuerySelector("a"));
        Assert.NotNull(items[1].QuerySelector("a"));
        cut.WaitForAssertion(() => Context.JSInterop.VerifyFocusAsyncInvoke());
    }

    [Fact]
    public async Task Render_MessagesOfAFormWithoutEditContext_ShowsThemAndFocuses()
    {
        var cut = Context.Render<ErrorSummary>(p => p.Add(s => s.Messages, [new FieldError("Participants", "Choose at least one organisation to agree it.")]));

        Assert.Equal("Choose at least one organisation to agree it.", cut.Find("a").TextContent);
        cut.WaitForAssertion(() => Context.JSInterop.VerifyFocusAsyncInvoke());
    }

    [Fact]
    public async Task Render_NoMessages_ShowsNothing()
    {
        var cut = Context.Render<ErrorSummary>(p => p.Add(s => s.Messages, []));

        Assert.Empty(cut.Markup.Trim());
    }
}
