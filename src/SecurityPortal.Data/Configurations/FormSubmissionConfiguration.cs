using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecurityPortal.Data.Submissions;

namespace SecurityPortal.Data.Configurations;

internal sealed class FormSubmissionConfiguration : IEntityTypeConfiguration<FormSubmission>
{
    public void Configure(EntityTypeBuilder<FormSubmission> builder)
    {
        builder.HasKey(s => new { s.UserId, s.Key });
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.Location).HasMaxLength(FormSubmission.LocationMaxLength);
        builder.HasIndex(s => s.CreatedAtUtc);
    }
}
