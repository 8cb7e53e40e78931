using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data.Identity;
using SecurityPortal.Data.Imports;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Auditing;
using SecurityPortal.Domain.Calendar;
using SecurityPortal.Domain.Catalog;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Data;

/// <summary>
/// The unit of work of the portal, Identity included. There is no repository layer on top of it
/// (docs/decisions/0002-dbcontext-is-the-repository.md).
/// </summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<InformationSystem> InformationSystems => Set<InformationSystem>();
    public DbSet<SoftwareComponent> SoftwareComponents => Set<SoftwareComponent>();
    public DbSet<SystemEndpoint> SystemEndpoints => Set<SystemEndpoint>();
    public DbSet<ImportDraft> ImportDrafts => Set<ImportDraft>();
    public DbSet<Submissions.FormSubmission> FormSubmissions => Set<Submissions.FormSubmission>();
    public DbSet<Exports.ExportTicket> ExportTickets => Set<Exports.ExportTicket>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<LevelDossier> LevelDossiers => Set<LevelDossier>();
    public DbSet<DossierAttachment> DossierAttachments => Set<DossierAttachment>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<OutboxMail> OutboxMails => Set<OutboxMail>();
    public DbSet<ReminderLog> ReminderLogs => Set<ReminderLog>();
    public DbSet<Domain.Reporting.FigureSnapshot> FigureSnapshots => Set<Domain.Reporting.FigureSnapshot>();
    public DbSet<Domain.Reporting.FigureRollup> FigureRollups => Set<Domain.Reporting.FigureRollup>();
    public DbSet<Domain.Reporting.FigureGroupRollup> FigureGroupRollups => Set<Domain.Reporting.FigureGroupRollup>();
    public DbSet<Domain.Reporting.FigureRollupBasis> FigureRollupBases => Set<Domain.Reporting.FigureRollupBasis>();
    public DbSet<CatalogVersion> CatalogVersions => Set<CatalogVersion>();
    public DbSet<CatalogRequirement> CatalogRequirements => Set<CatalogRequirement>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<AssessmentItem> AssessmentItems => Set<AssessmentItem>();
    public DbSet<AssessmentEvidence> AssessmentEvidence => Set<AssessmentEvidence>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<Domain.Incidents.Incident> Incidents => Set<Domain.Incidents.Incident>();
    public DbSet<Domain.Warnings.VulnerabilityWarning> VulnerabilityWarnings => Set<Domain.Warnings.VulnerabilityWarning>();
    public DbSet<Domain.Warnings.VulnerabilityRecord> VulnerabilityRecords => Set<Domain.Warnings.VulnerabilityRecord>();
    public DbSet<Domain.Warnings.VulnerabilityAffected> VulnerabilityAffected => Set<Domain.Warnings.VulnerabilityAffected>();
    public DbSet<Domain.Warnings.KnownExploitedCve> KnownExploitedCves => Set<Domain.Warnings.KnownExploitedCve>();
    public DbSet<Domain.Remediation.RemediationTask> RemediationTasks => Set<Domain.Remediation.RemediationTask>();
    public DbSet<Domain.Directives.Directive> Directives => Set<Domain.Directives.Directive>();
    public DbSet<Domain.Directives.DirectiveFile> DirectiveFiles => Set<Domain.Directives.DirectiveFile>();
    public DbSet<Domain.Directives.DirectiveReport> DirectiveReports => Set<Domain.Directives.DirectiveReport>();
    public DbSet<Domain.Directives.DirectiveAnswer> DirectiveAnswers => Set<Domain.Directives.DirectiveAnswer>();
    public DbSet<Domain.Directives.DirectiveEvidence> DirectiveEvidence => Set<Domain.Directives.DirectiveEvidence>();
    public DbSet<Domain.Support.SupportRequest> SupportRequests => Set<Domain.Support.SupportRequest>();
    public DbSet<Domain.Support.SupportMessage> SupportMessages => Set<Domain.Support.SupportMessage>();
    public DbSet<Domain.Support.SupportAttachment> SupportAttachments => Set<Domain.Support.SupportAttachment>();
    public DbSet<Domain.Websites.WatchedWebsite> WatchedWebsites => Set<Domain.Websites.WatchedWebsite>();
    public DbSet<Domain.Websites.WebsiteCheck> WebsiteChecks => Set<Domain.Websites.WebsiteCheck>();
    public DbSet<Domain.Signatures.TrustAnchor> TrustAnchors => Set<Domain.Signatures.TrustAnchor>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Domain.Scanning.ScanFinding> ScanFindings => Set<Domain.Scanning.ScanFinding>();
    public DbSet<Domain.Scanning.ScanReportImport> ScanReportImports => Set<Domain.Scanning.ScanReportImport>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Provider-neutral rules (docs/database.md): every string bounded, enums as strings, DateTime in UTC.
        configurationBuilder.Properties<string>().HaveMaxLength(256);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(50);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }
}
