using EngagementHub.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementHub.Core.Data.Configurations;

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> builder)
    {
        // The key is the primary key: the guarantee of "one record per submission" is the database's unique index.
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).ValueGeneratedNever();
        builder.Property(s => s.Action).HasMaxLength(64).IsRequired();
        builder.Property(s => s.ResultId).HasMaxLength(64).IsRequired();
        builder.Property(s => s.UserId).HasMaxLength(64);
    }
}
