using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementHub.Core.Data.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(Organisation.NameMaxLength).IsRequired();
        // Unique ignoring case ("Sandwell PCT" and "sandwell pct" are one organisation): an index on lower("Name"), which
        // EF Core cannot declare, made by the migration NamesUniqueIgnoringCase on both providers; the service's look-up compares the same way.
        builder.Property(o => o.ShortName).HasMaxLength(50);
        builder.Property(o => o.Description).HasMaxLength(2000);
        builder.Property(o => o.Website).HasMaxLength(300);
        builder.Property(o => o.Email).HasMaxLength(256);
        builder.Property(o => o.Phone).HasMaxLength(50);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasMany(o => o.Contacts).WithOne().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Contacts).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
