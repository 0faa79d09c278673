using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;

// It reads the frames of its own base render (BL0006: render-tree types may change between .NET releases); anything
// but markup, text and regions is left to MudThemeProvider, and SharedThemeProviderTests pin the output to its own.
// The copies keep the base render's own sequence numbers (ASP0006), which is what keeps its diffs as they were.
#pragma warning disable BL0006, ASP0006

namespace EngagementHub.Web.Components.Layout;

/// <summary>
/// MudThemeProvider drawing exactly what it draws, with its theme's style sheet (about 12,000 characters of CSS variables)
/// as one string on the node rather than a new one in every circuit at every render: MudThemeProvider builds the text
/// again each time it renders, and Blazor keeps a component's current and previous render, so each open circuit held
/// two copies, about 48 KB (ADR 0028). The text is the same for everyone with the same theme and mode.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    /// <summary>More distinct style sheets than one app's themes and modes make are not kept (they render as before).</summary>
    private const int MostShared = 16;

    private static readonly ConcurrentDictionary<string, string> Shared = new(StringComparer.Ordinal);

    /// <summary>Draws MudThemeProvider's frames with each piece of markup replaced by the node's shared copy of that text.</summary>
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        using var own = new RenderTreeBuilder();
        base.BuildRenderTree(own);
        var frames = own.GetFrames();
        for (var i = 0; i < frames.Count; i++)
        {
            var type = frames.Array[i].FrameType;
            if (type is not (RenderTreeFrameType.Markup or RenderTreeFrameType.Text or RenderTreeFrameType.Region))
            {
                // Anything else (an element, a component) is drawn by MudThemeProvider itself, as before.
                base.BuildRenderTree(builder);
                return;
            }
        }

        Copy(builder, frames.Array, 0, frames.Count);
    }

    private static void Copy(RenderTreeBuilder builder, RenderTreeFrame[] frames, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var frame = frames[i];
            switch (frame.FrameType)
            {
                case RenderTreeFrameType.Markup:
                    builder.AddMarkupContent(frame.Sequence, Share(frame.MarkupContent));
                    break;
                case RenderTreeFrameType.Text:
                    builder.AddContent(frame.Sequence, frame.TextContent);
                    break;
                case RenderTreeFrameType.Region:
                    builder.OpenRegion(frame.Sequence);
                    Copy(builder, frames, i + 1, i + frame.RegionSubtreeLength);
                    builder.CloseRegion();
                    i += frame.RegionSubtreeLength - 1;
                    break;
            }
        }
    }

    private static string Share(string markup)
    {
        if (Shared.TryGetValue(markup, out var shared))
        {
            return shared;
        }

        return Shared.Count < MostShared ? Shared.GetOrAdd(markup, markup) : markup;
    }
}
