using EngagementHub.Core.Accounts;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementHub.Core.Data.Configurations;

internal sealed class AccountEmailSlotConfiguration : IEntityTypeConfiguration<AccountEmailSlot>
{
    public void Configure(EntityTypeBuilder<AccountEmailSlot> builder)
    {
        // The guarantee of the limit: two nodes taking the same free place at once insert or update one row, not two.
        builder.HasKey(s => new { s.UserId, s.Kind, s.Slot });
        builder.Property(s => s.UserId).HasMaxLength(64);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
