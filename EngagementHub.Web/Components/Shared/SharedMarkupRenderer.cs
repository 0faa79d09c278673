using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Caching.Memory;

namespace EngagementHub.Web.Components.Shared;

/// <summary>
/// Renders a read-only component (links and text, no event handlers) to HTML once and hands every circuit that shows
/// the same HTML one shared string. A circuit then holds one markup frame pointing at that string instead of the
/// component's few thousand render-tree frames, twice over (Blazor keeps the current and the previous tree of each
/// component), and the strings built for them; see ADR 0028 for the measurement.
/// </summary>
/// <remarks>
/// Sharing is by content: identical HTML is one string on the node, so nothing has to know when the data behind it
/// changed, and what a person sees is exactly what their own render produced (their filters, their year, their day).
/// A string no circuit asks for again leaves the cache after <see cref="KeptFor"/>; circuits showing it keep their
/// own reference until they render something else.
/// </remarks>
public sealed class SharedMarkupRenderer(IServiceScopeFactory scopes, ILoggerFactory loggers, IMemoryCache cache)
{
    /// <summary>How long an HTML string stays shared after it was last asked for.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(10);

    /// <returns>
    /// The component's HTML, as the node's shared instance of that text. Throws what the component throws while
    /// rendering. The component is rendered in a scope of its own, so it must not need the circuit (no JS interop,
    /// no navigation state, no event handlers: none would work in the shared copy).
    /// </returns>
    public async Task<string> RenderAsync<TComponent>(IReadOnlyDictionary<string, object?> parameters) where TComponent : IComponent
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters.ToDictionary()))).ToHtmlString());
        return cache.GetOrCreate(new SharedHtml(html), entry =>
        {
            entry.SlidingExpiration = KeptFor;
            return html;
        })!;
    }

    /// <summary>The cache key: the text itself, compared by value, apart from any other entry of the node's cache.</summary>
    private sealed record SharedHtml(string Html);
}
