using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementHub.Core.Data.Configurations;

internal sealed class SuccessCriterionConfiguration : IEntityTypeConfiguration<SuccessCriterion>
{
    public void Configure(EntityTypeBuilder<SuccessCriterion> builder)
    {
        builder.ToTable("SuccessCriteria");
        builder.Property(c => c.Name).HasMaxLength(100).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(1000).IsRequired();
        builder.Property(c => c.Version).IsConcurrencyToken();
        // Unique ignoring case ("Sandwell PCT" and "sandwell pct" are one criterion of a side): an index on lower("Name") with the side, which
        // EF Core cannot declare, made by the migration NamesUniqueIgnoringCase on both providers; the service's look-up compares the same way.
        builder.HasMany(c => c.Wordings).WithOne().HasForeignKey(w => w.CriterionId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.Wordings).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CriterionWordingConfiguration : IEntityTypeConfiguration<CriterionWording>
{
    public void Configure(EntityTypeBuilder<CriterionWording> builder)
    {
        builder.ToTable("CriterionWordings");
        builder.Property(w => w.Name).HasMaxLength(100).IsRequired();
        builder.Property(w => w.Description).HasMaxLength(1000).IsRequired();
    }
}

internal sealed class ReviewRoundConfiguration : IEntityTypeConfiguration<ReviewRound>
{
    public void Configure(EntityTypeBuilder<ReviewRound> builder)
    {
        builder.ToTable("ReviewRounds");
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.FinancialYear);
        builder.Ignore(r => r.BothSubmitted);
        // One round per year and commissioner (or per year with all commissioners), whoever opens it: the LINk and the
        // commissioner opening the same review at once get one round. Two indexes, as a unique index counts every null
        // as distinct. Rounds opened twice before this held are marked by the upgrade (DuplicateOfRoundId) and left aside.
        builder.HasIndex(r => new { r.Year, r.CommissionerOrganisationId }).IsUnique().HasFilter("\"DuplicateOfRoundId\" IS NULL");
        builder.HasIndex(r => r.Year).IsUnique().HasFilter("\"CommissionerOrganisationId\" IS NULL AND \"DuplicateOfRoundId\" IS NULL");
        builder.HasOne<Organisation>().WithMany().HasForeignKey(r => r.LinkOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(r => r.CommissionerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OpenedByOrganisationId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(r => r.Ratings).WithOne().HasForeignKey(i => i.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Ratings).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(r => r.Actions).WithOne().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Actions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ReviewItemConfiguration : IEntityTypeConfiguration<ReviewItem>
{
    public void Configure(EntityTypeBuilder<ReviewItem> builder)
    {
        builder.ToTable("ReviewItems");
        builder.Property(i => i.AgreedNote).HasMaxLength(2000);
        builder.Property(i => i.PublishedNote).HasMaxLength(2000);
        builder.HasOne<SuccessCriterion>().WithMany().HasForeignKey(i => i.CriterionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CriterionWording>().WithMany().HasForeignKey(i => i.WordingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.RoundId, i.CriterionId }).IsUnique();
    }
}

internal sealed class ReviewRatingConfiguration : IEntityTypeConfiguration<ReviewRating>
{
    public void Configure(EntityTypeBuilder<ReviewRating> builder)
    {
        builder.ToTable("ReviewRatings");
        builder.Property(r => r.Comment).HasMaxLength(2000);
        builder.Property(r => r.EvidenceLinks).HasMaxLength(2000);
        builder.HasOne<ReviewItem>().WithMany().HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.ItemId, r.By }).IsUnique();
    }
}

internal sealed class ReviewActionConfiguration : IEntityTypeConfiguration<ReviewAction>
{
    public void Configure(EntityTypeBuilder<ReviewAction> builder)
    {
        builder.ToTable("ReviewActions");
        builder.Property(a => a.Text).HasMaxLength(1000).IsRequired();
        builder.Property(a => a.OwnerName).HasMaxLength(200);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.DoneOn, a.DueOn });
    }
}
