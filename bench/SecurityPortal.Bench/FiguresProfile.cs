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
        await using var services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        var figures = new ComplianceFigures(
            db, new RegistryOptions(), new DashboardOptions { CacheSeconds = 0 }, services.GetRequiredService<HybridCache>(), TimeProvider.System);
        for (var round = 1; round <= 3; round++)
        {
            commands.Clear();
            var watch = Stopwatch.StartNew();
            var set = await figures.ComputeUncachedAsync(new FigureFilter(), CancellationToken.None);
            var figuresTime = watch.ElapsedMilliseconds;
            await figures.ByGroupAsync(new FigureFilter(), set.Cycle, CancellationToken.None);
            var groupsTime = watch.ElapsedMilliseconds - figuresTime;
            await figures.TrendAsync(new FigureFilter(), CancellationToken.None);
            Console.WriteLine($"round {round}: figures {figuresTime} ms, by group {groupsTime} ms, total {watch.ElapsedMilliseconds} ms, {set.Agencies.Count} agencies, {set.Total.Systems} systems");
        }

        foreach (var line in commands)
        {
            var first = line.Split('\n').Skip(1).FirstOrDefault(l => l.Contains("Executed DbCommand", StringComparison.Ordinal)) ?? line.Split('\n')[0];
            var sql = string.Join(' ', line.Split('\n').Skip(1).Select(l => l.Trim())).Replace("  ", " ", StringComparison.Ordinal);
            Console.WriteLine($"{first.Trim()[..Math.Min(60, first.Trim().Length)]} | {sql[..Math.Min(260, sql.Length)]}");
        }
    }
}
