using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// A page rendered as the app renders it for a browser: first prerendered (with the request's <see cref="HttpContext"/>
/// cascading, as on the server), its <c>[PersistentState]</c> written out as into the page, then rendered again as the
/// circuit renders it (no <see cref="HttpContext"/>), with that state restored. Both renders sit under the same parent,
/// so the state's keys match, as they do between a prerender and its circuit.
/// </summary>
public sealed class PrerenderRoundTrip(BunitContext ctx)
{
    private readonly Action _persist = Prepare(ctx);

    /// <summary>Before the context's services are first used (before any render).</summary>
    /// <returns>What writes the persistent state out.</returns>
    private static Action Prepare(BunitContext ctx)
    {
        var state = ctx.AddBunitPersistentComponentState();
        ctx.Services.AddSupplyValueFromPersistentComponentStateProvider();
        return () => state.TriggerOnPersisting();
    }

    /// <returns>The page as prerendered on the server.</returns>
    public IRenderedComponent<TPage> Prerender<TPage>() where TPage : IComponent
    {
        var host = ctx.Render(Under<TPage>(new DefaultHttpContext()));
        return host.FindComponent<TPage>();
    }

    /// <summary>Writes the prerendered pages' persistent state out, as the server does into the page it sends.</summary>
    public void PersistPrerenderedState() => _persist();

    /// <returns>The page as the circuit first renders it, with the prerender's persistent state restored.</returns>
    public IRenderedComponent<TPage> RenderOnTheCircuit<TPage>() where TPage : IComponent
    {
        var host = ctx.Render(Under<TPage>(null));
        return host.FindComponent<TPage>();
    }

    private static RenderFragment Under<TPage>(HttpContext? httpContext) where TPage : IComponent => builder =>
    {
        builder.OpenComponent<CascadingValue<HttpContext?>>(0);
        builder.AddComponentParameter(1, nameof(CascadingValue<HttpContext?>.Value), httpContext);
        builder.AddComponentParameter(2, nameof(CascadingValue<HttpContext?>.ChildContent), (RenderFragment)(page =>
        {
            page.OpenComponent<TPage>(0);
            page.CloseComponent();
        }));
        builder.CloseComponent();
    };
}
