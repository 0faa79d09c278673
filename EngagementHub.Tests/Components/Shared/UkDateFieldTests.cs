using Bunit;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Rendering;

namespace EngagementHub.Tests.Components.Shared;

public sealed class UkDateFieldTests : BunitTestContextBase
{
    [Theory]
    [InlineData("1/10/2008")]
    [InlineData("01/10/08")]
    [InlineData("1.10.2008")]
    [InlineData("1-10-2008")]
    [InlineData("2008-10-01")]
    [InlineData("1 Oct 2008")]
    [InlineData("1 October 2008")]
    [InlineData("1 oct 08")]
    public async Task Typing_AFormPeopleUse_ShowsTheDateItUnderstoodAndKeepsTheText(string typed)
    {
        DateOnly? value = null;
        var cut = Render(v => value = v);

        cut.Find("input").Change(typed);

        cut.WaitForAssertion(() => Assert.Equal("Wednesday 1 October 2008", cut.Find("[data-testid=understood-date]").TextContent.Trim()));
        Assert.Equal(new DateOnly(2008, 10, 1), value);
        Assert.Equal(typed, cut.Find("input").GetAttribute("value"));
        Assert.Equal("false", cut.Find("input").GetAttribute("aria-invalid"));
        Assert.Contains(cut.Find("[data-testid=understood-date]").Id!, cut.Find("input").GetAttribute("aria-describedby")!);
    }

    [Theory]
    [InlineData("31/02/2027", "31 February 2027 is not a date")]
    [InlineData("29/02/2027", "29 February 2027 is not a date")]
    [InlineData("0/1/2020", "0 January 2020 is not a date")]
    [InlineData("32/1/2020", "32 January 2020 is not a date")]
    [InlineData("13/13/2020", "13/13/2020 is not a date")]
    [InlineData("next Tuesday", "is not a date we can read")]
    public async Task Typing_AnImpossibleDate_SaysSoNextToTheFieldAndKeepsTheText(string typed, string expected)
    {
        DateOnly? value = new DateOnly(2026, 1, 1);
        var cut = Render(v => value = v);

        cut.Find("input").Change(typed);

        cut.WaitForAssertion(() => Assert.Contains(expected, cut.Find(".mud-input-control").TextContent));
        Assert.Null(value);
        Assert.Empty(cut.FindAll("[data-testid=understood-date]"));
        var input = cut.Find("input");
        Assert.Equal(typed, input.GetAttribute("value"));
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        var described = input.GetAttribute("aria-describedby")!.Split(' ');
        Assert.Contains(described, id => cut.FindAll($"[id='{id}']").Any(e => e.TextContent.Contains(expected)));
    }

    [Fact]
    public async Task Render_Empty_IsLabelledAndDescribedByTheHintAboutTwoDigitYears()
    {
        var cut = Render(_ => { });

        var input = cut.Find("input");
        Assert.Equal(input.Id, cut.Find("label").GetAttribute("for"));
        Assert.Contains("Date received", cut.Find("label").TextContent);
        var described = input.GetAttribute("aria-describedby")!.Split(' ');
        Assert.Contains(described, id => cut.FindAll($"[id='{id}']").Any(e => e.TextContent.Contains("two-digit year is 20xx")));
        Assert.NotNull(cut.Find("button[aria-label='Choose the date received from a calendar']"));
    }

    [Fact]
    public async Task Render_WithADate_ShowsItDayFirst()
    {
        var cut = Render(_ => { }, new DateOnly(2027, 3, 4));

        Assert.Equal("04/03/2027", cut.Find("input").GetAttribute("value"));
        Assert.Contains("Thursday 4 March 2027", cut.Find("[data-testid=understood-date]").TextContent);
    }

    [Fact]
    public async Task Render_WithTheFormsOwnMessage_ShowsItNextToTheField()
    {
        var cut = Render(_ => { }, new DateOnly(2099, 1, 1), "The date received cannot be in the future.");

        Assert.Contains("The date received cannot be in the future.", cut.Find(".mud-input-control").TextContent);
        Assert.Equal("true", cut.Find("input").GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Submit_WhileTheTextIsNotADate_IsRefusedAndTheMessageStays()
    {
        var submitted = 0;
        var cut = Context.Render<FormHost>(p => p.Add(h => h.OnValid, () => submitted++));

        cut.Find("input").Change("31/02/2027");
        await cut.Find("form").SubmitAsync();

        Assert.Equal(0, submitted);
        cut.WaitForAssertion(() => Assert.Contains("31 February 2027 is not a date", cut.Find(".mud-input-control").TextContent));

        cut.Find("input").Change("28/02/2027");
        await cut.Find("form").SubmitAsync();
        Assert.Equal(1, submitted);
        Assert.Equal(new DateOnly(2027, 2, 28), cut.Instance.Model.When);
    }

    [Fact]
    public async Task Submit_EmptyInAForm_ShowsTheModelsMessageNextToTheFieldUnasked()
    {
        var cut = Context.Render<FormHost>();

        await cut.Find("form").SubmitAsync();

        // No ErrorText given: the field reads its own property's messages, and its input is the summary's link target.
        cut.WaitForAssertion(() => Assert.Contains("Enter the date.", cut.Find(".mud-input-control").TextContent));
        var input = cut.Find("input");
        Assert.Equal(ErrorSummary.FieldAnchor(nameof(FormModel.When)), input.Id);
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task CalendarButton_WithALatestDate_OffersNoLaterDay()
    {
        var popovers = Context.Render<MudBlazor.MudPopoverProvider>();
        var cut = Context.Render<UkDateField>(p => p
            .Add(f => f.Label, "Date received")
            .Add(f => f.Value, new DateOnly(2027, 3, 4))
            .Add(f => f.Max, new DateOnly(2027, 3, 10)));

        var offered = await OpenMarch2027Async(cut, popovers);
        Assert.True(offered("10"));
        Assert.False(offered("11"));
    }

    // A due date must be a working day: the calendar does not offer weekends and bank holidays (Good Friday 2027 is 26 March).
    [Fact]
    public async Task CalendarButton_WithDaysUnavailable_OffersNoneOfThem()
    {
        var popovers = Context.Render<MudBlazor.MudPopoverProvider>();
        var calendar = new EngagementHub.Core.Common.WorkingDayCalendar(
            EngagementHub.Core.Common.EnglandAndWalesBankHolidays.All.Select(h => new EngagementHub.Core.Common.Holiday(h.Date, h.Name)));
        var cut = Context.Render<UkDateField>(p => p
            .Add(f => f.Label, "Date received")
            .Add(f => f.Value, new DateOnly(2027, 3, 4))
            .Add(f => f.Unavailable, day => !calendar.IsWorkingDay(day)));

        var offered = await OpenMarch2027Async(cut, popovers);
        Assert.True(offered("25"));
        Assert.False(offered("26"));
        Assert.False(offered("27"));
        Assert.False(offered("29"));
        Assert.True(offered("30"));
    }

    [Fact]
    public async Task CalendarButton_Clicked_OpensACalendarToPickFrom()
    {
        var popovers = Context.Render<MudBlazor.MudPopoverProvider>();
        var cut = Render(_ => { }, new DateOnly(2027, 3, 4));

        await cut.Find("button[aria-label='Choose the date received from a calendar']").ClickAsync(new());

        popovers.WaitForAssertion(() => Assert.Contains("March 2027", popovers.Markup));
    }

    /// <summary>Opens the field's calendar, which shows March 2027; returns whether a day of it is offered (not disabled).</summary>
    private static async Task<Func<string, bool>> OpenMarch2027Async(IRenderedComponent<UkDateField> cut, IRenderedComponent<MudBlazor.MudPopoverProvider> popovers)
    {
        await cut.Find("button[aria-label='Choose the date received from a calendar']").ClickAsync(new());
        popovers.WaitForAssertion(() => Assert.Contains("March 2027", popovers.Markup));
        return day => popovers.FindAll(".mud-picker-calendar-day").Single(b => b.TextContent.Trim() == day
            && !b.ClassList.Contains("mud-hidden")).HasAttribute("disabled") is false;
    }

    private IRenderedComponent<UkDateField> Render(Action<DateOnly?> changed, DateOnly? value = null, string? error = null) =>
        Context.Render<UkDateField>(p => p
            .Add(f => f.Label, "Date received")
            .Add(f => f.Value, value)
            .Add(f => f.ErrorText, error)
            .Add(f => f.ValueChanged, v => changed(v)));

    public sealed class FormModel
    {
        [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Enter the date.")]
        public DateOnly? When { get; set; }
    }

    public sealed class FormHost : ComponentBase
    {
        public FormModel Model { get; } = new();

        [Parameter]
        public Action OnValid { get; set; } = () => { };

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<EditForm>(0);
            builder.AddAttribute(1, nameof(EditForm.Model), Model);
            builder.AddAttribute(2, nameof(EditForm.OnValidSubmit), EventCallback.Factory.Create<EditContext>(this, OnValid));
            builder.AddAttribute(3, nameof(EditForm.ChildContent), (RenderFragment<EditContext>)(_ => b =>
            {
                b.OpenComponent<DataAnnotationsValidator>(0);
                b.CloseComponent();
                b.OpenComponent<UkDateField>(1);
                b.AddAttribute(2, nameof(UkDateField.Label), "When");
                b.AddAttribute(3, nameof(UkDateField.Value), Model.When);
                b.AddAttribute(4, nameof(UkDateField.ValueChanged), EventCallback.Factory.Create<DateOnly?>(this, v => Model.When = v));
                b.AddAttribute(5, nameof(UkDateField.For), (System.Linq.Expressions.Expression<Func<DateOnly?>>)(() => Model.When));
                b.CloseComponent();
            }));
            builder.CloseComponent();
        }
    }
}
