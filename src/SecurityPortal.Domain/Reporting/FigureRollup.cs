namespace SecurityPortal.Domain.Reporting;

/// <summary>
/// The headline figures of one agency's operating systems of one approved level (0 = none), kept up to date in the
/// same transaction as every change that moves them (docs/dashboard.md, «How the figures are kept»). The dashboard,
/// the ranking and the agency page add these rows up instead of counting the registry on every request.
/// </summary>
public sealed class FigureRollup
{
    private FigureRollup()
    {
    }

    public FigureRollup(Guid agencyId, int level)
    {
        AgencyId = agencyId;
        Level = level;
    }

    public Guid AgencyId { get; private set; }

    /// <summary>The systems' approved level, 0 for systems without one.</summary>
    public int Level { get; private set; }

    public int Systems { get; set; }
    public int DossierInProgress { get; set; }
    public int DossierDraft { get; set; }
    public int DossiersOpen { get; set; }
    public int DossiersOverdue { get; set; }
    public int PlanNotDeployed { get; set; }
    public int PlanPartly { get; set; }
    public int PlanFully { get; set; }
    public int CampaignExpected { get; set; }
    public int CampaignFiled { get; set; }
    public int CampaignAccepted { get; set; }
    public decimal ScoreSum { get; set; }
    public int ScoreCount { get; set; }
    public int OpenCritical { get; set; }
    public int OpenHigh { get; set; }
    public int OpenMedium { get; set; }
    public int OpenLow { get; set; }
    public int OverdueTasks { get; set; }
    public int OutdatedSystems { get; set; }
    public int WarningTasks { get; set; }
    public int WarningResolved { get; set; }
    public int WarningVerified { get; set; }
    public int WarningOverdue { get; set; }
}

/// <summary>
/// Compliance by group of requirements of one agency's operating systems of one approved level, from the filed
/// assessments of the cycle (their stored counts), per catalog version. Kept with <see cref="FigureRollup"/>.
/// </summary>
public sealed class FigureGroupRollup
{
    private FigureGroupRollup()
    {
    }

    public FigureGroupRollup(Guid agencyId, int level, Guid catalogVersionId, string groupCode)
    {
        AgencyId = agencyId;
        Level = level;
        CatalogVersionId = catalogVersionId;
        GroupCode = groupCode;
    }

    public Guid AgencyId { get; private set; }
    public int Level { get; private set; }
    public Guid CatalogVersionId { get; private set; }
    public string GroupCode { get; private set; } = string.Empty;
    public int Met { get; set; }
    public int Partial { get; set; }
    public int NotMet { get; set; }
    public int NotApplicable { get; set; }
}

/// <summary>
/// What the kept figures were counted for: the day (overdue figures and outdated software depend on it), the
/// campaign and cycle, and the patch limit. One row. When it no longer matches, the figures are counted again.
/// </summary>
public sealed class FigureRollupBasis
{
    public const int SingletonId = 1;
    public const int BasisMaxLength = 200;

    private FigureRollupBasis()
    {
    }

    public FigureRollupBasis(string basis)
    {
        Id = SingletonId;
        Basis = basis;
    }

    public int Id { get; private set; }
    public string Basis { get; set; } = string.Empty;
}
