using System.Security.Cryptography;
using System.Text;

namespace EngagementHub.Core.Calendar;

/// <summary>
/// A private calendar feed: a secret URL that a calendar program (Outlook, Google) polls without signing in.
/// Only a hash of the secret is stored, so the database alone cannot be used to read anyone's feed;
/// revoking it makes the URL answer 404 at once.
/// </summary>
public class CalendarFeed
{
    private CalendarFeed()
    {
        SecretHash = "";
        CreatedBy = "";
    }

    private CalendarFeed(string secretHash, string? userId, int? organisationId, string createdBy, DateTimeOffset createdAt)
    {
        SecretHash = secretHash;
        UserId = userId;
        OrganisationId = organisationId;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }

    public string SecretHash { get; private set; }

    /// <summary>A personal feed: the partnership timetable plus this person's deadlines.</summary>
    public string? UserId { get; private set; }

    /// <summary>An organisation's feed: the partnership timetable plus the organisation's deadlines.</summary>
    public int? OrganisationId { get; private set; }

    public string CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public DateTimeOffset? LastReadAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    /// <summary>A new feed and its secret; the secret is shown once, in the URL, and never stored.</summary>
    public static (CalendarFeed Feed, string Secret) Create(string? userId, int? organisationId, string createdBy, DateTimeOffset at)
    {
        if ((userId is null) == (organisationId is null))
        {
            throw new ArgumentException("A feed belongs to a person or to an organisation.");
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        return (new CalendarFeed(Hash(secret), userId, organisationId, createdBy, at), secret);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;
}
