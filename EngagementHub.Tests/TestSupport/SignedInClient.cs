using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EngagementHub.Tests.TestSupport;

/// <summary>Signs in through the real sign-in form (antiforgery token and all), as a browser would.</summary>
public static partial class SignedInClient
{
    public static HttpClient CreateAnonymous(this EngagementHubAppFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpClient> SignInAsync(this EngagementHubAppFactory factory, string email, string password = EngagementHubAppFactory.DemoPassword)
    {
        var client = factory.CreateAnonymous();
        var response = await client.PostSignInAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    /// <summary>Posts the sign-in form and returns the response (a redirect on success, the form again on failure).</summary>
    /// <param name="returnUrlQuery">The ReturnUrl as it appears in the address (percent-encoded), as a link to a page sends it.</param>
    public static async Task<HttpResponseMessage> PostSignInAsync(this HttpClient client, string email, string password, string? returnUrlQuery = null)
    {
        var page = returnUrlQuery is null ? "/account/login" : $"/account/login?ReturnUrl={returnUrlQuery}";
        var form = await client.GetStringAsync(page);
        var token = TokenPattern().Match(form).Groups[1].Value;
        return await client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "signin",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>
    /// Opens a server-rendered form at <paramref name="url"/> and posts it back to the same address (query included, as a
    /// browser does) with its antiforgery token, the form's name and <paramref name="fields"/>.
    /// </summary>
    /// <param name="tokenFrom">
    /// Where to read the antiforgery token when <paramref name="url"/> no longer shows the form (a link since spent, as
    /// when a person submits a form they opened earlier); any page of the app's forms will do.
    /// </param>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string url, string formName, IDictionary<string, string> fields, string? tokenFrom = null)
    {
        var form = await client.GetStringAsync(tokenFrom ?? url);
        var values = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = TokenPattern().Match(form).Groups[1].Value,
            ["_handler"] = formName,
        };
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
