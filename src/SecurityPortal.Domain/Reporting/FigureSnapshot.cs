namespace SecurityPortal.Domain.Reporting;

/// <summary>
/// One agency's headline figures as they stood on one day, written once a day by a background job. The dashboard's
/// trend reads these rows, so history never depends on recomputing the past from records that have changed since.
/// </summary>
public sealed class FigureSnapshot
{
    private FigureSnapshot()
    {
    }

    public FigureSnapshot(DateOnly day, Guid agencyId)
    {
        Day = day;
        AgencyId = agencyId;
    }

    public DateOnly Day { get; private set; }
    public Guid AgencyId { get; private set; }
    public int Systems { get; set; }
    public int WithApprovedLevel { get; set; }
    public decimal ScoreSum { get; set; }
    public int ScoreCount { get; set; }
    public int OpenTasks { get; set; }
    public int OverdueTasks { get; set; }
    public int OutdatedSystems { get; set; }
    public int Incidents { get; set; }
}
