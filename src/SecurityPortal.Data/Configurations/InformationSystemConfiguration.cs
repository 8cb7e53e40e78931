using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Data.Configurations;

internal sealed class InformationSystemConfiguration : IEntityTypeConfiguration<InformationSystem>
{
    public void Configure(EntityTypeBuilder<InformationSystem> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.ConcurrencyStamp).IsConcurrencyToken();
        builder.Property(s => s.Code).HasMaxLength(InformationSystem.CodeMaxLength);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(InformationSystem.NameMaxLength);
        builder.Property(s => s.Description).HasMaxLength(InformationSystem.DescriptionMaxLength);
        builder.Property(s => s.SearchText).HasMaxLength(InformationSystem.NameMaxLength + InformationSystem.CodeMaxLength + InformationSystem.DescriptionMaxLength + 2);
        builder.Property(s => s.InformationTypes).HasMaxLength(100);
        builder.Property(s => s.HostingProvider).HasMaxLength(200);
        builder.Property(s => s.TechnicalContactName).HasMaxLength(200);
        builder.Property(s => s.TechnicalContactPhone).HasMaxLength(30);
        builder.Property(s => s.TechnicalContactEmail).HasMaxLength(256);
        builder.HasOne<Agency>().WithMany().HasForeignKey(s => s.OwnerAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(s => s.OperatorAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.OwnerAgencyId);
        builder.HasIndex(s => s.OperatorAgencyId);
        builder.HasIndex(s => s.Lifecycle);
        // The systems list is read in name order from this index, page by page (docs/performance.md).
        builder.HasIndex(s => new { s.Name, s.Code });
        builder.HasMany(s => s.Endpoints).WithOne().HasForeignKey(e => e.SystemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Components).WithOne().HasForeignKey(c => c.SystemId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Endpoints).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(s => s.Components).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SystemEndpointConfiguration : IEntityTypeConfiguration<SystemEndpoint>
{
    public void Configure(EntityTypeBuilder<SystemEndpoint> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Url).HasMaxLength(SystemEndpoint.UrlMaxLength);
        builder.HasIndex(e => new { e.SystemId, e.Url }).IsUnique();
    }
}

internal sealed class SoftwareComponentConfiguration : IEntityTypeConfiguration<SoftwareComponent>
{
    public void Configure(EntityTypeBuilder<SoftwareComponent> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Ignore(c => c.ParsedVersion);
        builder.Ignore(c => c.PackageUrl);
        builder.Ignore(c => c.CpeName);
        builder.Property(c => c.Product).HasMaxLength(SoftwareComponent.ProductMaxLength);
        builder.Property(c => c.NormalizedProduct).HasMaxLength(SoftwareComponent.ProductMaxLength);
        builder.Property(c => c.Vendor).HasMaxLength(SoftwareComponent.VendorMaxLength);
        builder.Property(c => c.Version).HasMaxLength(SoftwareComponent.VersionMaxLength);
        builder.Property(c => c.Notes).HasMaxLength(SoftwareComponent.NotesMaxLength);
        builder.Property(c => c.Purl).HasMaxLength(PackageUrl.MaxLength);
        builder.Property(c => c.Cpe).HasMaxLength(CpeName.MaxLength);
        builder.HasIndex(c => c.NormalizedProduct);
    }
}
