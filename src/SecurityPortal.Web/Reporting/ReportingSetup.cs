namespace SecurityPortal.Web.Reporting;

public static class ReportingSetup
{
    public static void AddPortalReporting(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(DashboardOptions.SectionName).Get<DashboardOptions>() ?? new DashboardOptions());
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<ComplianceFigures>();
        builder.Services.AddScoped<FigureSnapshotWriter>();
        builder.Services.AddScoped<AnnualReportBuilder>();
    }
}
