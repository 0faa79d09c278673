using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace EngagementHub.Web.Components.Shared;

/// <summary>
/// MudBlazor's look without its components, for the parts of a page that only show something or link somewhere: the
/// same elements and classes MudIcon, MudButton (with an address) and MudChip write, drawn by a render fragment. Every
/// component is 4–5 KB that each open circuit keeps (two render-tree buffers, builders, MudBlazor's parameter state),
/// whatever it shows; these draw the same HTML inside the component that uses them (ADR 0028).
/// </summary>
/// <remarks>Only for what has no handler of its own: a MudButton with a click handler stays a MudButton.</remarks>
public static class PlainMarkup
{
    /// <returns>
    /// An SVG icon as MudIcon draws it (always hidden from screen readers, as every icon here sits beside its words):
    /// <paramref name="svg"/> is one of MudBlazor's <c>Icons</c>; <paramref name="size"/> is "small", "medium" or "large";
    /// <paramref name="colour"/> a palette colour ("success", "warning", "error") or null for the text's own colour;
    /// <paramref name="classes"/> any further classes.
    /// </returns>
    public static RenderFragment Icon(string svg, string size = "medium", string? colour = null, string? classes = null) => builder =>
    {
        var css = colour is null ? $"mud-icon-root mud-svg-icon mud-icon-size-{size}" : $"mud-icon-root mud-svg-icon mud-{colour}-text mud-icon-size-{size}";
        Svg(builder, classes is null ? css : $"{css} {classes}", svg);
    };

    /// <returns>
    /// A link that looks like a MudButton with an address and a start icon: <paramref name="variant"/> is "text",
    /// "outlined" or "filled", <paramref name="colour"/> "default" or "primary". A link, as MudButton with Href is.
    /// </returns>
    public static RenderFragment LinkButton(string href, string text, string icon, string variant = "text", string colour = "default") => builder =>
    {
        builder.OpenElement(0, "a");
        builder.AddAttribute(1, "class", $"mud-button-root mud-button mud-button-{variant} mud-button-{variant}-{colour} mud-button-{variant}-size-medium mud-ripple");
        builder.AddAttribute(2, "href", href);
        builder.OpenElement(3, "span");
        builder.AddAttribute(4, "class", "mud-button-label");
        builder.OpenElement(5, "span");
        builder.AddAttribute(6, "class", "mud-button-icon-start mud-button-icon-size-medium");
        Svg(builder, "mud-icon-root mud-svg-icon mud-icon-size-medium", icon);
        builder.CloseElement();
        builder.AddContent(30, text);
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <returns>
    /// A small outlined MudChip with an icon, as MudChip draws one that nobody can click or close:
    /// <paramref name="colour"/> is a palette colour ("success", "info", "warning") or "default";
    /// <paramref name="testId"/> is written as <c>data-testid</c>.
    /// </returns>
    public static RenderFragment Chip(string text, string icon, string colour, string? testId = null) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-chip-container");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", $"mud-chip mud-chip-outlined mud-chip-size-small mud-chip-color-{colour}");
        builder.AddAttribute(4, "tabindex", "-1");
        builder.AddAttribute(5, "data-testid", testId);
        Svg(builder, "mud-icon-root mud-svg-icon mud-icon-size-small mud-chip-icon", icon);
        builder.OpenElement(30, "span");
        builder.AddAttribute(31, "class", "mud-chip-content");
        builder.AddContent(32, text);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    private static void Svg(RenderTreeBuilder builder, string classes, string svg)
    {
        builder.OpenElement(20, "svg");
        builder.AddAttribute(21, "class", classes);
        builder.AddAttribute(22, "focusable", "false");
        builder.AddAttribute(23, "viewBox", "0 0 24 24");
        builder.AddAttribute(24, "aria-hidden", "true");
        builder.AddAttribute(25, "role", "img");
        builder.AddMarkupContent(26, svg);
        builder.CloseElement();
    }
}
