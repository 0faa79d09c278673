namespace EngagementHub.Core.Notifications;

/// <summary>Addresses in e-mails: always from configuration, never from a request, whose Host header anyone can set.</summary>
public static class EmailLinks
{
    /// <summary>Where the links in an e-mail point when <see cref="EngagementHubOptions.PublicBaseUrl"/> is not set: the development address.</summary>
    public const string DefaultBaseUrl = "http://localhost:5080/";

    /// <returns><paramref name="path"/> (relative, without a leading slash) under the configured public address, or under <see cref="DefaultBaseUrl"/>.</returns>
    public static Uri Absolute(string? publicBaseUrl, string path)
    {
        var configured = publicBaseUrl?.Trim();
        var root = string.IsNullOrEmpty(configured) ? DefaultBaseUrl : configured.EndsWith('/') ? configured : configured + "/";
        return new Uri(new Uri(root), path.TrimStart('/'));
    }
}
