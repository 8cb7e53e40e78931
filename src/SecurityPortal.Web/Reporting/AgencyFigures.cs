using SecurityPortal.Domain.Agencies;

namespace SecurityPortal.Web.Reporting;

/// <summary>What the dashboard can be narrowed to. Agency kind, parent and agency narrow the agencies; level narrows their systems.</summary>
public sealed record FigureFilter(AgencyKind? Kind = null, Guid? ParentId = null, int? Level = null, Guid? AgencyId = null, int PeriodDays = 90)
{
    public string CacheKey => $"figures:{Kind}:{ParentId}:{Level}:{AgencyId}:{PeriodDays}";

    /// <summary>The active agencies this filter selects (kind, parent with its children, one agency).</summary>
    public IQueryable<Agency> SelectAgencies(IQueryable<Agency> agencies)
    {
        agencies = agencies.Where(a => a.IsActive);
        if (Kind is { } kind)
        {
            agencies = agencies.Where(a => a.Kind == kind);
        }

        if (ParentId is { } parent)
        {
            agencies = agencies.Where(a => a.ParentId == parent || a.Id == parent);
        }

        return AgencyId is { } id ? agencies.Where(a => a.Id == id) : agencies;
    }
}

/// <summary>
/// The headline figures of one agency (systems it owns), or of a set of agencies added up. Every figure of the
/// dashboard, the ranking and the agency page comes from <see cref="ComplianceFigures"/> through this one type.
/// </summary>
public sealed class AgencyFigures
{
    public Guid AgencyId { get; init; }
    public string Name { get; init; } = string.Empty;
    public string Code { get; init; } = string.Empty;
    public AgencyKind Kind { get; init; }
    public Guid? ParentId { get; init; }

    /// <summary>Operating systems owned.</summary>
    public int Systems { get; set; }

    /// <summary>Operating systems by approved level 1–5 (index 0 unused).</summary>
    public int[] ByLevel { get; } = new int[6];

    public int WithApprovedLevel => ByLevel.Sum();

    /// <summary>Without an approved level but with a dossier in the workflow (submitted up to awaiting approval).</summary>
    public int DossierInProgress { get; set; }

    /// <summary>Without an approved level, with only a draft or a returned dossier.</summary>
    public int DossierDraft { get; set; }

    public int NoDossier => Math.Max(0, Systems - WithApprovedLevel - DossierInProgress - DossierDraft);

    /// <summary>Open dossiers (any system) by state, and how many are past the deadline of their current step.</summary>
    public int DossiersOpen { get; set; }
    public int DossiersOverdue { get; set; }

    /// <summary>Mẫu 08 plan deployment of the systems, from their filed assessment of the cycle; the rest are not assessed.</summary>
    public int PlanNotDeployed { get; set; }
    public int PlanPartly { get; set; }
    public int PlanFully { get; set; }
    public int NotAssessed => Math.Max(0, Systems - PlanNotDeployed - PlanPartly - PlanFully);

    /// <summary>Assessments of the current campaign: asked for, filed (submitted or later), accepted.</summary>
    public int CampaignExpected { get; set; }
    public int CampaignFiled { get; set; }
    public int CampaignAccepted { get; set; }

    public decimal ScoreSum { get; set; }
    public int ScoreCount { get; set; }

    /// <summary>Average percentage met of the filed assessments of the cycle; null when none is filed.</summary>
    public decimal? AverageScore => ScoreCount == 0 ? null : Math.Round(ScoreSum / ScoreCount, 1, MidpointRounding.AwayFromZero);

    /// <summary>Open remediation tasks by severity (Critical, High, Medium, Low) and overdue.</summary>
    public int[] OpenTasks { get; } = new int[4];
    public int OpenTaskCount => OpenTasks.Sum();
    public int OverdueTasks { get; set; }

    /// <summary>Operating systems with a component past end of life, not patched within the limit, or of unknown patch date.</summary>
    public int OutdatedSystems { get; set; }

    /// <summary>Tasks raised by vulnerability warnings: all, resolved (awaiting verification), verified, overdue.</summary>
    public int WarningTasks { get; set; }
    public int WarningResolved { get; set; }
    public int WarningVerified { get; set; }
    public int WarningOverdue { get; set; }

    /// <summary>Incidents detected in the period, and reporting clocks still running (not yet reported).</summary>
    public int Incidents { get; set; }
    public int OpenClocks { get; set; }

    public decimal? ApprovedShare => Systems == 0 ? null : Math.Round(100m * WithApprovedLevel / Systems, 1, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The ranking score, 0–100 (docs/dashboard.md): 40 × share with an approved level + 30 × average compliance
    /// + 20 × share of open tasks not overdue + 10 × share of systems without outdated software. No systems, no score.
    /// </summary>
    public decimal? Composite => Systems == 0 ? null : Math.Round(
        (40m * WithApprovedLevel / Systems)
        + (0.3m * (AverageScore ?? 0m))
        + (OpenTaskCount == 0 ? 20m : 20m * (OpenTaskCount - OverdueTasks) / OpenTaskCount)
        + (10m * (Systems - OutdatedSystems) / Systems), 1, MidpointRounding.AwayFromZero);

    /// <summary>The figures of many agencies added up (the province, or the agencies a filter keeps).</summary>
    public static AgencyFigures Sum(IEnumerable<AgencyFigures> rows, string name)
    {
        var total = new AgencyFigures { Name = name };
        foreach (var r in rows)
        {
            total.Add(r);
        }

        return total;
    }

    private void Add(AgencyFigures r)
    {
        Systems += r.Systems;
        for (var i = 0; i < ByLevel.Length; i++)
        {
            ByLevel[i] += r.ByLevel[i];
        }

        for (var i = 0; i < OpenTasks.Length; i++)
        {
            OpenTasks[i] += r.OpenTasks[i];
        }

        DossierInProgress += r.DossierInProgress;
        DossierDraft += r.DossierDraft;
        DossiersOpen += r.DossiersOpen;
        DossiersOverdue += r.DossiersOverdue;
        PlanNotDeployed += r.PlanNotDeployed;
        PlanPartly += r.PlanPartly;
        PlanFully += r.PlanFully;
        CampaignExpected += r.CampaignExpected;
        CampaignFiled += r.CampaignFiled;
        CampaignAccepted += r.CampaignAccepted;
        ScoreSum += r.ScoreSum;
        ScoreCount += r.ScoreCount;
        OverdueTasks += r.OverdueTasks;
        OutdatedSystems += r.OutdatedSystems;
        WarningTasks += r.WarningTasks;
        WarningResolved += r.WarningResolved;
        WarningVerified += r.WarningVerified;
        WarningOverdue += r.WarningOverdue;
        Incidents += r.Incidents;
        OpenClocks += r.OpenClocks;
    }
}
