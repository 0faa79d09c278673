using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EngagementHub.Core.Data;
using EngagementHub.Core.Data.Demo;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Web;

/// <summary>
/// The README's first command, <c>dotnet run --project EngagementHub.Web</c>, run as a newcomer runs it (a process,
/// under the launch profile), and what a deployer configures to keep the sign-in keys safe.
/// </summary>
public sealed class FirstRunTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task ReadmeFirstCommand_Listening_PrintsTheAddressAndDemoAccountsAndNoKeyWarning()
    {
        // "--urls" only so the test does not take the profile's fixed port 5080; everything else is the README's command.
        await using var app = AppProcess.Start(["--", "--urls", "http://127.0.0.1:0"], new Dictionary<string, string>());
        var address = await app.ListeningAsync(StartTimeout);
        var announced = $"EngagementHub is ready: open {address.ToString().TrimEnd('/')} in a browser.";
        await app.WrittenAsync(announced, StartTimeout);

        using var client = app.CreateClient(address);
        var health = await client.GetAsync("/health");
        var signedIn = await client.PostSignInAsync(DemoAccounts.Link, DemoPartnership.Password);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("Hosting environment: Development", app.Output);
        Assert.Contains(DemoPartnership.Password, app.Output);
        Assert.All(DemoPartnership.Accounts, a => Assert.Contains(a.Email, app.Output));
        // The demo keeps its keys unencrypted beside its data on purpose; the start says nothing alarming about it.
        Assert.DoesNotContain("No XML encryptor configured", app.Output);
    }

    [Fact]
    public void BannerText_ListsEveryAddressAndAccount()
    {
        var text = FirstRunBanner.Text(["http://localhost:5080", "https://localhost:5081"]);

        Assert.StartsWith("EngagementHub is ready: open http://localhost:5080 or https://localhost:5081 in a browser.", text);
        Assert.Contains("link@demo.engagementhub.test", text);
        Assert.Contains("Birmingham LINk", text);
        // The role as every page says it.
        Assert.Contains("admin@demo.engagementhub.test            Administrator Be Birmingham", text);
        Assert.Equal(DemoPartnership.Accounts.Count + 3, text.Split(Environment.NewLine).Length);
    }

    [Fact]
    public async Task KeyProtectionCertificate_Configured_NewKeysAreStoredEncrypted()
    {
        var folder = Directory.CreateTempSubdirectory("engagementhub-keys-").FullName;
        try
        {
            var pfx = Path.Combine(folder, "keys.pfx");
            using (var rsa = RSA.Create(2048))
            {
                var request = new CertificateRequest("CN=EngagementHub keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
                await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
            }

            await using var app = new EngagementHubAppFactory { DemoData = false };
            app.Settings["EngagementHub:DataProtection:CertificatePath"] = pfx;
            app.Settings["EngagementHub:DataProtection:CertificatePassword"] = "pfx-password";
            var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");

            var roundTrip = protector.Unprotect(protector.Protect("sign-in"));

            Assert.Equal("sign-in", roundTrip);
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<EngagementHubDbContext>>().CreateDbContextAsync();
            var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("encryptedSecret", xml);
                Assert.DoesNotContain("<masterKey", xml);
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
