using System.IO.Compression;
using Microsoft.AspNetCore.Identity;

namespace EngagementHub.Core.Identity;

/// <summary>
/// What makes a password acceptable, after NIST SP 800-63B (revision 4, §3.1.1.2): length rather than composition.
/// At least <see cref="MinimumLength"/> characters (a password is the only factor here), at most
/// <see cref="MaximumLength"/>, any characters, spaces included, so a long passphrase of plain words is fine; refused
/// when it is a commonly used password or is built on the person's own name, e-mail address or the product's name.
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<ApplicationUser>
{
    /// <summary>Characters; NIST's minimum for a password used as the only authenticator.</summary>
    public const int MinimumLength = 15;

    /// <summary>Characters; long enough for any passphrase, short enough that hashing one costs nothing unusual.</summary>
    public const int MaximumLength = 256;

    /// <summary>What the forms say under a new-password field.</summary>
    public const string Hint = "At least 15 characters. A few unrelated words make a good one; no need for symbols or digits.";

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    /// <summary>The Identity options that go with this policy: length only, no composition rules.</summary>
    public static void Configure(PasswordOptions options)
    {
        options.RequiredLength = MinimumLength;
        options.RequireDigit = false;
        options.RequireLowercase = false;
        options.RequireUppercase = false;
        options.RequireNonAlphanumeric = false;
        options.RequiredUniqueChars = 1;
    }

    /// <summary>Whether the password is on the shipped list of common ones (any case); see Identity/Data/README.md.</summary>
    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim());

    /// <returns>Failed with a message people can act on; Identity's own validator checks the minimum length.</returns>
    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        password ??= "";
        var errors = new List<IdentityError>();
        if (password.Length > MaximumLength)
        {
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = $"A password can be at most {MaximumLength} characters." });
        }
        else if (IsCommon(password))
        {
            errors.Add(new IdentityError
            {
                Code = "PasswordCommon",
                Description = "This password is on a list of passwords people use often, which attackers try first. Choose another.",
            });
        }
        else if (PersonalWords(user).Any(word => password.Contains(word, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new IdentityError
            {
                Code = "PasswordPersonal",
                Description = "A password must not be built on your name, your e-mail address or the name of this service.",
            });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>Words an attacker who knows the person would try: four letters or more, so initials do not count.</summary>
    private static IEnumerable<string> PersonalWords(ApplicationUser user)
    {
        var localPart = (user.Email ?? user.UserName ?? "").Split('@')[0];
        return new[] { localPart, "engagementhub" }
            .Concat(localPart.Split(['.', '-', '_', '+'], StringSplitOptions.RemoveEmptyEntries))
            .Concat(user.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= 4);
    }

    private static HashSet<string> LoadCommon()
    {
        using var resource = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("EngagementHub.CommonPasswords")
                             ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            words.Add(line);
        }

        return words;
    }
}
