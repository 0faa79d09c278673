using System.Text.Json;
using EngagementHub.Core.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementHub.Core.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.Property(a => a.UserId).HasMaxLength(64);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.EntityType).HasMaxLength(128);
        builder.Property(a => a.EntityId).HasMaxLength(128);
        builder.HasIndex(a => new { a.EntityType, a.EntityId });

        // The changes are read and written as a whole with their entry: one JSON column, not a child table.
        builder.Property(a => a.Changes)
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web),
                v => JsonSerializer.Deserialize<List<AuditChange>>(v, JsonSerializerOptions.Web) ?? new List<AuditChange>(),
                new ValueComparer<List<AuditChange>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
    }
}
