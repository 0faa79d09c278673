using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementHub.Core.Data.Configurations;

internal sealed class ReminderDeliveryConfiguration : IEntityTypeConfiguration<ReminderDelivery>
{
    public void Configure(EntityTypeBuilder<ReminderDelivery> builder)
    {
        builder.Property(d => d.Step).HasMaxLength(64).IsRequired();
        builder.Property(d => d.Recipient).HasMaxLength(256).IsRequired();
        builder.Property(d => d.LastError).HasMaxLength(2000);
        builder.Property(d => d.ResentBy).HasMaxLength(200);
        builder.Property(d => d.ClaimToken).IsConcurrencyToken();
        builder.Ignore(d => d.Digest);
        builder.HasOne<ResponseDeadline>().WithMany().HasForeignKey(d => d.DeadlineId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Notification).WithMany().HasForeignKey(d => d.NotificationId).OnDelete(DeleteBehavior.Cascade);

        // One e-mail per workflow notification, however many nodes try to send it.
        builder.HasIndex(d => d.NotificationId).IsUnique();

        // The guarantee of "sent once": a second sweep, a retry or a second node inserts nothing under the same key.
        builder.HasIndex(d => new { d.DeadlineId, d.Step, d.Recipient, d.Channel }).IsUnique();

        // A digest's window starts where the person's previous digest of that kind ended (ADR 14): two sweeps racing, or a
        // sweep after a restart, cannot record two digests from the same start, so no item is in two digests.
        builder.HasIndex(d => new { d.Recipient, d.Step, d.WindowStart }).IsUnique().HasFilter("\"WindowStart\" IS NOT NULL");

        // The admin page lists failed e-mails; start-up finds pending ones whose job was lost with the in-memory queue,
        // and the sweep finds claims that expired with the node that held them.
        builder.HasIndex(d => new { d.Status, d.Channel });
    }
}
