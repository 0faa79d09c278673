using System.Security.Cryptography.X509Certificates;
using EngagementHub.Core;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace EngagementHub.Web.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// How often a session's security stamp is compared with the account's, and an open page re-checked. Changes an
    /// administrator makes end the person's sessions at once (<see cref="DatabaseTicketStore"/>); this catches the rest.
    /// </summary>
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Identity's account services over the application database: the rules for addresses, passwords and lock-out, the
    /// password policy's validator and the token providers of the e-mailed links (ADR 18). The web app adds signing in on
    /// top (<see cref="AddEngagementHubIdentity"/>); code that administers accounts without signing anyone in (the tests'
    /// services and pages) registers only this, so it runs under the same rules.
    /// </summary>
    /// <returns>Identity's builder, for what a caller adds on top.</returns>
    public static IdentityBuilder AddEngagementHubAccounts(this IServiceCollection services) =>
        services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                PasswordPolicy.Configure(o.Password);
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = AccountLockout.MaxFailedAccessAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<EngagementHubDbContext>()
            .AddPasswordValidator<PasswordPolicy>()
            .AddDefaultTokenProviders()
            .AddAccountTokenProviders();

    /// <exception cref="System.Security.Cryptography.CryptographicException">
    /// The configured key-protection certificate cannot be read (wrong password, not a .pfx): the start stops rather
    /// than storing new keys unprotected.
    /// </exception>
    /// <exception cref="FileNotFoundException">The configured key-protection certificate file does not exist.</exception>
    public static IServiceCollection AddEngagementHubIdentity(this IServiceCollection services, KeyProtectionOptions keyProtection)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();

        // The key ring that protects sign-in and antiforgery cookies lives in the application database, under one fixed
        // application name: every node reads the same keys, so a cookie issued by one node is accepted by the next, and
        // the embedded deployment keeps its keys beside its data rather than in a per-user folder.
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("EngagementHub")
            .PersistKeysToDbContext<EngagementHubDbContext>();
        if (!string.IsNullOrWhiteSpace(keyProtection.CertificatePath))
        {
            // Keys written before a certificate was configured stay readable (they are plain XML); new ones are encrypted.
            dataProtection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(keyProtection.CertificatePath, keyProtection.CertificatePassword));
        }

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddEngagementHubAccounts()
            .AddSignInManager<EngagementHubSignInManager>()
            .AddClaimsPrincipalFactory<EngagementHubClaimsFactory>();

        services.AddScoped(sp => (EngagementHubSignInManager)sp.GetRequiredService<SignInManager<ApplicationUser>>());
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SignInDeviceCookie>();
        // Real time, never the app's clock: tests replace that with one that stands still (SignInTiming).
        services.AddSingleton(_ => new SignInTiming(TimeProvider.System));
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = RevalidationInterval);
        services.AddSingleton<DatabaseTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore>((o, store) => o.SessionStore = store);

        // Under HTTPS both cookies are Secure, and the sign-in cookie takes the __Host- prefix (no Domain, path /, Secure
        // enforced by the browser). Plain HTTP (local runs, tests) keeps the plain name, which browsers require there.
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "EngagementHub.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.CookieManager = new HostPrefixCookieManager();
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;

            // The sign-in page alone decides where a person goes once signed in (Login.SafeReturnUrl: a path on this
            // site, printable ASCII). Left to itself the cookie handler redirects to the request's ReturnUrl as it
            // signs in, before the page has checked it, and Kestrel refuses a header holding its decoded non-ASCII
            // characters: a right password and a link such as ?ReturnUrl=%2F%C3%A9 answered 500.
            o.Events.OnRedirectToReturnUrl = _ => Task.CompletedTask;
        });

        services.AddAuthorizationBuilder().AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().RequireRole(RoleNames.Admin));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, LoggingAuthorizationResultHandler>();
        return services;
    }
}
