using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecurityPortal.Domain.Signatures;

namespace SecurityPortal.Data.Configurations;

internal sealed class TrustAnchorConfiguration : IEntityTypeConfiguration<TrustAnchor>
{
    public void Configure(EntityTypeBuilder<TrustAnchor> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.ConcurrencyStamp).IsConcurrencyToken();
        builder.Property(a => a.Der).HasMaxLength(TrustAnchor.MaxDerLength);
        builder.Property(a => a.Subject).HasMaxLength(TrustAnchor.NameMaxLength);
        builder.Property(a => a.Issuer).HasMaxLength(TrustAnchor.NameMaxLength);
        builder.Property(a => a.Thumbprint).HasMaxLength(TrustAnchor.ThumbprintLength);
        builder.Property(a => a.AddedById).HasMaxLength(450);
        builder.HasIndex(a => a.Thumbprint).IsUnique();
    }
}
