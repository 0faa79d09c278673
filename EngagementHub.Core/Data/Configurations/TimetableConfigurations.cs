using EngagementHub.Core.Calendar;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementHub.Core.Data.Configurations;

internal sealed class TimetableEventConfiguration : IEntityTypeConfiguration<TimetableEvent>
{
    public void Configure(EntityTypeBuilder<TimetableEvent> builder)
    {
        builder.ToTable("TimetableEvents");
        builder.Property(e => e.Title).HasMaxLength(TimetableEvent.TitleMaxLength).IsRequired();
        builder.Property(e => e.Description).HasMaxLength(TimetableEvent.DescriptionMaxLength);
        builder.Property(e => e.Location).HasMaxLength(TimetableEvent.LocationMaxLength);
        builder.Property(e => e.CycleStage).HasMaxLength(200);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.PrimitiveCollection(e => e.ExerciseIds);
        builder.Ignore(e => e.FinancialYear);
        builder.Ignore(e => e.IsTimed);
        builder.Ignore(e => e.When);

        builder.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CycleTemplate>().WithMany().HasForeignKey(e => e.CycleTemplateId).OnDelete(DeleteBehavior.SetNull);

        // The events starting in a year, in date order. (The year view selects every event overlapping the year by its
        // dates, one query over a table of a few thousand rows at most; an index for that would need a migration.)
        builder.HasIndex(e => new { e.Year, e.StartDate });
        builder.HasIndex(e => new { e.OrganisationId, e.Year });

        // Each stage of a commissioning cycle once in an organisation's year: generating the same cycle from two tabs at
        // once adds its stages once. Copies generated twice before this held were unlinked from the cycle by the upgrade.
        builder.HasIndex(e => new { e.OrganisationId, e.Year, e.CycleTemplateId, e.CycleStage }).IsUnique().HasFilter("\"CycleTemplateId\" IS NOT NULL")
            .HasDatabaseName("IX_TimetableEvents_EachCycleStageOncePerYear");
    }
}

internal sealed class AnnualTimetableConfiguration : IEntityTypeConfiguration<AnnualTimetable>
{
    public void Configure(EntityTypeBuilder<AnnualTimetable> builder)
    {
        builder.ToTable("AnnualTimetables");
        builder.HasIndex(t => t.Year).IsUnique();
        builder.Property(t => t.ProposedBy).HasMaxLength(200);
        builder.Property(t => t.ProposalNote).HasMaxLength(2000);
        builder.Property(t => t.ChangesRequested).HasMaxLength(2400);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.PrimitiveCollection(t => t.ParticipantIds);
        builder.Ignore(t => t.FinancialYear);
        builder.Ignore(t => t.CurrentAgreements);
        builder.Ignore(t => t.AwaitingAgreementFrom);
        builder.Ignore(t => t.IsPublished);
        builder.Ignore(t => t.NeverProposed);

        builder.HasMany(t => t.Agreements).WithOne().HasForeignKey(a => a.TimetableId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Agreements).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(t => t.Changes).WithOne().HasForeignKey(c => c.TimetableId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Changes).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(t => t.ChangeChecks).WithOne().HasForeignKey(c => c.TimetableId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.ChangeChecks).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class TimetableAgreementConfiguration : IEntityTypeConfiguration<TimetableAgreement>
{
    public void Configure(EntityTypeBuilder<TimetableAgreement> builder)
    {
        builder.Property(a => a.AgreedBy).HasMaxLength(200).IsRequired();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);

        // One agreement per organisation per round, even if two of its editors press "Agree" at once.
        builder.HasIndex(a => new { a.TimetableId, a.Round, a.OrganisationId }).IsUnique();
    }
}

internal sealed class TimetableChangeConfiguration : IEntityTypeConfiguration<TimetableChange>
{
    public void Configure(EntityTypeBuilder<TimetableChange> builder)
    {
        builder.Property(c => c.ChangedBy).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Summary).HasMaxLength(1000).IsRequired();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TimetableChangeCheckConfiguration : IEntityTypeConfiguration<TimetableChangeCheck>
{
    public void Configure(EntityTypeBuilder<TimetableChangeCheck> builder)
    {
        builder.Property(c => c.CheckedBy).HasMaxLength(200).IsRequired();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);

        // One check per organisation up to a given change, even if two of its editors record it at once.
        builder.HasIndex(c => new { c.TimetableId, c.OrganisationId, c.UpToChangeId }).IsUnique();
    }
}

internal sealed class CycleTemplateConfiguration : IEntityTypeConfiguration<CycleTemplate>
{
    public void Configure(EntityTypeBuilder<CycleTemplate> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(CycleTemplate.MaxNameLength).IsRequired();
        // Unique ignoring case ("Sandwell PCT" and "sandwell pct" are one cycle): an index on lower("Name"), which
        // EF Core cannot declare, made by the migration NamesUniqueIgnoringCase on both providers; the service's look-up compares the same way.
        builder.Property(t => t.Description).HasMaxLength(CycleTemplate.MaxDescriptionLength);
        builder.Property(t => t.Version).IsConcurrencyToken();

        // The stages are always read and written with their template.
        builder.OwnsMany(t => t.Stages, stage =>
        {
            stage.ToJson();
            stage.Property(s => s.Name).HasMaxLength(CycleTemplate.MaxNameLength);
            stage.Property(s => s.Description).HasMaxLength(CycleTemplate.MaxDescriptionLength);
        });
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.Property(f => f.SecretHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(f => f.SecretHash).IsUnique();
        builder.Property(f => f.UserId).HasMaxLength(450);
        builder.Property(f => f.CreatedBy).HasMaxLength(200).IsRequired();
        builder.Ignore(f => f.IsActive);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Cascade);

        // One live feed per person and per organisation: a new one replaces the old, also when two tabs ask at once.
        // Live feeds of one owner from before this held were revoked by the upgrade, all but the newest. The foreign keys
        // keep indexes of their own, over revoked feeds too.
        builder.HasIndex(f => f.UserId, "IX_CalendarFeeds_UserId");
        builder.HasIndex(f => f.OrganisationId, "IX_CalendarFeeds_OrganisationId");
        builder.HasIndex(f => f.UserId, "IX_CalendarFeeds_OneLivePerPerson").IsUnique().HasFilter("\"RevokedAt\" IS NULL AND \"UserId\" IS NOT NULL");
        builder.HasIndex(f => f.OrganisationId, "IX_CalendarFeeds_OneLivePerOrganisation").IsUnique()
            .HasFilter("\"RevokedAt\" IS NULL AND \"OrganisationId\" IS NOT NULL");
    }
}
