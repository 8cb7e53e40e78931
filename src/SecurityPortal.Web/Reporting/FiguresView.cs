namespace SecurityPortal.Web.Reporting;

/// <summary>The headline cards: the same partial for the province, a filter, and one agency.</summary>
public sealed record FiguresView(AgencyFigures Figures, int Cycle, string? CampaignTitle, int PeriodDays, bool ProvinceWide, WebsiteFigures? Websites = null);
