using System.Text.Json;
using EngagementHub.Core.Exercises;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EngagementHub.Core.Data.Configurations;

internal sealed class JointWorkingProposalConfiguration : IEntityTypeConfiguration<JointWorkingProposal>
{
    public void Configure(EntityTypeBuilder<JointWorkingProposal> builder)
    {
        builder.Property(p => p.Reasons).HasMaxLength(4000).IsRequired();
        builder.Property(p => p.ProposedByName).HasMaxLength(200);
        builder.Property(p => p.ProposedByOrganisation).HasMaxLength(200);
        builder.Property(p => p.CommissionerAgreedBy).HasMaxLength(200);
        builder.Property(p => p.LinkAgreedBy).HasMaxLength(200);
        builder.Property(p => p.ChangeRequestedBy).HasMaxLength(200);
        builder.Property(p => p.ChangeRequestComment).HasMaxLength(4000);
        builder.Ignore(p => p.IsOpen);
        builder.Ignore(p => p.OtherSide);

        builder.Property(p => p.Parts)
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web),
                v => JsonSerializer.Deserialize<List<OptionPart>>(v, JsonSerializerOptions.Web) ?? new List<OptionPart>(),
                new ValueComparer<List<OptionPart>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
    }
}
