using EngagementHub.Core.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementHub.Core.Data.Configurations;

internal sealed class BankHolidayConfiguration : IEntityTypeConfiguration<BankHoliday>
{
    public void Configure(EntityTypeBuilder<BankHoliday> builder)
    {
        builder.HasIndex(h => h.Date).IsUnique();
        builder.Property(h => h.Name).HasMaxLength(BankHoliday.NameMaxLength).IsRequired();
    }
}
