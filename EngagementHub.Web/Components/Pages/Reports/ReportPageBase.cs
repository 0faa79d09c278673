using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Identity;
using EngagementHub.Web.Components.Shared;
using EngagementHub.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace EngagementHub.Web.Components.Pages.Reports;

/// <summary>
/// A printed report: a plain page rendered on the server for one request (no circuit, no MudBlazor), so the browser
/// prints exactly what it received. The report's service checks who may read it; a refusal answers 403 with a message
/// in place of the report, a missing record 404.
/// </summary>
public abstract class ReportPageBase : ComponentBase
{
    [CascadingParameter]
    protected HttpContext? HttpContext { get; set; }

    [Inject]
    protected CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    protected TimeProvider Clock { get; set; } = default!;

    [Inject]
    private IOptions<EngagementHubOptions> Options { get; set; } = default!;

    /// <summary>Why the report is not shown (refused, or nothing to show), or null when it is.</summary>
    protected string? Problem { get; private set; }

    protected DateOnly Today => UkTime.Today(Clock);

    /// <summary>"Birmingham partnership", or "EngagementHub partnership" when no name is configured.</summary>
    protected string Partnership => PartnershipName(Options.Value.PartnershipName);

    public static string PartnershipName(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? "EngagementHub partnership" : $"{configured.Trim()} partnership";

    /// <summary>
    /// The financial year a report is asked for in its address: this one when none is given; when the text names none
    /// the reports cover (2005/06, the first year with bank holidays, to 2099/00), the report fails with 400 and says so,
    /// rather than showing this year as if it were the one asked for.
    /// </summary>
    /// <returns>The year, or null after <see cref="Fail"/>.</returns>
    protected FinancialYear? ReportYear(string? asked)
    {
        if (string.IsNullOrWhiteSpace(asked))
        {
            return FinancialYear.Containing(Today);
        }

        if (QueryValue.Year(asked) is { StartYear: >= 2005 and <= 2099 } year)
        {
            return year;
        }

        var shown = asked.Trim().Length > 20 ? asked.Trim()[..20] + "…" : asked.Trim();
        Fail(StatusCodes.Status400BadRequest,
            $"\"{shown}\" is not a financial year the reports cover. Choose one from {new FinancialYear(2005).Label} to {new FinancialYear(2099).Label}, such as 2026/27.");
        return null;
    }

    /// <summary>Runs <paramref name="load"/> as the signed-in person; a refusal becomes <see cref="Problem"/> and a 403.</summary>
    protected async Task<T?> LoadAsync<T>(Func<Actor, Task<T>> load)
    {
        try
        {
            return await load(await CurrentActor.GetAsync());
        }
        catch (AccessDeniedException denied)
        {
            Fail(StatusCodes.Status403Forbidden, denied.Message);
            return default;
        }
    }

    /// <summary>Shows <paramref name="message"/> instead of the report, with <paramref name="status"/> as the response's status.</summary>
    protected void Fail(int status, string message)
    {
        Problem = message;
        if (HttpContext is { Response.HasStarted: false } context)
        {
            // A 404 set here would be sent without the page's message (Hosting/PageStatus says why).
            if (status == StatusCodes.Status404NotFound)
            {
                Hosting.PageStatus.MarkNotFound(context);
            }
            else
            {
                context.Response.StatusCode = status;
            }
        }
    }
}
