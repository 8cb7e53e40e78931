using SecurityPortal.Web.Infrastructure.Background;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Reporting;

public static class ReportingSetup
{
    public static void AddPortalReporting(this WebApplicationBuilder builder)
    {
        builder.AddPortalOptions<DashboardOptions>(DashboardOptions.SectionName);
        builder.Services.AddHybridCache();
        builder.Services.AddScoped<ComplianceFigures>();
        // Keeps the figures in the transaction of every change (FigureRollupKeeper); the database setup adds every ISaveChangesInterceptor.
        builder.Services.AddSingleton<FigureRollupKeeper>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.ISaveChangesInterceptor>(services => services.GetRequiredService<FigureRollupKeeper>());
        builder.Services.AddScoped<FigureSnapshotWriter>();
        builder.Services.AddScoped<AnnualReportBuilder>();
        builder.Services.AddPortalLoop<DailyFiguresLoop>("daily figures");
    }
}
