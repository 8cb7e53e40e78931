using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Web.Reporting;

namespace SecurityPortal.Tests.Dashboard;

/// <summary>With the cache on (as in production), figures are computed once per key and shared, even by concurrent requests.</summary>
public sealed class DashboardCacheTests : PortalTestBase
{
    protected override PortalFactory Configure(PortalFactory factory) => factory.With("Dashboard:CacheSeconds", "60");

    private async Task<DashboardData> DashboardAsync(FigureFilter filter)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ComplianceFigures>().DashboardAsync(filter, CancellationToken.None);
    }

    [Fact]
    public async Task Concurrent_requests_share_one_computation_and_later_changes_wait_for_the_next_one()
    {
        var agency = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        await Factory.CreateSystemAsync("YT1", "Cổng thông tin", agency.Id);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => DashboardAsync(new FigureFilter()))));
        Assert.All(results, r => Assert.Same(results[0], r));
        Assert.Equal(1, results[0].Set.Total.Systems);

        await Factory.CreateSystemAsync("YT2", "Hệ thống thư điện tử", agency.Id);
        Assert.Equal(1, (await DashboardAsync(new FigureFilter())).Set.Total.Systems);

        // Another filter is another computation, which sees the new system.
        Assert.Equal(2, (await DashboardAsync(new FigureFilter(PeriodDays: 30))).Set.Total.Systems);
    }
}
