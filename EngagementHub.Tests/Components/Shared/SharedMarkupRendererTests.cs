using EngagementHub.Core.Common;
using EngagementHub.Web.Components.Pages.Timetables;
using EngagementHub.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace EngagementHub.Tests.Components.Shared;

public sealed class SharedMarkupRendererTests
{
    private static readonly FinancialYear Year = new(2026);

    [Fact]
    public async Task RenderAsync_SameViewForTwoCircuits_ReturnsOneSharedString()
    {
        await using var services = Services();
        var renderer = services.GetRequiredService<SharedMarkupRenderer>();

        var first = await renderer.RenderAsync<YearView>(Parameters("No events in 2026/27 yet."));
        var second = await renderer.RenderAsync<YearView>(Parameters("No events in 2026/27 yet."));

        Assert.Contains("No events in 2026/27 yet.", first, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"year-empty\"", first, StringComparison.Ordinal);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task RenderAsync_DifferentParameters_ReturnsWhatThoseParametersRender()
    {
        await using var services = Services();
        var renderer = services.GetRequiredService<SharedMarkupRenderer>();

        var unfiltered = await renderer.RenderAsync<YearView>(Parameters("No events in 2026/27 yet."));
        var filtered = await renderer.RenderAsync<YearView>(Parameters("No events in 2026/27 match these filters."));

        Assert.Contains("match these filters", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("match these filters", unfiltered, StringComparison.Ordinal);
    }

    private static ServiceProvider Services() =>
        new ServiceCollection().AddLogging().AddMemoryCache().AddMudServices().AddSingleton<SharedMarkupRenderer>().BuildServiceProvider();

    private static Dictionary<string, object?> Parameters(string empty) => new()
    {
        [nameof(YearView.Year)] = Year,
        [nameof(YearView.Lanes)] = Array.Empty<YearLane>(),
        [nameof(YearView.Query)] = new TimetableQuery { Year = Year },
        [nameof(YearView.Empty)] = empty,
    };
}
