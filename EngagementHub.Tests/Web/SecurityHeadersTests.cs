using System.Net;
using System.Text.RegularExpressions;
using EngagementHub.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EngagementHub.Tests.Web;

/// <summary>What every response tells the browser about trusting the page, and how Production treats plain HTTP.</summary>
public sealed partial class SecurityHeadersTests
{
    [Fact]
    public async Task AnyPage_SendsThePolicyHeaders()
    {
        await using var app = new EngagementHubAppFactory { DemoData = false };

        var response = await app.CreateAnonymous().GetAsync("/account/login");

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.DoesNotMatch("script-src[^;]*unsafe-inline", policy);
    }

    [Fact]
    public async Task Page_InlineImportMap_CarriesThisResponsesNonce()
    {
        await using var app = new EngagementHubAppFactory { DemoData = false };
        var client = app.CreateAnonymous();

        var first = await client.GetAsync("/account/login");
        var second = await client.GetAsync("/account/login");

        var nonce = PolicyNonce().Match(Assert.Single(first.Headers.GetValues("Content-Security-Policy"))).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Matches($"<script type=\"importmap\" nonce=\"{Regex.Escape(nonce)}\"", await first.Content.ReadAsStringAsync());
        Assert.DoesNotContain($"'nonce-{nonce}'", Assert.Single(second.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Production_OverHttps_SendsHstsForAYear()
    {
        await using var app = new EngagementHubAppFactory { DemoData = false, Environment = "Production" };
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://engage.example.org.uk") });

        var response = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Production_PlainHttpWithAnHttpsPort_RedirectsToHttps()
    {
        await using var app = new EngagementHubAppFactory { DemoData = false, Environment = "Production" };
        app.Settings["https_port"] = "443";
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://engage.example.org.uk") });

        var response = await client.GetAsync("/account/login?returnUrl=%2Ftimetable");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://engage.example.org.uk/account/login?returnUrl=%2Ftimetable", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task BehindAProxy_ForwardedHttps_CountsAsHttps()
    {
        await using var app = new EngagementHubAppFactory { DemoData = false, Environment = "Production" };
        app.Settings["EngagementHub:TrustForwardedHeaders"] = "true";
        app.Settings["https_port"] = "443";
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://engage.example.org.uk") });
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await client.SendAsync(request);

        // Not redirected (the proxy already speaks HTTPS to the browser), and treated as HTTPS: HSTS is sent.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex PolicyNonce();
}
