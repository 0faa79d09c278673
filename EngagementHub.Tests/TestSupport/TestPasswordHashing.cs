using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// Password hashes of a thousand PBKDF2 rounds instead of Identity's hundred thousand, for every test app and every set
/// of Core services a test builds: a run seeds the demo's accounts dozens of times and signs in, sets and checks
/// passwords thousands of times, and the rounds are Identity's concern, not the app's. Hashing, verification, the decoy
/// for unknown accounts and the timing between them work as in production; the apps the tests start as processes keep
/// Identity's default.
/// </summary>
public static class TestPasswordHashing
{
    public const int IterationCount = 1_000;

    public static IServiceCollection UseTestPasswordHashing(this IServiceCollection services) =>
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = IterationCount);
}
