using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecurityPortal.Domain.Notifications;

namespace SecurityPortal.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.Text).HasMaxLength(Notification.TextMaxLength);
        builder.Property(n => n.Link).HasMaxLength(Notification.LinkMaxLength);

        // Rows written before kinds existed read as «other» with no e-mail.
        builder.Property(n => n.Kind).HasDefaultValue(NotificationKind.Other).HasSentinel(NotificationKind.Other);
        builder.Property(n => n.Mail).HasDefaultValue(MailState.None).HasSentinel(MailState.Undecided);
        builder.HasIndex(n => new { n.UserId, n.ReadAtUtc });
        builder.HasIndex(n => new { n.Mail, n.UserId });
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.HasKey(p => new { p.UserId, p.Kind });
        builder.Property(p => p.UserId).HasMaxLength(450);
    }
}

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.ToAddress).HasMaxLength(OutboxMail.AddressMaxLength);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMail.SubjectMaxLength);
        builder.Property(m => m.Body).HasMaxLength(OutboxMail.BodyMaxLength);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMail.ErrorMaxLength);

        // A sender records its result only while it still holds the lease.
        builder.Property(m => m.LeaseToken).IsConcurrencyToken();
        builder.HasIndex(m => new { m.SentAtUtc, m.GaveUpAtUtc, m.NextAttemptAtUtc });
    }
}

internal sealed class ReminderLogConfiguration : IEntityTypeConfiguration<ReminderLog>
{
    public void Configure(EntityTypeBuilder<ReminderLog> builder)
    {
        builder.HasKey(r => r.Key);
        builder.Property(r => r.Key).HasMaxLength(ReminderLog.KeyMaxLength);
        builder.HasIndex(r => r.CreatedAtUtc);
    }
}

internal sealed class FigureSnapshotConfiguration : IEntityTypeConfiguration<Domain.Reporting.FigureSnapshot>
{
    public void Configure(EntityTypeBuilder<Domain.Reporting.FigureSnapshot> builder)
    {
        builder.HasKey(s => new { s.Day, s.AgencyId });
        builder.Property(s => s.ScoreSum).HasPrecision(18, 1);
        builder.HasIndex(s => s.AgencyId);
        // Covers the trend's sums per day (issue 21): read from the index alone.
        builder.HasIndex(s => new { s.Day, s.AgencyId, s.Systems, s.WithApprovedLevel, s.ScoreSum, s.ScoreCount, s.OpenTasks, s.OverdueTasks });
    }
}

internal sealed class FigureRollupConfiguration : IEntityTypeConfiguration<Domain.Reporting.FigureRollup>
{
    public void Configure(EntityTypeBuilder<Domain.Reporting.FigureRollup> builder)
    {
        builder.HasKey(r => new { r.AgencyId, r.Level });
        builder.Property(r => r.ScoreSum).HasPrecision(18, 1);
    }
}

internal sealed class FigureGroupRollupConfiguration : IEntityTypeConfiguration<Domain.Reporting.FigureGroupRollup>
{
    public void Configure(EntityTypeBuilder<Domain.Reporting.FigureGroupRollup> builder)
    {
        builder.HasKey(r => new { r.AgencyId, r.Level, r.CatalogVersionId, r.GroupCode });
        builder.Property(r => r.GroupCode).HasMaxLength(Domain.Catalog.CatalogVersion.CodeMaxLength);
        // Covers the dashboard's sum by group: read in group order from the index alone, no sort, no table rows.
        builder.HasIndex(r => new { r.CatalogVersionId, r.GroupCode, r.AgencyId, r.Level, r.Met, r.Partial, r.NotMet, r.NotApplicable });
    }
}

internal sealed class FigureRollupBasisConfiguration : IEntityTypeConfiguration<Domain.Reporting.FigureRollupBasis>
{
    public void Configure(EntityTypeBuilder<Domain.Reporting.FigureRollupBasis> builder)
    {
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Basis).HasMaxLength(Domain.Reporting.FigureRollupBasis.BasisMaxLength);
        // The one row exists from the start, empty: the first reading of the figures counts them (FigureRollups).
        builder.HasData(new { Id = Domain.Reporting.FigureRollupBasis.SingletonId, Basis = string.Empty });
    }
}
