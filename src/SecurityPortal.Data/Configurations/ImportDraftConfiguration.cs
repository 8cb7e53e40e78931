using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecurityPortal.Data.Imports;

namespace SecurityPortal.Data.Configurations;

internal sealed class ImportDraftConfiguration : IEntityTypeConfiguration<ImportDraft>
{
    public void Configure(EntityTypeBuilder<ImportDraft> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.Property(d => d.FileName).HasMaxLength(260);
        builder.Property(d => d.Content).HasMaxLength(ImportDraft.MaxBytes);
        builder.HasIndex(d => d.CreatedAtUtc);
    }
}
