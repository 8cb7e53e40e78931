using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecurityPortal.Data.Exports;

namespace SecurityPortal.Data.Configurations;

internal sealed class ExportTicketConfiguration : IEntityTypeConfiguration<ExportTicket>
{
    public void Configure(EntityTypeBuilder<ExportTicket> builder)
    {
        builder.HasKey(t => new { t.UserId, t.Token });
        builder.Property(t => t.UserId).HasMaxLength(450);
        builder.HasIndex(t => t.UpdatedAtUtc);
    }
}
