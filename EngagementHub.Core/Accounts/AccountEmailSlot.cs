using EngagementHub.Core.Common;

namespace EngagementHub.Core.Accounts;

/// <summary>An account e-mail that anyone can cause to be sent, and so is limited per person (<see cref="AccountEmailLimit"/>).</summary>
public enum AccountEmailKind
{
    /// <summary>A "forgot password" link.</summary>
    ResetLink,
}

/// <summary>
/// One of a person's few places for account e-mails of one kind in an hour (<see cref="AccountEmailLimit.PerHour"/>):
/// taken when such an e-mail goes, free again an hour later. Kept in the database, so every node counts the same
/// e-mails; the key (person, kind, place) lets no two nodes take the same place.
/// </summary>
[NotAudited]
public class AccountEmailSlot
{
    private AccountEmailSlot()
    {
        UserId = "";
    }

    /// <summary>A place taken for the first time.</summary>
    /// <param name="userId">The person the e-mail goes to.</param>
    /// <param name="kind">The kind of e-mail.</param>
    /// <param name="slot">Which of the person's places, from 0 to <see cref="AccountEmailLimit.PerHour"/> - 1.</param>
    /// <param name="takenAt">When it was taken (UTC).</param>
    public AccountEmailSlot(string userId, AccountEmailKind kind, int slot, DateTimeOffset takenAt)
    {
        UserId = userId;
        Kind = kind;
        Slot = slot;
        TakenAt = takenAt;
    }

    public string UserId { get; private set; }

    public AccountEmailKind Kind { get; private set; }

    public int Slot { get; private set; }

    /// <summary>When an e-mail last took this place (UTC); it is free again <see cref="AccountEmailLimit.Window"/> later.</summary>
    public DateTimeOffset TakenAt { get; private set; }
}
