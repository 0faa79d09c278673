namespace EngagementHub.Core.Exercises;

/// <summary>
/// The joint-working proposal a page showed when a person began a new one: its id and status, or none. A new proposal is
/// decided against it (ADR 3, 11): one proposed or answered since is never replaced unseen, while an edit of the
/// exercise's details meanwhile refuses nothing.
/// </summary>
/// <param name="Id">The proposal shown; null when none was.</param>
/// <param name="Status">Its status as shown; null when none was.</param>
public readonly record struct ProposalSeen(int? Id, ProposalStatus? Status)
{
    /// <summary>What a page showing <paramref name="current"/> (the exercise's current proposal, or null) saw.</summary>
    public static ProposalSeen Of(JointWorkingProposal? current) => new(current?.Id, current?.Status);
}

public enum ProposalStatus
{
    /// <summary>Proposed by one side, waiting for the other.</summary>
    AwaitingAgreement,
    /// <summary>Both sides have agreed.</summary>
    Agreed,
    /// <summary>The other side asked for a change, with a comment.</summary>
    ChangeRequested,
    /// <summary>A later proposal replaced this one.</summary>
    Superseded,
}

/// <summary>A further option for a named part of an exercise (options can be combined).</summary>
public sealed record OptionPart(string Part, int Option, string? Reasons);

/// <summary>
/// One side's proposal of how the LINk and the commissioner work together on an exercise, and the other side's answer.
/// Kept for good once made: the proposals of an exercise are its history of choosing and agreeing.
/// </summary>
public class JointWorkingProposal
{
    private JointWorkingProposal()
    {
        Reasons = "";
        ProposedByName = "";
        ProposedByOrganisation = "";
    }

    internal JointWorkingProposal(int primaryOption, string reasons, IEnumerable<OptionPart> parts, AgreementSide side, string byName, string byOrganisation, DateTimeOffset at)
    {
        PrimaryOption = primaryOption;
        Reasons = reasons;
        Parts = [.. parts];
        ProposedBySide = side;
        ProposedByName = byName;
        ProposedByOrganisation = byOrganisation;
        ProposedAt = at;
        Status = ProposalStatus.AwaitingAgreement;
        // Proposing is agreeing, for the side that proposes.
        RecordAgreement(side, byName, at);
    }

    public int Id { get; private set; }
    public int ExerciseId { get; private set; }
    public int PrimaryOption { get; private set; }
    public string Reasons { get; private set; }
    public List<OptionPart> Parts { get; private set; } = [];
    public AgreementSide ProposedBySide { get; private set; }
    public string ProposedByName { get; private set; }
    public string ProposedByOrganisation { get; private set; }
    public DateTimeOffset ProposedAt { get; private set; }
    public ProposalStatus Status { get; private set; }

    public string? CommissionerAgreedBy { get; private set; }
    public DateTimeOffset? CommissionerAgreedAt { get; private set; }
    public string? LinkAgreedBy { get; private set; }
    public DateTimeOffset? LinkAgreedAt { get; private set; }

    public string? ChangeRequestedBy { get; private set; }
    public DateTimeOffset? ChangeRequestedAt { get; private set; }
    public string? ChangeRequestComment { get; private set; }

    public bool IsOpen => Status == ProposalStatus.AwaitingAgreement;

    /// <summary>The side whose answer is awaited.</summary>
    public AgreementSide OtherSide => ProposedBySide == AgreementSide.Commissioner ? AgreementSide.Link : AgreementSide.Commissioner;

    internal void Agree(AgreementSide side, string byName, DateTimeOffset at)
    {
        RecordAgreement(side, byName, at);
        if (CommissionerAgreedAt is not null && LinkAgreedAt is not null)
        {
            Status = ProposalStatus.Agreed;
        }
    }

    internal void RequestChange(string byName, string comment, DateTimeOffset at)
    {
        Status = ProposalStatus.ChangeRequested;
        ChangeRequestedBy = byName;
        ChangeRequestedAt = at;
        ChangeRequestComment = comment;
    }

    internal void Supersede() => Status = ProposalStatus.Superseded;

    private void RecordAgreement(AgreementSide side, string byName, DateTimeOffset at)
    {
        if (side == AgreementSide.Commissioner)
        {
            CommissionerAgreedBy = byName;
            CommissionerAgreedAt = at;
        }
        else
        {
            LinkAgreedBy = byName;
            LinkAgreedAt = at;
        }
    }
}
