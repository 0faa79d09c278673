using EngagementHub.Core.Exercises;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementHub.Core.Data.Configurations;

internal sealed class EngagementExerciseConfiguration : IEntityTypeConfiguration<EngagementExercise>
{
    public void Configure(EntityTypeBuilder<EngagementExercise> builder)
    {
        builder.ToTable("Exercises");
        builder.Property(e => e.Title).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Purpose).HasMaxLength(4000).IsRequired();
        builder.Property(e => e.DecisionInformed).HasMaxLength(500).IsRequired();
        builder.Property(e => e.Version).IsConcurrencyToken();

        builder.HasOne<Organisation>().WithMany().HasForeignKey(e => e.LeadCommissionerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(e => e.LinkOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(e => e.ProposedByOrganisationId).OnDelete(DeleteBehavior.Restrict);

        // Partners, communities and localities are short lists of ids read and written with the exercise:
        // stored as JSON arrays, and still filterable in SQL (json_each on SQLite, arrays on PostgreSQL).
        builder.PrimitiveCollection(e => e.PartnerIds);
        builder.PrimitiveCollection(e => e.CommunityIds);
        builder.PrimitiveCollection(e => e.LocalityIds);

        builder.HasMany(e => e.Proposals).WithOne().HasForeignKey(p => p.ExerciseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Proposals).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(e => e.CurrentProposal);
        builder.Ignore(e => e.AllowedMoves);

        // The list filters and sorts on these; the benchmark in bench/ measures them at 5,000 exercises.
        builder.HasIndex(e => new { e.StartDate, e.Id });
        builder.HasIndex(e => e.LeadCommissionerId);
        builder.HasIndex(e => e.State);
        builder.HasIndex(e => e.CurrentOption);
    }
}
