using Bunit;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace EngagementHub.Tests.Components.Shared;

public sealed class BusyButtonTests : BunitTestContextBase
{
    [Fact]
    public async Task Click_TwiceWhileTheFirstRuns_RunsOnceAndShowsBusy()
    {
        var release = new TaskCompletionSource();
        var runs = 0;
        var cut = Context.Render<BusyButton>(p => p
            .Add(b => b.OnClick, async () =>
            {
                runs++;
                await release.Task;
            })
            .AddChildContent("Agree"));

        var first = cut.Find("button").ClickAsync(new());
        var second = cut.Find("button").ClickAsync(new());

        var button = cut.Find("button");
        Assert.Equal(1, runs);
        Assert.True(button.HasAttribute("disabled"));
        Assert.Equal("true", button.GetAttribute("aria-busy"));
        Assert.Contains("Saving", button.TextContent);
        release.SetResult();
        await Task.WhenAll(first, second);
        cut.WaitForAssertion(() => Assert.False(cut.Find("button").HasAttribute("disabled")));
        Assert.Equal("false", cut.Find("button").GetAttribute("aria-busy"));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Submit_FormSubmittedTwiceWhileTheFirstRuns_SubmitsOnceAndShowsBusy()
    {
        var release = new TaskCompletionSource();
        var runs = 0;
        var cut = Context.Render<FormHost>(p => p.Add(h => h.Work, async () =>
        {
            runs++;
            await release.Task;
        }));

        // Two quick Enters in a field, or a double-click that reaches the form before the button is disabled.
        var first = cut.Find("form").SubmitAsync();
        var second = cut.Find("form").SubmitAsync();

        Assert.Equal(1, runs);
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("button").GetAttribute("aria-busy")));
        Assert.True(cut.Find("button").HasAttribute("disabled"));
        Assert.Equal("submit", cut.Find("button").GetAttribute("type"));
        release.SetResult();
        await Task.WhenAll(first, second);
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("button").GetAttribute("aria-busy")));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Render_Disabled_IsDisabledButNotBusy()
    {
        var cut = Context.Render<BusyButton>(p => p.Add(b => b.Disabled, true).AddChildContent("Save"));

        Assert.True(cut.Find("button").HasAttribute("disabled"));
        Assert.Equal("false", cut.Find("button").GetAttribute("aria-busy"));
        Assert.Equal("Save", cut.Find("button").TextContent.Trim());
    }

    [Fact]
    public async Task RunAsync_AfterTheFirstFinished_RunsAgain()
    {
        var submission = new FormSubmission();
        var runs = 0;

        await submission.RunAsync(() => { runs++; return Task.CompletedTask; });
        await submission.RunAsync(() => { runs++; return Task.CompletedTask; });

        Assert.Equal(2, runs);
        Assert.False(submission.IsBusy);
        Assert.False(submission.Key.IsNone);
    }

    /// <summary>A form as the pages write it: an EditForm whose submit runs through the page's <see cref="FormSubmission"/>.</summary>
    private sealed class FormHost : ComponentBase
    {
        private readonly FormSubmission _submission = new();

        [Parameter]
        public Func<Task> Work { get; set; } = () => Task.CompletedTask;

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenComponent<EditForm>(0);
            builder.AddAttribute(1, nameof(EditForm.Model), this);
            builder.AddAttribute(2, nameof(EditForm.OnValidSubmit), EventCallback.Factory.Create<EditContext>(this, () => _submission.RunAsync(Work)));
            builder.AddAttribute(3, nameof(EditForm.ChildContent), (RenderFragment<EditContext>)(_ => content =>
            {
                content.OpenComponent<BusyButton>(0);
                content.AddAttribute(1, nameof(BusyButton.Submit), true);
                content.AddAttribute(2, nameof(BusyButton.Submission), _submission);
                content.AddAttribute(3, nameof(BusyButton.ChildContent), (RenderFragment)(text => text.AddContent(0, "Create exercise")));
                content.CloseComponent();
            }));
            builder.CloseComponent();
        }
    }
}
