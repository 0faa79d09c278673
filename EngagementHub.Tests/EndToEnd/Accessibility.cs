using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EngagementHub.Tests.EndToEnd;

public static class Accessibility
{
    private static readonly HashSet<string> _failingImpacts = new(StringComparer.OrdinalIgnoreCase) { "serious", "critical" };

    /// <summary>
    /// Runs axe on the page as it is now and fails on serious or critical violations (on any violation with
    /// <paramref name="anyImpact"/>, as for the public site), naming each rule and the elements it found, so the fix can
    /// be made without re-running anything. Otherwise minor and moderate findings are left to review rather than
    /// blocking the build.
    /// </summary>
    public static async Task AssertAccessibleAsync(this IPage page, bool anyImpact = false)
    {
        // Only violations come back: the passing nodes of a large page are most of what axe would otherwise serialise.
        var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        var failures = result.Violations.Where(v => anyImpact || (v.Impact is not null && _failingImpacts.Contains(v.Impact))).ToList();
        if (failures.Count == 0)
        {
            return;
        }

        var report = string.Join(System.Environment.NewLine, failures.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help}{System.Environment.NewLine}" +
            string.Join(System.Environment.NewLine, v.Nodes.Select(n => $"    {n.Target} {n.Html}{System.Environment.NewLine}      {Checks(n)}"))));
        Assert.Fail($"axe found {failures.Count} problem(s) on {page.Url}:{System.Environment.NewLine}{report}");
    }

    // What axe measured (e.g. the contrast ratio and colours), which the rule's title alone does not say.
    private static string Checks(AxeResultNode node) =>
        string.Join("; ", (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message));
}
