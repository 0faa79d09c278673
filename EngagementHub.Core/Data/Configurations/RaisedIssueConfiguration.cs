using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.WorkProgramme;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementHub.Core.Data.Configurations;

internal sealed class RaisedIssueConfiguration : IEntityTypeConfiguration<RaisedIssue>
{
    public void Configure(EntityTypeBuilder<RaisedIssue> builder)
    {
        builder.Property(i => i.Title).HasMaxLength(300).IsRequired();
        builder.Property(i => i.Description).HasMaxLength(4000).IsRequired();
        builder.Property(i => i.ReferrerName).HasMaxLength(200).IsRequired();
        builder.Property(i => i.ReferrerContact).HasMaxLength(300);
        builder.Property(i => i.Services).HasMaxLength(300);
        builder.Property(i => i.Communities).HasMaxLength(300);
        builder.Property(i => i.Locality).HasMaxLength(200);
        builder.Property(i => i.RecordedByUserId).HasMaxLength(64).IsRequired();
        builder.Property(i => i.RecordedBy).HasMaxLength(200).IsRequired();
        foreach (var by in new[] { nameof(RaisedIssue.DiscussedBy), nameof(RaisedIssue.ConsultedBy), nameof(RaisedIssue.BusinessCaseBy),
                     nameof(RaisedIssue.DecidedBy), nameof(RaisedIssue.FeedbackGivenBy), nameof(RaisedIssue.ProjectOwner) })
        {
            builder.Property(by).HasMaxLength(200);
        }

        foreach (var text in new[] { nameof(RaisedIssue.DiscussionNotes), nameof(RaisedIssue.ConsultationNotes), nameof(RaisedIssue.DecisionReasons),
                     nameof(RaisedIssue.FeedbackNotes) })
        {
            builder.Property(text).HasMaxLength(4000);
        }

        foreach (var text in new[] { nameof(RaisedIssue.DiscussionSkippedReason), nameof(RaisedIssue.ConsultationSkippedReason),
                     nameof(RaisedIssue.BusinessCaseSkippedReason) })
        {
            builder.Property(text).HasMaxLength(RaisedIssue.SkipReasonLimit);
        }

        foreach (var text in new[] { nameof(RaisedIssue.ExpectedEffort), nameof(RaisedIssue.PanelMembers) })
        {
            builder.Property(text).HasMaxLength(1000);
        }

        builder.Property(i => i.SuccessLooksLike).HasMaxLength(2000);
        builder.Property(i => i.ProjectMilestones).HasMaxLength(2000);
        builder.Property(i => i.HandOffContact).HasMaxLength(300);
        builder.Property(i => i.FeedbackReminderKey).HasMaxLength(64);
        builder.Property(i => i.FeedbackDueNote).HasMaxLength(RaisedIssue.MaxNoteLength);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.Ignore(i => i.BigIssueScore);
        builder.Ignore(i => i.FeedbackOwed);
        builder.Ignore(i => i.LatestStepDate);

        builder.HasOne<Organisation>().WithMany().HasForeignKey(i => i.LinkOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(i => i.PartnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(i => i.RaisedThroughOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ResponseDeadline>().WithMany().HasForeignKey(i => i.DeadlineId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<EngagementExercise>().WithMany().HasForeignKey(i => i.ExerciseId).OnDelete(DeleteBehavior.SetNull);

        // "My work" and the reminder sweep look for feedback owed by due date.
        builder.HasIndex(i => new { i.Step, i.FeedbackDue });
    }
}

internal sealed class RelevantDecisionConfiguration : IEntityTypeConfiguration<RelevantDecision>
{
    public void Configure(EntityTypeBuilder<RelevantDecision> builder)
    {
        builder.Property(d => d.Subject).HasMaxLength(300).IsRequired();
        builder.Property(d => d.DecidedBy).HasMaxLength(200).IsRequired();
        builder.Property(d => d.Reasons).HasMaxLength(4000).IsRequired();
        builder.Property(d => d.RecordedBy).HasMaxLength(200).IsRequired();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(d => d.LinkOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RaisedIssue>().WithMany().HasForeignKey(d => d.RaisedIssueId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<ResponseDeadline>().WithMany().HasForeignKey(d => d.DeadlineId).OnDelete(DeleteBehavior.SetNull);

        // The public log lists newest first.
        builder.HasIndex(d => d.DecidedOn);
    }
}
