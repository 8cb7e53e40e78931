using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Scanning;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Data.Configurations;

internal sealed class ScanFindingConfiguration : IEntityTypeConfiguration<ScanFinding>
{
    public void Configure(EntityTypeBuilder<ScanFinding> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<InformationSystem>().WithMany().HasForeignKey(f => f.SystemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RemediationTask>().WithMany().HasForeignKey(f => f.TaskId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(f => f.Scanner).HasMaxLength(ScanFinding.ScannerMaxLength);
        builder.Property(f => f.Target).HasMaxLength(ScanFinding.TargetMaxLength);
        builder.Property(f => f.Key).HasMaxLength(ScanFinding.KeyMaxLength);
        builder.Property(f => f.Title).HasMaxLength(ScanFinding.TitleMaxLength);
        builder.Property(f => f.Cves).HasMaxLength(ScanFinding.CvesMaxLength);
        builder.Property(f => f.Package).HasMaxLength(ScanFinding.PackageMaxLength);
        builder.Property(f => f.InstalledVersion).HasMaxLength(ScanFinding.VersionMaxLength);
        builder.Property(f => f.FixedVersion).HasMaxLength(ScanFinding.VersionMaxLength);
        builder.Property(f => f.Purl).HasMaxLength(ScanFinding.PurlMaxLength);
        builder.HasIndex(f => new { f.SystemId, f.Target });
        builder.HasIndex(f => new { f.SystemId, f.Key });
        builder.HasIndex(f => f.TaskId);
    }
}

internal sealed class ScanReportImportConfiguration : IEntityTypeConfiguration<ScanReportImport>
{
    public void Configure(EntityTypeBuilder<ScanReportImport> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.ConcurrencyStamp).IsConcurrencyToken();
        builder.Property(i => i.Format).HasMaxLength(ScanReportImport.FormatMaxLength);
        builder.Property(i => i.FileName).HasMaxLength(ScanReportImport.FileNameMaxLength);
        builder.Property(i => i.Sha256).HasMaxLength(64);
        builder.Property(i => i.ImportedById).HasMaxLength(450);

        // A file is imported once: two confirmations of the same report racing each other, one insert fails here.
        builder.HasIndex(i => i.Sha256).IsUnique();
    }
}
