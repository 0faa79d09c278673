using System.Security.Claims;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Web.Components.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EngagementHub.Web.Identity;

/// <summary>
/// Identity's sign-in, with three rules added: an account that may not use the app (<see cref="AccountStanding"/>:
/// disabled, or of a deactivated organisation) can neither sign in nor keep a session, a failed sign-in says nothing
/// about which accounts exist or what state they are in (<see cref="SignInByEmailAsync"/>), and a browser the person
/// signed in from before is not locked out by guessing from elsewhere (<see cref="SignInDeviceCookie"/>).
/// </summary>
public sealed class EngagementHubSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    SignInThrottle throttle,
    SignInTiming timing,
    SignInDeviceCookie devices,
    EngagementHubDbContext db)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>A real hash (by the configured hasher) of nothing anyone can type, verified when no account's hash is.</summary>
    private static string? _decoyHash;

    /// <summary>Refuses an account that may not use the app (disabled, or its organisation deactivated), read afresh.</summary>
    public override async Task<bool> CanSignInAsync(ApplicationUser user) =>
        !user.IsDisabled && await AccountStanding.MayUseTheAppAsync(db, user.Id) && await base.CanSignInAsync(user);

    /// <summary>Runs at every revalidation of the cookie; refusing here ends the session.</summary>
    public override async Task<ApplicationUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is not null && await AccountStanding.MayUseTheAppAsync(db, user.Id) ? user : null;
    }

    /// <summary>
    /// Signs in by e-mail address so that an unknown address, a wrong password, a locked account and a disabled one cost
    /// the same (one password hash verified each time) and are told apart only in the log (OWASP ASVS 5.0 V6.3).
    /// An attempt presenting a valid device cookie for this account (<see cref="SignInDeviceCookie"/>) is judged as that
    /// device: the account-wide lockout does not refuse it, and five wrong passwords shut out that device only, without
    /// counting toward the lockout (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"). Any other attempt:
    /// five wrong passwords from one <paramref name="address"/> shut that address out of that account for a while
    /// (<see cref="SignInThrottle"/>), and the account-wide lockout counts failures from everywhere. A disabled account is
    /// refused either way. A success gives the browser a new device cookie for the account.
    /// </summary>
    /// <returns>Success, or <see cref="SignInResult.Failed"/> whatever the reason, so the caller cannot reveal it.</returns>
    /// <exception cref="Exception">
    /// The database's error when it fails while the account is read, or while a right password signs in (the session
    /// saved): the caller tells the person. A failure while a wrong password is counted is a plain failed sign-in.
    /// </exception>
    public async Task<SignInResult> SignInByEmailAsync(string email, string password, bool remember, string address)
    {
        // Every failure also waits out a wrong password's typical time, which alone writes to the database (SignInTiming).
        var started = timing.Start();
        var result = await SignInOrRefuseAsync(email, password, remember, address, started);
        if (!result.Succeeded)
        {
            await timing.FailedAsync(started);
        }

        return result;
    }

    private async Task<SignInResult> SignInOrRefuseAsync(string email, string password, bool remember, string address, long started)
    {
        email = email.Trim();
        if (devices.Read(Context) is { } device)
        {
            var owner = await UserManager.FindByEmailAsync(email);
            if (owner is not null && owner.Id == device.UserId)
            {
                return await SignInFromDeviceAsync(owner, email, password, remember, device);
            }

            Logger.LogInformation("Sign-in for {Email}: the browser's device cookie is for another account, so it is judged by its address", email);
        }

        return await SignInFromAddressAsync(email, password, remember, address, started);
    }

    /// <summary>A sign-in from a browser with no valid device cookie for the account: judged by its address.</summary>
    private async Task<SignInResult> SignInFromAddressAsync(string email, string password, bool remember, string address, long started)
    {
        if (throttle.IsBlocked(email, address))
        {
            VerifyDecoy(password);
            Logger.LogWarning("Sign-in refused: {Address} has given too many wrong passwords for {Email}", address, email);
            return SignInResult.Failed;
        }

        var user = await UserManager.FindByEmailAsync(email);
        if (user is null)
        {
            VerifyDecoy(password);
            throttle.RecordFailure(email, address);
            Logger.LogInformation("Sign-in failed: no account for {Email}", email);
            return SignInResult.Failed;
        }

        SignInResult result;
        try
        {
            result = await PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        }
        catch (Exception failure) when (AppComponentBase.IsDatabaseFailure(failure) && !IsRightPassword(user, password))
        {
            // The database failed while counting a wrong password. Refused like any wrong password, not with the
            // database's message: an unknown address writes nothing and so cannot fail, and the difference would tell
            // which addresses have accounts. A right password's failure goes to the page, which says what happened.
            throttle.RecordFailure(email, address);
            Logger.LogError(failure, "Sign-in failed for {Email} from {Address}: wrong password, which the database failed to record", email, address);
            return SignInResult.Failed;
        }

        if (result.Succeeded)
        {
            throttle.Reset(email, address);
            devices.Issue(Context, user.Id);
            return result;
        }

        if (result.IsLockedOut || result.IsNotAllowed)
        {
            // Identity refused before looking at the password: spend the same time as a wrong one.
            VerifyDecoy(password);
        }

        if (!result.IsLockedOut && !result.IsNotAllowed)
        {
            timing.WrongPassword(started);
        }

        throttle.RecordFailure(email, address);
        Logger.LogWarning("Sign-in failed for {Email} from {Address}: {Reason}", email, address,
            result.IsLockedOut ? "account locked (no device cookie for it)" : result.IsNotAllowed ? "account disabled or its organisation deactivated" : "wrong password");
        return SignInResult.Failed;
    }

    /// <summary>
    /// A sign-in from a browser whose device cookie names the account: the account-wide lockout is not consulted and its
    /// failure count not raised; wrong passwords count against this device alone. One password hash verified each time.
    /// </summary>
    private async Task<SignInResult> SignInFromDeviceAsync(ApplicationUser user, string email, string password, bool remember, SignInDevice device)
    {
        var deviceKey = "device " + device.DeviceId;
        if (throttle.IsBlocked(email, deviceKey))
        {
            VerifyDecoy(password);
            Logger.LogWarning("Sign-in refused: device {Device} has given too many wrong passwords for {Email}", device.DeviceId, email);
            return SignInResult.Failed;
        }

        if (!await CanSignInAsync(user))
        {
            VerifyDecoy(password);
            throttle.RecordFailure(email, deviceKey);
            Logger.LogWarning("Sign-in failed for {Email} from device {Device}: account disabled or its organisation deactivated", email, device.DeviceId);
            return SignInResult.Failed;
        }

        var verified = user.PasswordHash is { } hash ? UserManager.PasswordHasher.VerifyHashedPassword(user, hash, password) : PasswordVerificationResult.Failed;
        if (verified == PasswordVerificationResult.Failed)
        {
            // Nothing saved: the account's failure count is for guessing from browsers it does not know.
            throttle.RecordFailure(email, deviceKey);
            Logger.LogWarning("Sign-in failed for {Email} from device {Device}: wrong password (counted for this device only)", email, device.DeviceId);
            return SignInResult.Failed;
        }

        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // Identity's own sign-in stores the hash again by the hasher's current settings; this does the same (rarely).
            await UserManager.CheckPasswordAsync(user, password);
        }

        // A lockout already set stays, for browsers the account does not know; the failure count is cleared, as Identity's
        // own sign-in clears it on a success.
        await UserManager.ResetAccessFailedCountAsync(user);
        var result = await SignInOrTwoFactorAsync(user, remember);
        if (!result.Succeeded)
        {
            Logger.LogWarning("Sign-in failed for {Email} from device {Device}: {Result}", email, device.DeviceId, result);
            return SignInResult.Failed;
        }

        throttle.Reset(email, deviceKey);
        devices.Issue(Context, user.Id);
        Logger.LogInformation("Signed in {Email} from known device {Device}", email, device.DeviceId);
        return result;
    }

    /// <summary>Checks the password against the account's hash without saving anything (no rehash, no failure count).</summary>
    private bool IsRightPassword(ApplicationUser user, string password) =>
        user.PasswordHash is { } hash && UserManager.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;

    private void VerifyDecoy(string password)
    {
        var decoy = new ApplicationUser();
        _decoyHash ??= UserManager.PasswordHasher.HashPassword(decoy, Guid.NewGuid().ToString("N"));
        UserManager.PasswordHasher.VerifyHashedPassword(decoy, _decoyHash, password);
    }
}
