using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecurityPortal.Domain.Agencies;

namespace SecurityPortal.Data.Configurations;

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ConcurrencyStamp).IsConcurrencyToken();
        builder.Property(a => a.Code).HasMaxLength(Agency.CodeMaxLength);
        builder.HasIndex(a => a.Code).IsUnique();
        builder.Property(a => a.Name).HasMaxLength(Agency.NameMaxLength);
        builder.Property(a => a.SearchName).HasMaxLength(Agency.NameMaxLength * 2);
        builder.HasIndex(a => a.SearchName);
        builder.HasIndex(a => a.Name);
        builder.Property(a => a.ShortName).HasMaxLength(100);
        builder.Property(a => a.HeadName).HasMaxLength(200);
        builder.Property(a => a.HeadTitle).HasMaxLength(200);
        builder.Property(a => a.ItContactName).HasMaxLength(200);
        builder.Property(a => a.ItContactPhone).HasMaxLength(30);
        builder.Property(a => a.ItContactEmail).HasMaxLength(256);
        builder.Property(a => a.Address).HasMaxLength(500);
        builder.Property(a => a.Phone).HasMaxLength(30);
        builder.Property(a => a.Email).HasMaxLength(256);
        builder.Property(a => a.Mandate).HasMaxLength(500);
        builder.HasOne<Agency>().WithMany().HasForeignKey(a => a.SecurityUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(a => a.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
    }
}
