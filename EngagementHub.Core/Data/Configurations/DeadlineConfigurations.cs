using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementHub.Core.Data.Configurations;

internal sealed class DeadlineRuleConfiguration : IEntityTypeConfiguration<DeadlineRule>
{
    public void Configure(EntityTypeBuilder<DeadlineRule> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(200).IsRequired();
        // Unique ignoring case ("Sandwell PCT" and "sandwell pct" are one kind): an index on lower("Name"), which
        // EF Core cannot declare, made by the migration NamesUniqueIgnoringCase on both providers; the service's look-up compares the same way.
        builder.PrimitiveCollection(r => r.RemindDaysBefore);
        builder.Property(r => r.Version).IsConcurrencyToken();
    }
}

internal sealed class ResponseDeadlineConfiguration : IEntityTypeConfiguration<ResponseDeadline>
{
    public void Configure(EntityTypeBuilder<ResponseDeadline> builder)
    {
        builder.ToTable("Deadlines");
        builder.Property(d => d.KindName).HasMaxLength(200).IsRequired();
        builder.Property(d => d.Subject).HasMaxLength(ResponseDeadline.SubjectMaxLength).IsRequired();
        builder.Property(d => d.Details).HasMaxLength(4000);
        builder.Property(d => d.OwnerUserId).HasMaxLength(64).IsRequired();
        builder.Property(d => d.OwnerName).HasMaxLength(200).IsRequired();
        builder.Property(d => d.AcknowledgedBy).HasMaxLength(200);
        builder.Property(d => d.Answer).HasMaxLength(8000);
        builder.Property(d => d.AnsweredBy).HasMaxLength(200);
        builder.Property(d => d.ExtensionReason).HasMaxLength(2000);
        builder.Property(d => d.ProposalReason).HasMaxLength(2000);
        builder.Property(d => d.ProposalBy).HasMaxLength(200);
        builder.Property(d => d.DeclineReason).HasMaxLength(ResponseDeadline.ExtensionReasonLimit);
        builder.Property(d => d.DeclinedBy).HasMaxLength(200);
        builder.Property(d => d.ExtensionProposedBy).HasMaxLength(200);
        builder.Property(d => d.ExtensionAgreedByLink).HasMaxLength(200);
        builder.Property(d => d.ExtensionAgreedByRecipient).HasMaxLength(200);
        builder.Property(d => d.DueDateNote).HasMaxLength(2000);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.Ignore(d => d.IsOpen);
        builder.Ignore(d => d.ExtensionAwaitingAgreement);
        builder.Ignore(d => d.AwaitsFollowUp);
        builder.Ignore(d => d.AnswerAwaited);
        builder.Ignore(d => d.LatenessMeasuredFrom);
        builder.Ignore(d => d.ExtensionOvertaken);

        builder.HasOne<DeadlineRule>().WithMany().HasForeignKey(d => d.RuleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(d => d.SentByOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(d => d.ToOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contact>().WithMany().HasForeignKey(d => d.ToContactId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<EngagementExercise>().WithMany().HasForeignKey(d => d.ExerciseId).OnDelete(DeleteBehavior.SetNull);

        builder.HasMany(d => d.Recommendations).WithOne().HasForeignKey(r => r.DeadlineId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.Recommendations).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The dashboard and the reminder sweep look for open deadlines by due date.
        builder.HasIndex(d => new { d.State, d.DueDate });
        // The reminder sweep reads only the deadlines with something due: NextReminderOn on or before today (null once closed).
        builder.HasIndex(d => d.NextReminderOn);
        builder.HasIndex(d => d.ToOrganisationId);
    }
}

internal sealed class RecommendationConfiguration : IEntityTypeConfiguration<Recommendation>
{
    public void Configure(EntityTypeBuilder<Recommendation> builder)
    {
        builder.Property(r => r.Text).HasMaxLength(4000).IsRequired();
        builder.Property(r => r.ResponseText).HasMaxLength(4000);
        builder.Property(r => r.RespondedBy).HasMaxLength(200);
        builder.Property(r => r.EarlierResponseText).HasMaxLength(4000);
        builder.Property(r => r.EarlierRespondedBy).HasMaxLength(200);
        builder.Property(r => r.DroppedReason).HasMaxLength(Recommendation.TextLimit);
        builder.Property(r => r.ChangeMade).HasMaxLength(Recommendation.TextLimit);
        builder.Property(r => r.ImplementationUpdatedBy).HasMaxLength(200);
        builder.Property(r => r.LinkComment).HasMaxLength(Recommendation.TextLimit);
        builder.Property(r => r.LinkVerdictBy).HasMaxLength(200);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.IsAccepted);

        builder.HasMany(r => r.Milestones).WithOne().HasForeignKey(m => m.RecommendationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Milestones).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The reminder sweep looks for accepted recommendations whose planned date has passed.
        builder.HasIndex(r => new { r.Implementation, r.PlannedDate });
    }
}

internal sealed class ImplementationMilestoneConfiguration : IEntityTypeConfiguration<ImplementationMilestone>
{
    public void Configure(EntityTypeBuilder<ImplementationMilestone> builder)
    {
        builder.ToTable("ImplementationMilestones");
        builder.Property(m => m.Text).HasMaxLength(Recommendation.MilestoneLimit).IsRequired();
        builder.Property(m => m.RecordedBy).HasMaxLength(200).IsRequired();
    }
}
