using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Catalog;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Data.Configurations;

internal sealed class CatalogVersionConfiguration : IEntityTypeConfiguration<CatalogVersion>
{
    public void Configure(EntityTypeBuilder<CatalogVersion> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.ConcurrencyStamp).IsConcurrencyToken();
        builder.Property(v => v.Code).HasMaxLength(CatalogVersion.CodeMaxLength);
        builder.HasIndex(v => v.Code).IsUnique();
        builder.Property(v => v.Title).HasMaxLength(CatalogVersion.TitleMaxLength);
        builder.Property(v => v.LegalBasis).HasMaxLength(CatalogVersion.TextMaxLength);
        builder.Property(v => v.ContentHash).HasMaxLength(64);
        builder.HasMany(v => v.Groups).WithOne().HasForeignKey(g => g.VersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Requirements).WithOne().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(v => v.Groups).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(v => v.Requirements).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CatalogGroupConfiguration : IEntityTypeConfiguration<CatalogGroup>
{
    public void Configure(EntityTypeBuilder<CatalogGroup> builder)
    {
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Code).HasMaxLength(CatalogVersion.CodeMaxLength);
        builder.HasIndex(g => new { g.VersionId, g.Code }).IsUnique();
        builder.Property(g => g.Title).HasMaxLength(CatalogVersion.TitleMaxLength);
        builder.Property(g => g.TitleEn).HasMaxLength(CatalogVersion.TitleMaxLength);
    }
}

internal sealed class CatalogRequirementConfiguration : IEntityTypeConfiguration<CatalogRequirement>
{
    public void Configure(EntityTypeBuilder<CatalogRequirement> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Code).HasMaxLength(CatalogVersion.CodeMaxLength);
        builder.HasIndex(r => new { r.VersionId, r.Code }).IsUnique();
        builder.Property(r => r.GroupCode).HasMaxLength(CatalogVersion.CodeMaxLength);
        builder.Property(r => r.Title).HasMaxLength(CatalogVersion.TitleMaxLength);
        builder.Property(r => r.TitleEn).HasMaxLength(CatalogVersion.TitleMaxLength);
        builder.Property(r => r.Text).HasMaxLength(CatalogVersion.TextMaxLength);
        builder.Property(r => r.Guidance).HasMaxLength(CatalogVersion.TextMaxLength);
        builder.Property(r => r.Evidence).HasMaxLength(CatalogVersion.TextMaxLength);
        builder.HasMany(r => r.Levels).WithOne().HasForeignKey(l => l.RequirementId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Levels).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RequirementLevelConfiguration : IEntityTypeConfiguration<RequirementLevel>
{
    public void Configure(EntityTypeBuilder<RequirementLevel> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Text).HasMaxLength(CatalogVersion.TextMaxLength);
        builder.Property(l => l.Reference).HasMaxLength(CatalogVersion.TitleMaxLength);
        builder.HasIndex(l => new { l.RequirementId, l.Level }).IsUnique();
    }
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<InformationSystem>().WithMany().HasForeignKey(a => a.SystemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CatalogVersion>().WithMany().HasForeignKey(a => a.CatalogVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.SystemId, a.Cycle }).IsUnique();
        builder.HasIndex(a => a.State);
        // A campaign's assessments still with their agencies (the inbox's overdue agencies): a seek, not the campaign's every row.
        builder.HasIndex(a => new { a.CampaignId, a.State });
        builder.HasOne<Campaign>().WithMany().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.CatalogCode).HasMaxLength(CatalogVersion.CodeMaxLength);
        builder.Property(a => a.CreatedById).HasMaxLength(450);
        builder.Property(a => a.SubmittedById).HasMaxLength(450);
        builder.Property(a => a.ReviewerId).HasMaxLength(450);
        builder.Property(a => a.HeadConfirmation).HasMaxLength(Assessment.NameMaxLength);
        builder.Property(a => a.ReturnNote).HasMaxLength(Assessment.NoteMaxLength);
        builder.Property(a => a.FiledScore).HasPrecision(5, 1);
        builder.Property(a => a.FiledGroups).HasMaxLength(8000);
        builder.HasMany(a => a.Items).WithOne().HasForeignKey(i => i.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Evidence).WithOne().HasForeignKey(e => e.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(a => a.Evidence).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AssessmentItemConfiguration : IEntityTypeConfiguration<AssessmentItem>
{
    public void Configure(EntityTypeBuilder<AssessmentItem> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<CatalogRequirement>().WithMany().HasForeignKey(i => i.RequirementId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.AssessmentId, i.RequirementId }).IsUnique();
        builder.Property(i => i.RequirementCode).HasMaxLength(CatalogVersion.CodeMaxLength);
        builder.Property(i => i.GroupCode).HasMaxLength(CatalogVersion.CodeMaxLength);
        builder.Property(i => i.Title).HasMaxLength(CatalogVersion.TitleMaxLength);
        builder.Property(i => i.Justification).HasMaxLength(AssessmentItem.TextMaxLength);
        builder.Property(i => i.EvidenceNote).HasMaxLength(AssessmentItem.TextMaxLength);
        builder.Property(i => i.Responsible).HasMaxLength(AssessmentItem.NameMaxLength);
        builder.Property(i => i.AnsweredById).HasMaxLength(450);
        builder.Property(i => i.ReviewComment).HasMaxLength(AssessmentItem.TextMaxLength);
        builder.Property(i => i.CarriedEvidenceNote).HasMaxLength(AssessmentItem.TextMaxLength);
        builder.Property(i => i.CarriedJustification).HasMaxLength(AssessmentItem.TextMaxLength);
    }
}

internal sealed class AssessmentEvidenceConfiguration : IEntityTypeConfiguration<AssessmentEvidence>
{
    public void Configure(EntityTypeBuilder<AssessmentEvidence> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.OwnsUploadedFile(e => e.File, indexSha256: true);
        builder.HasIndex(e => e.ItemId);
    }
}

internal sealed class RemediationTaskConfiguration : IEntityTypeConfiguration<Domain.Remediation.RemediationTask>
{
    public void Configure(EntityTypeBuilder<Domain.Remediation.RemediationTask> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<InformationSystem>().WithMany().HasForeignKey(t => t.SystemId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(t => t.Title).HasMaxLength(Domain.Remediation.RemediationTask.TitleMaxLength);
        builder.Property(t => t.Description).HasMaxLength(Domain.Remediation.RemediationTask.TextMaxLength);
        builder.Property(t => t.RequirementCode).HasMaxLength(CatalogVersion.CodeMaxLength);
        builder.Property(t => t.CreatedById).HasMaxLength(450);
        builder.HasIndex(t => new { t.SystemId, t.Status });
        builder.HasIndex(t => t.SourceItemId);
        builder.HasIndex(t => t.DueDate);
        builder.HasIndex(t => t.AssigneeId);
        // The province task list: overdue tasks (of a severity) read in due-date order and counted from the index alone,
        // without the rows (docs/performance.md).
        builder.HasIndex(t => new { t.DueDate, t.Status, t.SystemId });
        builder.HasIndex(t => new { t.Severity, t.DueDate, t.Status, t.SystemId });
        builder.Property(t => t.AssigneeId).HasMaxLength(450);
        builder.Property(t => t.AssigneeName).HasMaxLength(256);
        builder.Property(t => t.ResolutionNote).HasMaxLength(Domain.Remediation.RemediationTask.TextMaxLength);
        builder.Property(t => t.ResolvedById).HasMaxLength(450);
        builder.Property(t => t.VerifiedById).HasMaxLength(450);
        builder.HasMany(t => t.Entries).WithOne().HasForeignKey(e => e.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.Attachments).WithOne().HasForeignKey(a => a.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Entries).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(t => t.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class TaskEntryConfiguration : IEntityTypeConfiguration<Domain.Remediation.TaskEntry>
{
    public void Configure(EntityTypeBuilder<Domain.Remediation.TaskEntry> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.Text).HasMaxLength(Domain.Remediation.RemediationTask.TextMaxLength);
    }
}

internal sealed class TaskAttachmentConfiguration : IEntityTypeConfiguration<Domain.Remediation.TaskAttachment>
{
    public void Configure(EntityTypeBuilder<Domain.Remediation.TaskAttachment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.OwnsUploadedFile(a => a.File, indexSha256: false);
    }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ConcurrencyStamp).IsConcurrencyToken();
        builder.Property(c => c.Title).HasMaxLength(Campaign.TitleMaxLength);
        builder.Property(c => c.CreatedById).HasMaxLength(450);
        builder.HasOne<CatalogVersion>().WithMany().HasForeignKey(c => c.CatalogVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.Cycle);
    }
}

internal sealed class VulnerabilityWarningConfiguration : IEntityTypeConfiguration<Domain.Warnings.VulnerabilityWarning>
{
    public void Configure(EntityTypeBuilder<Domain.Warnings.VulnerabilityWarning> builder)
    {
        builder.HasKey(w => w.Id);
        builder.Property(w => w.ConcurrencyStamp).IsConcurrencyToken();
        builder.Ignore(w => w.Rule);
        builder.Property(w => w.Title).HasMaxLength(Domain.Warnings.VulnerabilityWarning.TitleMaxLength);
        builder.Property(w => w.Reference).HasMaxLength(Domain.Warnings.VulnerabilityWarning.ShortMaxLength);
        builder.HasIndex(w => w.Reference);
        builder.Property(w => w.Description).HasMaxLength(Domain.Warnings.VulnerabilityWarning.TextMaxLength);
        builder.Property(w => w.AffectedProducts).HasMaxLength(Domain.Warnings.VulnerabilityWarning.ShortMaxLength);
        builder.Property(w => w.RecommendedAction).HasMaxLength(Domain.Warnings.VulnerabilityWarning.TextMaxLength);
        builder.Property(w => w.SourceUrl).HasMaxLength(SystemEndpoint.UrlMaxLength);
        builder.Property(w => w.CreatedById).HasMaxLength(450);
        builder.HasOne<Domain.Warnings.VulnerabilityRecord>().WithMany().HasForeignKey(w => w.FeedRecordId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Domain.Incidents.Incident>
{
    public void Configure(EntityTypeBuilder<Domain.Incidents.Incident> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<Domain.Agencies.Agency>().WithMany().HasForeignKey(i => i.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.AgencyId, i.Status });
        builder.Property(i => i.Title).HasMaxLength(Domain.Incidents.Incident.TitleMaxLength);
        builder.Property(i => i.Description).HasMaxLength(Domain.Incidents.Incident.TextMaxLength);
        builder.Property(i => i.ActionsTaken).HasMaxLength(Domain.Incidents.Incident.TextMaxLength);
        builder.Property(i => i.ReportedById).HasMaxLength(450);
        builder.HasMany(i => i.Systems).WithOne().HasForeignKey(s => s.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Systems).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class IncidentSystemConfiguration : IEntityTypeConfiguration<Domain.Incidents.IncidentSystem>
{
    public void Configure(EntityTypeBuilder<Domain.Incidents.IncidentSystem> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasOne<InformationSystem>().WithMany().HasForeignKey(s => s.SystemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.IncidentId, s.SystemId }).IsUnique();
    }
}
