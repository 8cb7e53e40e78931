using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Directives;

namespace SecurityPortal.Data.Configurations;

internal sealed class DirectiveConfiguration : IEntityTypeConfiguration<Directive>
{
    public void Configure(EntityTypeBuilder<Directive> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.ConcurrencyStamp).IsConcurrencyToken();
        builder.Property(d => d.Number).HasMaxLength(Directive.NumberMaxLength);
        builder.Property(d => d.Issuer).HasMaxLength(Directive.IssuerMaxLength);
        builder.Property(d => d.Subject).HasMaxLength(Directive.SubjectMaxLength);
        builder.Property(d => d.CreatedById).HasMaxLength(450);
        builder.Property(d => d.SentById).HasMaxLength(450);
        builder.HasIndex(d => d.State);
        builder.Ignore(d => d.SignedFile);
        builder.Ignore(d => d.LastDeadline);
        builder.HasMany(d => d.Actions).WithOne().HasForeignKey(a => a.DirectiveId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Recipients).WithOne().HasForeignKey(r => r.DirectiveId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Files).WithOne().HasForeignKey(f => f.DirectiveId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.Actions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(d => d.Recipients).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(d => d.Files).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DirectiveActionConfiguration : IEntityTypeConfiguration<DirectiveAction>
{
    public void Configure(EntityTypeBuilder<DirectiveAction> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Text).HasMaxLength(DirectiveAction.TextMaxLength);
        builder.Property(a => a.EvidenceExpected).HasMaxLength(DirectiveAction.EvidenceMaxLength);
        builder.Property(a => a.AgencyKinds).HasMaxLength(400);
        builder.Property(a => a.Levels).HasMaxLength(20);
        builder.Ignore(a => a.KindList);
        builder.Ignore(a => a.LevelList);
        builder.HasIndex(a => new { a.DirectiveId, a.Order }).IsUnique();
    }
}

internal sealed class DirectiveRecipientConfiguration : IEntityTypeConfiguration<DirectiveRecipient>
{
    public void Configure(EntityTypeBuilder<DirectiveRecipient> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.DirectiveId, r.AgencyId }).IsUnique();
    }
}

internal sealed class DirectiveFileConfiguration : IEntityTypeConfiguration<DirectiveFile>
{
    public void Configure(EntityTypeBuilder<DirectiveFile> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.OwnsUploadedFile(f => f.File, indexSha256: true);
    }
}

internal sealed class DirectiveReportConfiguration : IEntityTypeConfiguration<DirectiveReport>
{
    public void Configure(EntityTypeBuilder<DirectiveReport> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<Directive>().WithMany().HasForeignKey(r => r.DirectiveId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.DirectiveId, r.AgencyId }).IsUnique();
        builder.HasIndex(r => new { r.AgencyId, r.State });
        builder.HasIndex(r => r.State);
        builder.Property(r => r.HeadConfirmation).HasMaxLength(DirectiveReport.NameMaxLength);
        builder.Property(r => r.SubmittedById).HasMaxLength(450);
        builder.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Evidence).WithOne().HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Answers).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(r => r.Evidence).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DirectiveAnswerConfiguration : IEntityTypeConfiguration<DirectiveAnswer>
{
    public void Configure(EntityTypeBuilder<DirectiveAnswer> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<DirectiveAction>().WithMany().HasForeignKey(a => a.ActionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.ReportId, a.ActionId }).IsUnique();
        builder.Property(a => a.EvidenceExpected).HasMaxLength(DirectiveAction.EvidenceMaxLength);
        builder.Property(a => a.Reason).HasMaxLength(DirectiveAnswer.TextMaxLength);
        builder.Property(a => a.Note).HasMaxLength(DirectiveAnswer.TextMaxLength);
        builder.Property(a => a.ReviewComment).HasMaxLength(DirectiveAnswer.TextMaxLength);
        builder.Property(a => a.AnsweredById).HasMaxLength(450);
        builder.Property(a => a.ReviewerId).HasMaxLength(450);
    }
}

internal sealed class DirectiveEvidenceConfiguration : IEntityTypeConfiguration<DirectiveEvidence>
{
    public void Configure(EntityTypeBuilder<DirectiveEvidence> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.OwnsUploadedFile(e => e.File, indexSha256: true);
        builder.HasIndex(e => e.AnswerId);
    }
}
