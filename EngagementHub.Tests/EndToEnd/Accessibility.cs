using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace EngagementHub.Tests.EndToEnd;

public static class Accessibility
{
    private static readonly HashSet<string> FailingImpacts = new(StringComparer.OrdinalIgnoreCase) { "serious", "critical" };

    // axe-core as Deque ships it for .NET, put into the page once per document. The script is part of the function's
    // text (not eval'd), so the app's Content-Security-Policy does not stand in its way. It is sent only when the
    // document does not have it yet: half a megabyte of script, which the browser would otherwise receive and compile
    // again at every check of a page reached inside the app.
    private static readonly string EmbedAxe = $"() => {{ if (!window.axe) {{ {new BundledAxeScriptProvider().GetScript()} }} }}";

    // Only violations come back: the passing nodes of a large page are most of what axe would otherwise serialise.
    // Null when this document has no axe yet.
    private const string RunAxe = "async () => window.axe ? JSON.stringify(await axe.run(document, { resultTypes: ['violations'] })) : null";

    /// <summary>
    /// Runs axe on the page as it is now and fails on serious or critical violations (on any violation with
    /// <paramref name="anyImpact"/>, as for the public site), naming each rule and the elements it found, so the fix can
    /// be made without re-running anything. Otherwise minor and moderate findings are left to review rather than
    /// blocking the build.
    /// </summary>
    /// <remarks>
    /// axe runs in the page itself with every rule (axe's defaults: WCAG 2.0–2.2 A and AA and best practice). Deque's
    /// Playwright wrapper was used before; it finishes each run in a new browser page and loads axe into both, which
    /// made the accessibility checks most of the browser tests' time (docs/decisions/0020). The app has no frames, the
    /// one thing that path exists for.
    /// </remarks>
    public static async Task AssertAccessibleAsync(this IPage page, bool anyImpact = false)
    {
        var json = await page.EvaluateAsync<string?>(RunAxe);
        if (json is null)
        {
            await page.EvaluateAsync(EmbedAxe);
            json = await page.EvaluateAsync<string>(RunAxe);
        }

        var result = new AxeResult(JObject.Parse(json));
        var failures = result.Violations.Where(v => anyImpact || (v.Impact is not null && FailingImpacts.Contains(v.Impact))).ToList();
        if (failures.Count == 0)
        {
            return;
        }

        var report = string.Join(System.Environment.NewLine, failures.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help}{System.Environment.NewLine}" +
            string.Join(System.Environment.NewLine, v.Nodes.Select(n => $"    {n.Target} {n.Html}{System.Environment.NewLine}      {Checks(n)}"))));
        Assert.Fail($"axe found {failures.Count} problem(s) on {page.Url} at {page.ViewportSize?.Width} px wide:{System.Environment.NewLine}{report}");
    }

    // What axe measured (e.g. the contrast ratio and colours), which the rule's title alone does not say.
    private static string Checks(AxeResultNode node) =>
        string.Join("; ", (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message));
}
