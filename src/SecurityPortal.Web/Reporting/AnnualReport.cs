using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Reporting;

/// <summary>Part 1 of Mẫu 08 (Decree 331/2026/NĐ-CP): the counts, in the order of the form.</summary>
public sealed record AnnualCounts(int Total, int Classified, int DossierPrepared, int Appraised, int Approved, int ApprovedAndAssessed);

/// <summary>Part 2: an owner of systems (chủ quản) or a security unit as the registry knows it; a null field is not recorded.</summary>
public sealed record AnnualParty(string Name, string? Mandate, string? HeadName, string? HeadTitle, string? Address, string? Phone, string? Email);

/// <summary>Part 2: one owner (a) with its own specialised security unit (b); no unit when the registry names none.</summary>
public sealed record AnnualOwner(AnnualParty Owner, AnnualParty? Unit)
{
    public string Name => Owner.Name;
}

/// <summary>Part 3: one system, columns (2) to (12) of the form, with the prescribed status values.</summary>
public sealed record AnnualRow(
    string SystemName, string OwnerName, string OperatorName, int? ProposedLevel, string? ApprovalStatus, string? Decision, string? Regulation,
    DateOnly? ExpectedApproval, string? Deployment, DateOnly? ExpectedFullDeployment, string? Checked);

/// <summary>The annual report of one reporting year: data from 15/12 of the year before to 14/12 (Decree 331 Art. 35.3).</summary>
/// <remarks>
/// <see cref="IssuerName"/> is the reporting owner: the province's People's Committee when the province reports as a
/// whole, or one owner agency for its own systems (docs/dashboard.md, «Who reports»); <see cref="Addressee"/> is «Kính gửi».
/// </remarks>
public sealed record AnnualReport(
    int Year, string IssuerName, string Addressee, AnnualCounts Counts, string? ExpectedAllApproved,
    IReadOnlyList<AnnualOwner> Owners, IReadOnlyList<AnnualRow> Rows)
{
    public DateOnly PeriodStart => new(Year - 1, 12, 15);
    public DateOnly PeriodEnd => new(Year, 12, 14);

    /// <summary>The reporting year a day falls in: from 15 December the next year's period has begun.</summary>
    public static int YearOf(DateOnly day) => day.Month == 12 && day.Day >= 15 ? day.Year + 1 : day.Year;
}

/// <summary>
/// Builds Mẫu 08 from the registry, the dossiers and the self-assessments. It reads the records as they stand when
/// the report is made (approvals counted if decided by the end of the period); the self-assessment of the reporting
/// year gives columns 10–12. See docs/dashboard.md for how each column is filled.
/// </summary>
public sealed class AnnualReportBuilder(PortalDbContext db, PortalOptions portal)
{
    public const string PeriodicCheck = "Định kỳ";
    public const string BeforeUseCheck = "Trước khi đưa vào sử dụng";
    public const string BothChecks = "Trước khi đưa vào sử dụng; Định kỳ";

    /// <summary>Column (6) for a system with no dossier yet, or whose dossier is back with the owner: the form has no other value.</summary>
    public const string Drafting = "Đang dự thảo";

    public async Task<AnnualReport> BuildAsync(int year, Guid? agencyId, string? expectedAllApproved, CancellationToken cancellationToken)
    {
        var end = new DateOnly(year, 12, 14);
        var systemsQuery = db.InformationSystems.AsNoTracking().Where(s => s.Lifecycle != LifecycleStatus.Decommissioned);
        if (agencyId is { } id)
        {
            systemsQuery = systemsQuery.Where(s => s.OwnerAgencyId == id);
        }

        var systems = await systemsQuery.OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.OwnerAgencyId, s.OperatorAgencyId, s.ApprovedLevel, s.ApprovedOn, s.ApprovedDossierId, s.Lifecycle, s.GoLiveDate })
            .ToListAsync(cancellationToken);
        var inScope = systemsQuery.Select(s => s.Id);

        var dossiers = (await db.LevelDossiers.AsNoTracking().Where(d => inScope.Contains(d.SystemId))
                .Select(d => new
                {
                    d.Id, d.SystemId, d.State, d.ProposedLevel, d.ApprovedLevel, d.DecisionNumber, d.DecisionDate, d.CreatedAtUtc,
                    d.ExpectedApprovalOn, d.RulesDecisionNumber, d.RulesDecisionDate, d.RulesDecisionIssuer, Classified = d.Facts.FunctionKind != null,
                    Rules = d.Attachments.Any(a => a.Kind == AttachmentKind.SecurityRulesDecision),
                })
                .ToListAsync(cancellationToken))
            .ToLookup(d => d.SystemId);
        var assessments = (await db.Assessments.AsNoTracking().Where(a => a.Cycle == year && inScope.Contains(a.SystemId)
                    && (a.State == AssessmentState.Submitted || a.State == AssessmentState.UnderReview || a.State == AssessmentState.Accepted))
                .Select(a => new
                {
                    a.SystemId, a.State, a.FiledDeployment,
                    Planned = a.Items.Where(i => i.Answer == Answer.NotMet || i.Answer == Answer.PartiallyMet).Max(i => i.PlannedDate),
                })
                .ToListAsync(cancellationToken))
            .ToDictionary(a => a.SystemId);
        // Column 12: every accepted assessment up to the end of the period, dated by its acceptance (docs/dashboard.md).
        var endUtc = VietnamTime.ToUtc(end.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var checks = (await db.Assessments.AsNoTracking()
                .Where(a => inScope.Contains(a.SystemId) && a.State == AssessmentState.Accepted && a.AcceptedAtUtc != null && a.AcceptedAtUtc < endUtc)
                .Select(a => new { a.SystemId, a.Cycle, a.AcceptedAtUtc })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.SystemId, a => (a.Cycle, Day: DateOnly.FromDateTime(VietnamTime.FromUtc(a.AcceptedAtUtc!.Value))));
        // The whole province names most agencies: all are read rather than a list of thousands of parameters.
        var agencyQuery = db.Agencies.AsNoTracking();
        if (agencyId is not null)
        {
            // The reporting owner is named even when it has no system in use.
            var agencyIds = systems.SelectMany(s => new[] { s.OwnerAgencyId, s.OperatorAgencyId }).Append(agencyId.Value).Distinct().ToList();
            agencyQuery = agencyQuery.Where(a => agencyIds.Contains(a.Id));
        }

        var agencies = await agencyQuery
            .Select(FactsOf)
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var units = agencies.Values.Select(a => a.SecurityUnitId).OfType<Guid>().Where(u => !agencies.ContainsKey(u)).Distinct().ToList();
        if (units.Count > 0)
        {
            foreach (var a in await db.Agencies.AsNoTracking().Where(a => units.Contains(a.Id))
                         .Select(FactsOf)
                         .ToListAsync(cancellationToken))
            {
                agencies[a.Id] = a;
            }
        }

        string Name(Guid agency) => agencies.TryGetValue(agency, out var a) ? a.Name : string.Empty;

        var rows = new List<AnnualRow>();
        int classified = 0, prepared = 0, appraised = 0, approved = 0, assessedApproved = 0;
        foreach (var s in systems)
        {
            var own = dossiers[s.Id].ToList();
            var current = own.FirstOrDefault(d => d.Id == s.ApprovedDossierId) is { } approvedDossier && s.ApprovedLevel is not null
                ? own.Where(d => d.CreatedAtUtc > approvedDossier.CreatedAtUtc && d.State != DossierState.Rejected).OrderByDescending(d => d.CreatedAtUtc).FirstOrDefault() ?? approvedDossier
                : own.OrderByDescending(d => d.CreatedAtUtc).FirstOrDefault();
            var isApproved = s.ApprovedLevel is not null && (s.ApprovedOn is null || s.ApprovedOn <= end);
            var decision = own.FirstOrDefault(d => d.Id == s.ApprovedDossierId);
            assessments.TryGetValue(s.Id, out var assessment);
            var check = CheckStatus(checks[s.Id], year, s.Lifecycle, s.GoLiveDate);
            var rules = own.Where(d => d.RulesDecisionNumber is not null).OrderByDescending(d => d.CreatedAtUtc).FirstOrDefault();

            classified += isApproved || own.Any(d => d.Classified) ? 1 : 0;
            prepared += own.Count > 0 ? 1 : 0;
            appraised += isApproved || own.Any(d => d.State == DossierState.AwaitingApproval) ? 1 : 0;
            approved += isApproved ? 1 : 0;
            assessedApproved += isApproved && check is PeriodicCheck or BothChecks ? 1 : 0;

            rows.Add(new AnnualRow(
                s.Name,
                Name(s.OwnerAgencyId),
                Name(s.OperatorAgencyId),
                s.ApprovedLevel ?? current?.ProposedLevel,
                isApproved ? DossierState.Approved.ReportStatus() : current?.State.ReportStatus() ?? Drafting,
                isApproved && decision is not null ? DecisionText(decision.DecisionNumber, decision.DecisionDate, s.ApprovedLevel!.Value, Name(s.OwnerAgencyId)) : null,
                rules is not null ? $"Số {rules.RulesDecisionNumber}, ngày {Display.Date(rules.RulesDecisionDate!.Value)}, {rules.RulesDecisionIssuer}"
                    : own.Any(d => d.Rules) ? "Số ……, ngày ……, ……" : null,
                isApproved ? null : current?.ExpectedApprovalOn,
                assessment?.FiledDeployment?.Vietnamese(),
                assessment?.FiledDeployment is PlanDeployment.FullyDeployed ? null : assessment?.Planned,
                check));
        }

        // Part 2 pairs every owner with its own unit (the form: «lần lượt báo cáo thông tin về từng chủ quản … và đơn vị
        // chuyên trách về an ninh mạng tương ứng»); an owner agency reporting alone names itself.
        var owners = (agencyId is { } single ? [single] : systems.Select(s => s.OwnerAgencyId).Distinct())
            .Where(agencies.ContainsKey)
            .Select(o => agencies[o])
            .OrderBy(a => a.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false))
            .Select(a => new AnnualOwner(a.Party, a.SecurityUnitId is { } unit && agencies.TryGetValue(unit, out var u) ? u.Party : null))
            .ToList();
        var issuer = agencyId is { } only
            ? agencies.TryGetValue(only, out var self) ? self.Name : string.Empty
            : ProvinceCommittee(portal);
        return new AnnualReport(
            year, issuer, portal.AnnualReportAddressee.Trim(),
            new AnnualCounts(systems.Count, classified, prepared, appraised, approved, assessedApproved),
            string.IsNullOrWhiteSpace(expectedAllApproved) ? null : expectedAllApproved.Trim(),
            owners, rows);
    }

    /// <summary>
    /// Column 12 from the accepted assessments (they carry no purpose of their own): one accepted before the system went
    /// into use (before its go-live date, or any while it is still planned or being built) is the check before use; one
    /// of the reporting year accepted once it is in use is the periodic check; both, or blank if neither.
    /// </summary>
    public static string? CheckStatus(IEnumerable<(int Cycle, DateOnly Day)> accepted, int year, LifecycleStatus lifecycle, DateOnly? goLive)
    {
        var notYetInUse = lifecycle is LifecycleStatus.Planned or LifecycleStatus.InConstruction;
        bool BeforeUse((int Cycle, DateOnly Day) a) => notYetInUse || (goLive is { } live && a.Day < live);
        var list = accepted.ToList();
        var beforeUse = list.Any(BeforeUse);
        var periodic = list.Any(a => a.Cycle == year && !BeforeUse(a));
        return (beforeUse, periodic) switch
        {
            (true, true) => BothChecks,
            (true, false) => BeforeUseCheck,
            (false, true) => PeriodicCheck,
            _ => null,
        };
    }

    /// <summary>The People's Committee that reports for the whole province: configured, or built from the province's name.</summary>
    public static string ProvinceCommittee(PortalOptions portal) => string.IsNullOrWhiteSpace(portal.ProvinceCommitteeName)
        ? $"Ủy ban nhân dân {ProvinceInSentence(portal.ProvinceName)}"
        : portal.ProvinceCommitteeName.Trim();

    /// <summary>"Tỉnh Sông Lam" inside a sentence: "tỉnh Sông Lam" (the place name keeps its capitals).</summary>
    public static string ProvinceInSentence(string provinceName)
    {
        var name = provinceName.Trim();
        foreach (var prefix in new[] { "Tỉnh ", "Thành phố " })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return prefix.ToLower(System.Globalization.CultureInfo.GetCultureInfo("vi-VN")) + name[prefix.Length..];
            }
        }

        return name;
    }

    private string DecisionText(string? number, DateOnly? date, int level, string ownerName)
    {
        // The approving body's name without the explanation in brackets that the configuration may carry.
        var unit = portal.ReviewingBodyName.Split(" (", 2)[0].Trim();
        var body = DossierRoute.For(level).Approver == Approver.SecurityUnit ? unit : ownerName;
        var numberText = string.IsNullOrWhiteSpace(number) ? "……" : number.Trim();
        return $"Số {numberText}, ngày {(date is { } d ? Display.Date(d) : "……")}, {body}";
    }

    private static readonly Expression<Func<Agency, PartyFacts>> FactsOf =
        a => new PartyFacts(a.Id, a.Name, a.Mandate, a.HeadName, a.HeadTitle, a.Address, a.Phone, a.Email, a.SecurityUnitId);

    private sealed record PartyFacts(
        Guid Id, string Name, string? Mandate, string? HeadName, string? HeadTitle, string? Address, string? Phone, string? Email, Guid? SecurityUnitId)
    {
        public AnnualParty Party => new(Name, Mandate, HeadName, HeadTitle, Address, Phone, Email);
    }
}
