using EngagementHub.Core.Common;

namespace EngagementHub.Core.Timetables;

/// <summary>
/// The partnership's joint timetable for one financial year, and its agreement: a draft is proposed to the taking-part
/// organisations, each agrees (who, when), and when all have agreed it is agreed and published. Changes after that are
/// allowed, logged and flagged "changed since agreement", and the year can be proposed again.
/// </summary>
public class AnnualTimetable : IVersioned
{
    /// <summary>The longest comment asking for changes to a proposed timetable, in characters: it is stored after the
    /// person's name, in a column of 2,400.</summary>
    public const int ChangeCommentLimit = 2000;

    /// <summary>The longest note to the partners with a proposal, in characters (its column's length).</summary>
    public const int ProposalNoteLimit = 2000;

    private readonly List<TimetableAgreement> _agreements = [];
    private readonly List<TimetableChange> _changes = [];
    private readonly List<TimetableChangeCheck> _changeChecks = [];

    private AnnualTimetable()
    {
    }

    public AnnualTimetable(FinancialYear year)
    {
        Year = year.StartYear;
        Status = TimetableStatus.Draft;
    }

    public int Id { get; private set; }

    /// <summary>The financial year's <see cref="FinancialYear.StartYear"/>; one timetable per year.</summary>
    public int Year { get; private set; }

    public TimetableStatus Status { get; private set; }

    /// <summary>The organisations asked to agree in the current (or last) round.</summary>
    public List<int> ParticipantIds { get; private set; } = [];

    /// <summary>Counts proposals: agreements given in an earlier round do not count towards a new one.</summary>
    public int Round { get; private set; }

    /// <summary>
    /// Nobody has proposed the year yet (no round): its events change without a note, as nobody has been asked to agree
    /// them. A year sent back to its proposer (a draft again, <see cref="Round"/> above 0) is not this: its changes are
    /// noted for the partners to read when it is proposed again (ADR 7).
    /// </summary>
    public bool NeverProposed => Round == 0 && AgreedAt is null;

    public int? ProposedByOrganisationId { get; private set; }
    public string? ProposedBy { get; private set; }
    public DateTimeOffset? ProposedAt { get; private set; }
    public string? ProposalNote { get; private set; }

    public DateTimeOffset? AgreedAt { get; private set; }

    /// <summary>When the year was first published; the public feed shows its public events from then on.</summary>
    public DateTimeOffset? PublishedAt { get; private set; }

    public bool ChangedSinceAgreement { get; private set; }

    /// <summary>Why the last proposal was sent back, by whom (shown on the draft).</summary>
    public string? ChangesRequested { get; private set; }

    public Guid Version { get; set; }

    public FinancialYear FinancialYear => new(Year);

    public IReadOnlyCollection<TimetableAgreement> Agreements => _agreements.AsReadOnly();

    public IReadOnlyCollection<TimetableChange> Changes => _changes.AsReadOnly();

    /// <summary>Each time a partner recorded that it checked the changes made since agreement (<see cref="CheckChanges"/>).</summary>
    public IReadOnlyCollection<TimetableChangeCheck> ChangeChecks => _changeChecks.AsReadOnly();

    public IEnumerable<TimetableAgreement> CurrentAgreements => _agreements.Where(a => a.Round == Round);

    public bool HasAgreed(int organisationId) => CurrentAgreements.Any(a => a.OrganisationId == organisationId);

    public IEnumerable<int> AwaitingAgreementFrom => Status == TimetableStatus.Proposed
        ? ParticipantIds.Where(id => !HasAgreed(id))
        : [];

    public bool IsPublished => PublishedAt is not null;

    /// <summary>Whether the year can be sent out for agreement now: a draft, or an agreed year changed since (<see cref="Propose"/> refuses the others).</summary>
    public bool OpenToProposal => Status == TimetableStatus.Draft || (Status == TimetableStatus.Agreed && ChangedSinceAgreement);

    /// <summary>Sends the year to the partners for agreement; the proposing organisation's agreement is recorded with it.</summary>
    public Outcome Propose(IReadOnlyCollection<int> participantIds, int byOrganisationId, string byName, string? note, DateTimeOffset at)
    {
        if (Status == TimetableStatus.Proposed)
        {
            return Outcome.Failed("This timetable is already out for agreement.");
        }

        if (Status == TimetableStatus.Agreed && !ChangedSinceAgreement)
        {
            return Outcome.Failed("This timetable is agreed and nothing has changed since, so there is nothing to agree again.");
        }

        if (InputValidation.TooLong("Note", note, ProposalNoteLimit, "The note") is { } tooLong)
        {
            return Outcome.Invalid(tooLong);
        }

        var participants = participantIds.Append(byOrganisationId).Distinct().Order().ToList();
        if (participants.Count < 2)
        {
            return Outcome.Invalid(new FieldError(nameof(ParticipantIds), "Choose at least one other organisation to agree the timetable with."));
        }

        if (InputValidation.CheckText(("Note", note)) is { Length: > 0 } textErrors)
        {
            return Outcome.Invalid(textErrors);
        }

        Round++;
        ParticipantIds = participants;
        Status = TimetableStatus.Proposed;
        ProposedByOrganisationId = byOrganisationId;
        ProposedBy = byName;
        ProposedAt = at;
        ProposalNote = InputValidation.Clean(note);
        ChangesRequested = null;
        _agreements.Add(new TimetableAgreement(Round, byOrganisationId, byName, at));
        return Outcome.Success;
    }

    /// <summary>Records one organisation's agreement; the last one makes the timetable agreed and published.</summary>
    public Outcome Agree(int organisationId, string byName, DateTimeOffset at)
    {
        if (Status != TimetableStatus.Proposed)
        {
            return Outcome.Failed(NotOutForAgreement());
        }

        if (!ParticipantIds.Contains(organisationId))
        {
            return Outcome.Failed("Your organisation was not asked to agree this timetable.");
        }

        if (HasAgreed(organisationId))
        {
            return Outcome.Failed("Your organisation has already agreed this timetable.");
        }

        _agreements.Add(new TimetableAgreement(Round, organisationId, byName, at));
        if (!AwaitingAgreementFrom.Any())
        {
            MarkAgreed(at);
        }

        return Outcome.Success;
    }

    /// <summary>
    /// Why agreeing, or asking for changes, finds the year not out for agreement, in words for the person whose page still
    /// showed the proposal: what ended the round (<see cref="ChangesRequested"/>: changes asked for, an event changed, the
    /// others gone), or that the year is agreed, or that it was never proposed.
    /// </summary>
    private string NotOutForAgreement() => (Status, ChangesRequested) switch
    {
        (_, { } why) => $"This timetable is no longer out for agreement. {why} Nothing was saved.",
        (TimetableStatus.Agreed, _) => "This timetable has been agreed by every organisation asked. Nothing was saved.",
        _ => "This timetable is not out for agreement. Nothing was saved.",
    };

    /// <summary>A taking-part organisation sends the proposal back with what it wants changed.</summary>
    public Outcome RequestChanges(int organisationId, string byName, string comment)
    {
        if (Status != TimetableStatus.Proposed)
        {
            return Outcome.Failed(NotOutForAgreement());
        }

        if (!ParticipantIds.Contains(organisationId))
        {
            return Outcome.Failed("Your organisation was not asked to agree this timetable.");
        }

        if (string.IsNullOrWhiteSpace(comment))
        {
            return Outcome.Invalid(new FieldError("Comment", "Say what should change, so the others can act on it."));
        }

        if (InputValidation.CheckText(("Comment", comment)) is { Length: > 0 } textErrors)
        {
            return Outcome.Invalid(textErrors);
        }

        // Stored after the person's name and "asked for changes" (ChangesRequested holds 2,400 characters).
        if (InputValidation.TooLong("Comment", comment, ChangeCommentLimit, "The comment") is { } tooLong)
        {
            return Outcome.Invalid(tooLong);
        }

        Status = AgreedAt is null ? TimetableStatus.Draft : TimetableStatus.Agreed;
        ChangesRequested = $"{UntrustedText.Isolate(byName)} asked for changes{UntrustedText.QuotedSentenceEnd(comment)}";
        return Outcome.Success;
    }

    /// <summary>
    /// An organisation the round still awaits was deactivated (ADR 7, 2026-12-02): its people can no longer sign in and
    /// nobody else may agree for it, so it leaves the round and is no longer asked. When every organisation left has
    /// agreed and at least two took part, the year is agreed and published as the last agreement would make it; when
    /// only the proposer is left, the proposal is void and the year goes back to draft (or to "agreed, changed since")
    /// to be proposed again with others, the reason shown on it.
    /// </summary>
    /// <param name="organisationId">The deactivated organisation.</param>
    /// <param name="organisationName">Its name, quoted in the reason when the round ends.</param>
    /// <param name="at">The moment of the deactivation (UTC); the year's agreement when it completes the round.</param>
    /// <returns>What became of the round: <see cref="RoundLeaving.NotAwaited"/>, with nothing changed, when the year is
    /// not out for agreement or awaits nothing from the organisation (not asked, or it agreed already: its agreement
    /// stands); otherwise <see cref="RoundLeaving.StillWaiting"/>, <see cref="RoundLeaving.AgreedByAll"/> or
    /// <see cref="RoundLeaving.RoundEnded"/>. It refuses nothing.</returns>
    public RoundLeaving LeaveRound(int organisationId, string organisationName, DateTimeOffset at)
    {
        if (!AwaitingAgreementFrom.Contains(organisationId))
        {
            return RoundLeaving.NotAwaited;
        }

        ParticipantIds = [.. ParticipantIds.Where(id => id != organisationId)];
        if (ParticipantIds.Count < 2)
        {
            Status = AgreedAt is null ? TimetableStatus.Draft : TimetableStatus.Agreed;
            ChangesRequested = $"{UntrustedText.Isolate(organisationName)} was deactivated before agreeing, and no other organisation is left to agree the year. Propose it again.";
            return RoundLeaving.RoundEnded;
        }

        if (AwaitingAgreementFrom.Any())
        {
            return RoundLeaving.StillWaiting;
        }

        MarkAgreed(at);
        return RoundLeaving.AgreedByAll;
    }

    /// <summary>Whether the financial year has ended by <paramref name="today"/> (a UK date): nobody is asked to agree it,
    /// propose it again or check its changes any more, and "My work" no longer lists it.</summary>
    public bool IsOver(DateOnly today) => FinancialYear.End < today;

    /// <summary>
    /// The changes an agreed year's partner is to check (ADR 7): other organisations' changes to the year since it was
    /// agreed, later than the last one it recorded as checked. None while the year is out for agreement or back with its
    /// proposer (which then waits on the proposer alone), for an organisation that did not take part, once the year is
    /// agreed again, or once it is over. The one rule the agreement panel, "My work" and the notices of a change read.
    /// Reads <see cref="Changes"/> and <see cref="ChangeChecks"/> as loaded: load both, or only the organisation's checks
    /// and other organisations' changes.
    /// </summary>
    /// <param name="organisationId">The partner asking.</param>
    /// <param name="today">The UK date today.</param>
    /// <returns>The changes, oldest first (one not saved yet last); a question, it refuses nothing.</returns>
    public IEnumerable<TimetableChange> ChangesToCheckFor(int organisationId, DateOnly today)
    {
        if (!ChangesAreThePartners || !ParticipantIds.Contains(organisationId) || IsOver(today))
        {
            return [];
        }

        var checkedUpTo = _changeChecks.Where(c => c.OrganisationId == organisationId).Select(c => (int?)c.UpToChangeId).Max() ?? 0;
        return _changes.Where(c => c.OrganisationId != organisationId && c.At >= AgreedAt && (c.Id == 0 || c.Id > checkedUpTo))
            .OrderBy(c => c.Id == 0).ThenBy(c => c.Id);
    }

    /// <summary>The changes since agreement are the partners' to check: agreed and changed since, not back with its
    /// proposer (which then waits on the proposer alone) nor out for agreement again.</summary>
    private bool ChangesAreThePartners => Status == TimetableStatus.Agreed && ChangedSinceAgreement && ChangesRequested is null;

    /// <summary>
    /// The organisation's latest check of the changes since this agreement, while those changes are the partners' to
    /// check (<see cref="ChangesToCheckFor"/>); null when it has made none since, or when they are not.
    /// </summary>
    /// <param name="organisationId">The partner asking.</param>
    /// <returns>The check; a question, it refuses nothing.</returns>
    public TimetableChangeCheck? LastCheckBy(int organisationId) =>
        ChangesAreThePartners ? _changeChecks.Where(c => c.OrganisationId == organisationId && c.CheckedAt >= AgreedAt).MaxBy(c => c.UpToChangeId) : null;

    /// <summary>
    /// Records that <paramref name="organisationId"/> checked the changes made since agreement, up to the latest its
    /// screen showed, and needs nothing agreed again: the year leaves its "My work" until another organisation changes it
    /// again (ADR 7). The year stays "changed since agreement" for everyone, as its dates are no longer the ones agreed.
    /// The service saves the year's own row with the check, so a change saved meanwhile makes one of the two saves meet
    /// the other's and be decided again (<see cref="Changes"/> are then numbered in the order they were saved).
    /// </summary>
    /// <param name="organisationId">The partner recording it.</param>
    /// <param name="seenUpToChangeId">The latest change the person's screen listed (<see cref="TimetableChange.Id"/>): nobody
    /// is recorded as having checked a change they were not shown.</param>
    /// <param name="byName">The person, as the year's agreement panel names them.</param>
    /// <param name="at">When (UTC).</param>
    /// <returns>Success; or a failure saying why there is nothing to check now (out for agreement again, back with its
    /// proposer, over, not changed since agreement by another, or every change already checked), or that the year
    /// changed again after what the screen showed.</returns>
    public Outcome CheckChanges(int organisationId, int seenUpToChangeId, string byName, DateTimeOffset at)
    {
        var today = UkTime.Today(at);
        var toCheck = ChangesToCheckFor(organisationId, today).ToList();
        if (toCheck.Count == 0)
        {
            var last = LastCheckBy(organisationId);
            return Outcome.Failed(
                Status == TimetableStatus.Proposed ? "This timetable is out for agreement again: agree it, or ask for changes, instead."
                : IsOver(today) ? "This timetable's year is over: its changes need no checking."
                : ChangesRequested is not null ? "This timetable is back with its proposer to be changed and proposed again: nothing is for your organisation to check until then."
                : last is not null && ParticipantIds.Contains(organisationId)
                    ? $"{UntrustedText.Isolate(last.CheckedBy)} recorded the changes as checked for your organisation on {UkTime.Format(last.CheckedAt)}, and none has come since."
                    : "There are no changes to this timetable for your organisation to check.");
        }

        if (toCheck[^1].Id > seenUpToChangeId)
        {
            return Outcome.Failed("The timetable was changed again while you were reading it. Read the latest change, then record the check again.");
        }

        _changeChecks.Add(new TimetableChangeCheck(organisationId, toCheck[^1].Id, byName, at));
        return Outcome.Success;
    }

    /// <summary>The round's last agreement came: the year is agreed, and published if it never was.</summary>
    private void MarkAgreed(DateTimeOffset at)
    {
        Status = TimetableStatus.Agreed;
        AgreedAt = at;
        PublishedAt ??= at;
        ChangedSinceAgreement = false;
    }

    /// <summary>
    /// Notes a change to one of the year's events, unless the year was never proposed (<see cref="NeverProposed"/>). After
    /// agreement the year is flagged; while out for agreement the round is void (nobody agreed to the changed dates) and
    /// the year goes back to draft to be proposed again; while back with its proposer the note waits in the change log for
    /// the partners, to whom the next proposal points (ADR 7).
    /// </summary>
    public void RecordChange(int? eventId, int organisationId, string byName, string summary, DateTimeOffset at)
    {
        // A year sent back for changes is a draft again, but its partners have been asked to agree it once and will be
        // again: what moves meanwhile is noted, or the next proposal would hide it.
        if (NeverProposed)
        {
            return;
        }

        _changes.Add(new TimetableChange(eventId, organisationId, byName, summary, at));
        if (Status == TimetableStatus.Proposed)
        {
            Status = AgreedAt is null ? TimetableStatus.Draft : TimetableStatus.Agreed;
            ChangesRequested = $"{UntrustedText.Isolate(byName)} changed the timetable while it was out for agreement: {summary} Propose it again.";
        }

        if (AgreedAt is not null)
        {
            ChangedSinceAgreement = true;
        }
    }
}

/// <summary>What became of a round out for agreement when an organisation it awaited left it (<see cref="AnnualTimetable.LeaveRound"/>).</summary>
public enum RoundLeaving
{
    /// <summary>The round awaited nothing from the organisation; nothing changed.</summary>
    NotAwaited,

    /// <summary>It left; other organisations are still to agree.</summary>
    StillWaiting,

    /// <summary>It left, and every organisation left had agreed: the year is agreed and published.</summary>
    AgreedByAll,

    /// <summary>It left, and only the proposer was left: the proposal is void, to be made again with others.</summary>
    RoundEnded,
}

/// <summary>One organisation's agreement to a round of the year's timetable.</summary>
public class TimetableAgreement
{
    private TimetableAgreement()
    {
        AgreedBy = "";
    }

    internal TimetableAgreement(int round, int organisationId, string agreedBy, DateTimeOffset agreedAt)
    {
        Round = round;
        OrganisationId = organisationId;
        AgreedBy = agreedBy;
        AgreedAt = agreedAt;
    }

    public int Id { get; private set; }
    public int TimetableId { get; private set; }
    public int Round { get; private set; }
    public int OrganisationId { get; private set; }
    public string AgreedBy { get; private set; }
    public DateTimeOffset AgreedAt { get; private set; }
}

/// <summary>A change to the year's events made after it was proposed or agreed: the "changed since agreement" log.</summary>
public class TimetableChange
{
    private TimetableChange()
    {
        ChangedBy = "";
        Summary = "";
    }

    internal TimetableChange(int? eventId, int organisationId, string changedBy, string summary, DateTimeOffset at)
    {
        EventId = eventId;
        OrganisationId = organisationId;
        ChangedBy = changedBy;
        Summary = summary;
        At = at;
    }

    public int Id { get; private set; }
    public int TimetableId { get; private set; }

    /// <summary>The event changed; kept as a plain number, since a removed event is one of the changes.</summary>
    public int? EventId { get; private set; }

    public int OrganisationId { get; private set; }
    public string ChangedBy { get; private set; }
    public string Summary { get; private set; }
    public DateTimeOffset At { get; private set; }
}

/// <summary>
/// A partner's record that it checked an agreed year's changes up to one change and needs nothing agreed again (ADR 7):
/// who, when, and the last change it saw. One row per check; the latest per organisation counts.
/// </summary>
public class TimetableChangeCheck
{
    private TimetableChangeCheck()
    {
        CheckedBy = "";
    }

    internal TimetableChangeCheck(int organisationId, int upToChangeId, string checkedBy, DateTimeOffset checkedAt)
    {
        OrganisationId = organisationId;
        UpToChangeId = upToChangeId;
        CheckedBy = checkedBy;
        CheckedAt = checkedAt;
    }

    public int Id { get; private set; }
    public int TimetableId { get; private set; }
    public int OrganisationId { get; private set; }

    /// <summary>The id of the latest change it checked (<see cref="TimetableChange.Id"/>): later ones are still to check.
    /// One check per organisation and change, even if two of its editors record it at once (a unique index).</summary>
    public int UpToChangeId { get; private set; }

    public string CheckedBy { get; private set; }
    public DateTimeOffset CheckedAt { get; private set; }
}
