using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementHub.Core.Data.Configurations;

internal sealed class DeploymentIdentityConfiguration : IEntityTypeConfiguration<DeploymentIdentity>
{
    public void Configure(EntityTypeBuilder<DeploymentIdentity> builder)
    {
        builder.ToTable("DeploymentIdentity");
        // One row with a fixed key: a second insert (another node starting at the same moment) fails instead of adding a second identity.
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Domain).HasMaxLength(DeploymentIdentity.MaxDomainLength).IsRequired();
    }
}
