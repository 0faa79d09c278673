using EngagementHub.Core;
using EngagementHub.Core.Data.Demo;
using EngagementHub.Core.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace EngagementHub.Web.Hosting;

/// <summary>
/// Once the demo app is listening, tells the person who ran <c>dotnet run</c> where to open it and how to sign in, so
/// the first run does not end in a wall of framework log lines with the address somewhere in the middle. Says nothing
/// when demo data is off: a real deployment's console must not suggest accounts that do not exist there.
/// </summary>
public sealed class FirstRunBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    IOptions<EngagementHubOptions> options,
    ILogger<FirstRunBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.DemoData)
        {
            lifetime.ApplicationStarted.Register(Announce);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Announce()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        logger.LogInformation("{Banner}", Text(addresses));
    }

    /// <summary>The banner's text: the addresses to open, then each demo account with its role and organisation.</summary>
    /// <param name="addresses">What the server listens on, e.g. <c>http://localhost:5080</c>.</param>
    public static string Text(IEnumerable<string> addresses)
    {
        var lines = new List<string>
        {
            $"EngagementHub is ready: open {string.Join(" or ", addresses.DefaultIfEmpty("the address above"))} in a browser.",
            $"Sign in with a demo account; they all use the password {DemoPartnership.Password}",
        };
        lines.AddRange(DemoPartnership.Accounts.Select(a => $"  {a.Email,-40} {a.Role.Label(),-13} {a.Organisation}"));
        lines.Add("Press Ctrl+C to stop; what you change is kept for the next start.");
        return string.Join(System.Environment.NewLine, lines);
    }
}
