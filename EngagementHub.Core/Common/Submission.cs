namespace EngagementHub.Core.Common;

/// <summary>
/// A form submission that has taken effect: its key, what it did and the id of what it created or changed. The key
/// is unique, so a second submission of the same form finds the first instead of creating a second record.
/// </summary>
[NotAudited]
public sealed class Submission
{
    public Submission(Guid key, string action, string resultId, string? userId, DateTimeOffset at)
    {
        Key = key;
        Action = action;
        ResultId = resultId;
        UserId = userId;
        At = at;
    }

    /// <summary>The form instance's <see cref="SubmissionKey"/>.</summary>
    public Guid Key { get; private set; }

    /// <summary>What the submission did, e.g. "EngagementExercise": a key is only ever read back for the same action.</summary>
    public string Action { get; private set; }

    /// <summary>The id of the record the submission created or changed (an int, or a user's string id), invariant text.</summary>
    public string ResultId { get; private set; }

    public string? UserId { get; private set; }

    /// <summary>When it took effect (UTC).</summary>
    public DateTimeOffset At { get; private set; }
}
