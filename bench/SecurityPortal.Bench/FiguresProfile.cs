using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecurityPortal.Data;
using SecurityPortal.Data.Sqlite;
using SecurityPortal.Web.Options;
using SecurityPortal.Web.Reporting;

/// <summary>
/// <c>dotnet run -c Release --project bench/SecurityPortal.Bench -- figures &lt;sqlite file&gt;</c>: computes the dashboard's
/// figures on a generated province and prints each SQL command's time, to find where the time goes. Asserts nothing.
/// </summary>
internal static class FiguresProfile
{
    public static async Task RunAsync(string file)
    {
        var commands = new List<string>();
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        SqliteProvider.Configure(builder, $"Data Source={file}");
        builder.LogTo(line => commands.Add(line), [RelationalEventId.CommandExecuted], LogLevel.Information);
        await using var db = new PortalDbContext(builder.Options);
        // A province generated before the kept figures existed gets their tables (the portal does the same at start).
        await db.Database.MigrateAsync();
        await using var services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        var figures = new ComplianceFigures(
            db, new RegistryOptions(), new DashboardOptions { CacheSeconds = 0 }, services.GetRequiredService<HybridCache>(), TimeProvider.System, new DatabaseOptions());
        // The kept figures (issue 21) against the from-scratch count of the same figures (the queries as they were).
        var province = new FigureFilter();
        var basis = await figures.EnsureKeptAsync(CancellationToken.None);
        var someAgency = await db.FigureRollups.OrderByDescending(r => r.Systems).Select(r => r.AgencyId).FirstAsync();
        for (var round = 1; round <= 3; round++)
        {
            commands.Clear();
            var watch = Stopwatch.StartNew();
            var counted = await figures.RecountAsync(province, CancellationToken.None);
            var countedTime = watch.ElapsedMilliseconds;
            await figures.RecountByGroupAsync(province, basis.Cycle, CancellationToken.None);
            var countedGroups = watch.ElapsedMilliseconds - countedTime;
            watch.Restart();
            var kept = await figures.ComputeUncachedAsync(province, CancellationToken.None);
            var keptTime = watch.ElapsedMilliseconds;
            await figures.ByGroupAsync(province, basis.Cycle, CancellationToken.None);
            var keptGroups = watch.ElapsedMilliseconds - keptTime;
            watch.Restart();
            await figures.ComputeUncachedAsync(new FigureFilter(AgencyId: someAgency), CancellationToken.None);
            var agencyTime = watch.ElapsedMilliseconds;
            watch.Restart();
            await figures.TrendAsync(province, CancellationToken.None);
            Console.WriteLine($"round {round}: from scratch {countedTime} ms + by group {countedGroups} ms; kept {keptTime} ms + by group {keptGroups} ms; " +
                $"one agency kept {agencyTime} ms; trend {watch.ElapsedMilliseconds} ms; {kept.Agencies.Count} agencies, {kept.Total.Systems} systems " +
                $"(same totals: {counted.Total.Systems == kept.Total.Systems && counted.Total.OpenTaskCount == kept.Total.OpenTaskCount && counted.Total.ScoreSum == kept.Total.ScoreSum})");
        }

        foreach (var line in commands)
        {
            var first = line.Split('\n').Skip(1).FirstOrDefault(l => l.Contains("Executed DbCommand", StringComparison.Ordinal)) ?? line.Split('\n')[0];
            var sql = string.Join(' ', line.Split('\n').Skip(1).Select(l => l.Trim())).Replace("  ", " ", StringComparison.Ordinal);
            Console.WriteLine($"{first.Trim()[..Math.Min(60, first.Trim().Length)]} | {sql[..Math.Min(260, sql.Length)]}");
        }
    }
}
