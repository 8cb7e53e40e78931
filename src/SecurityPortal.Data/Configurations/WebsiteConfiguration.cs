using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Domain.Websites;

namespace SecurityPortal.Data.Configurations;

internal sealed class WatchedWebsiteConfiguration : IEntityTypeConfiguration<WatchedWebsite>
{
    public void Configure(EntityTypeBuilder<WatchedWebsite> builder)
    {
        builder.HasKey(w => w.Id);
        builder.Property(w => w.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<InformationSystem>().WithMany().HasForeignKey(w => w.SystemId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(w => w.Url).HasMaxLength(SystemEndpoint.UrlMaxLength);

        // Two instances adding the same site at once: one insert fails on this index instead of watching it twice.
        builder.HasIndex(w => new { w.SystemId, w.Url }).IsUnique();
        builder.HasIndex(w => new { w.Active, w.NextCheckUtc });
        builder.HasIndex(w => new { w.Active, w.Health });
        builder.Property(w => w.FindingCodes).HasMaxLength(1000);
        builder.Property(w => w.BaselineTitle).HasMaxLength(300);
        builder.Property(w => w.BaselineFingerprint).HasMaxLength(PageFingerprint.SignatureLength * 8);
        builder.Property(w => w.BaselinePhrases).HasMaxLength(2000);
        builder.Property(w => w.BaselineSetBy).HasMaxLength(200);
    }
}

internal sealed class WebsiteCheckConfiguration : IEntityTypeConfiguration<WebsiteCheck>
{
    public void Configure(EntityTypeBuilder<WebsiteCheck> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<WatchedWebsite>().WithMany().HasForeignKey(c => c.WatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.WatchId, c.StartedUtc });
        builder.Property(c => c.Url).HasMaxLength(SystemEndpoint.UrlMaxLength);
        builder.Property(c => c.FinalUrl).HasMaxLength(500);
        builder.Property(c => c.Title).HasMaxLength(300);
        builder.Property(c => c.Fingerprint).HasMaxLength(PageFingerprint.SignatureLength * 8);
        builder.Property(c => c.Phrases).HasMaxLength(2000);
        builder.Property(c => c.CertificateSubject).HasMaxLength(300);
        builder.Property(c => c.CertificateIssuer).HasMaxLength(300);
        builder.Property(c => c.Server).HasMaxLength(200);
        builder.Property(c => c.FindingsJson).HasMaxLength(20_000);
        builder.Property(c => c.SoftwareJson).HasMaxLength(4000);
    }
}
