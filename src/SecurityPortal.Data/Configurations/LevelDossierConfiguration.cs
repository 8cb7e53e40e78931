using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Data.Configurations;

internal sealed class LevelDossierConfiguration : IEntityTypeConfiguration<LevelDossier>
{
    public void Configure(EntityTypeBuilder<LevelDossier> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<InformationSystem>().WithMany().HasForeignKey(d => d.SystemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.SystemId, d.State });
        builder.HasIndex(d => d.State);
        // The dossier queue is read in the order of these indexes (deadline, newest first), with or without a level,
        // and counted from them with the state: a page reads its own rows, never the wide ones it skips (the content
        // sections are stored inline) (docs/performance.md).
        builder.Property(d => d.QueueOrder);
        builder.HasIndex(d => new { d.QueueOrder, d.CreatedAtUtc, d.Id, d.State, d.ProposedLevel })
            .IsDescending(false, true, false, false, false).HasDatabaseName("IX_LevelDossiers_Queue");
        builder.HasIndex(d => new { d.ProposedLevel, d.QueueOrder, d.CreatedAtUtc, d.Id, d.State })
            .IsDescending(false, false, true, false, false).HasDatabaseName("IX_LevelDossiers_LevelQueue");
        builder.Property(d => d.RuleSetReason).HasMaxLength(LevelDossier.ReasonMaxLength);
        builder.Property(d => d.ProposalJustification).HasMaxLength(Domain.Classification.LevelProposal.JustificationMaxLength);
        builder.Property(d => d.CreatedById).HasMaxLength(450);
        builder.Property(d => d.SubmittedById).HasMaxLength(450);
        builder.Property(d => d.AppraisedById).HasMaxLength(450);
        builder.Property(d => d.ApprovedById).HasMaxLength(450);
        builder.Property(d => d.ExpertOpinionNumber).HasMaxLength(LevelDossier.ShortTextMaxLength);
        builder.Property(d => d.ExpertOpinionSummary).HasMaxLength(LevelDossier.ReasonMaxLength);
        builder.Property(d => d.AppraisalComments).HasMaxLength(LevelDossier.ReasonMaxLength);
        builder.Property(d => d.AppraisalBody).HasMaxLength(LevelDossier.ShortTextMaxLength);
        builder.Property(d => d.AppraisalDocumentNumber).HasMaxLength(LevelDossier.ShortTextMaxLength);
        builder.Property(d => d.DecisionNumber).HasMaxLength(LevelDossier.ShortTextMaxLength);
        builder.Property(d => d.DecisionSigner).HasMaxLength(LevelDossier.ShortTextMaxLength);
        builder.Property(d => d.RulesDecisionNumber).HasMaxLength(LevelDossier.ShortTextMaxLength);
        builder.Property(d => d.RulesDecisionIssuer).HasMaxLength(LevelDossier.ShortTextMaxLength);
        builder.ComplexProperty(d => d.Facts, facts =>
        {
            facts.Property(f => f.InformationTypes).HasMaxLength(100);
        });
        builder.ComplexProperty(d => d.Content, content =>
        {
            foreach (var property in typeof(DossierContent).GetProperties().Where(p => p.PropertyType == typeof(string)))
            {
                content.Property<string>(property.Name).HasMaxLength(DossierContent.SectionMaxLength);
            }
        });
        builder.HasMany(d => d.Attachments).WithOne().HasForeignKey(a => a.DossierId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Events).WithOne().HasForeignKey(e => e.DossierId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Reviews).WithOne().HasForeignKey(r => r.DossierId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(d => d.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(d => d.Reviews).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DossierAttachmentConfiguration : IEntityTypeConfiguration<DossierAttachment>
{
    public void Configure(EntityTypeBuilder<DossierAttachment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.OwnsUploadedFile(a => a.File, indexSha256: true);
        builder.Property(a => a.SignatureReport).HasMaxLength(DossierAttachment.SignatureReportMaxLength);
    }
}

internal sealed class DossierEventConfiguration : IEntityTypeConfiguration<DossierEvent>
{
    public void Configure(EntityTypeBuilder<DossierEvent> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.Property(e => e.Note).HasMaxLength(DossierEvent.NoteMaxLength);
    }
}

internal sealed class DossierSectionReviewConfiguration : IEntityTypeConfiguration<DossierSectionReview>
{
    public void Configure(EntityTypeBuilder<DossierSectionReview> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => new { r.DossierId, r.Round, r.Section }).IsUnique();
        builder.Property(r => r.Section).HasMaxLength(DossierSections.KeyMaxLength);
        builder.Property(r => r.Comment).HasMaxLength(DossierSectionReview.CommentMaxLength);
        builder.Property(r => r.ReviewerId).HasMaxLength(450);
        builder.Property(r => r.ReviewerName).HasMaxLength(256);
        builder.Property(r => r.Fingerprint).HasMaxLength(64);
    }
}
