using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SecurityPortal.Data;
using SecurityPortal.Data.Seeding;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Bench.Generator;

/// <summary>
/// <c>dotnet SecurityPortal.Bench.Generator.dll generate --scale 1|10 [--seed 42]</c>: fills the configured database with a
/// generated province for benchmarks (see <see cref="ProvinceGenerator"/> and docs/performance.md). Never on a
/// production database: it refuses unless the environment is Development or Benchmark.
/// </summary>
public static class GenerateCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var scaleText = Option(args, "--scale") ?? "1";
        if (!int.TryParse(scaleText, System.Globalization.CultureInfo.InvariantCulture, out var scale) || scale is < 1 or > 100)
        {
            await Console.Error.WriteLineAsync("Cách dùng: SecurityPortal.Bench.Generator generate --scale <1..100> [--seed <số>]");
            return 64;
        }

        var seed = int.TryParse(Option(args, "--seed"), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 42;
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Benchmark"))
        {
            await Console.Error.WriteLineAsync("Chỉ tạo dữ liệu thử nghiệm trong môi trường Development hoặc Benchmark (ASPNETCORE_ENVIRONMENT).");
            return 65;
        }

        var status = app.Services.GetRequiredService<DatabaseStatus>();
        if (!await status.EnsureSchemaAsync(CancellationToken.None))
        {
            await Console.Error.WriteLineAsync("Không kết nối được cơ sở dữ liệu hoặc còn migration chưa áp dụng (xem docs/database.md).");
            return 69;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<PortalSeeder>();
        await seeder.SeedRolesAsync();
        await seeder.SeedReferenceDataAsync();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var catalog = await db.CatalogVersions.AsNoTracking().Include(v => v.Groups).Include(v => v.Requirements).ThenInclude(r => r.Levels)
            .OrderByDescending(v => v.EffectiveDate).FirstAsync();
        var provider = app.Services.GetRequiredService<DatabaseOptions>().Provider;
        var connection = db.Database.GetConnectionString()!;
        PortalDbContext NewContext()
        {
            var builder = new DbContextOptionsBuilder<PortalDbContext>();
            DatabaseSetup.Configure(builder, provider, connection);
            var context = new PortalDbContext(builder.Options);
            context.ChangeTracker.AutoDetectChangesEnabled = false;
            return context;
        }

        var generator = new ProvinceGenerator(NewContext, catalog, line => Console.WriteLine(line));
        var counts = await generator.GenerateAsync(scale, seed, CancellationToken.None);
        if (counts is not null)
        {
            Console.WriteLine($"P{scale}: {counts.Agencies} cơ quan, {counts.Systems} hệ thống, {counts.Dossiers} hồ sơ, {counts.Assessments} bản tự đánh giá, " +
                $"{counts.Answers} câu trả lời, {counts.Tasks} nhiệm vụ, {counts.Incidents} sự cố, {counts.AuditRows} dòng nhật ký.");
        }

        var (assessmentId, officer) = await generator.EnsureBenchAssessmentAsync(scale, CancellationToken.None);
        Console.WriteLine($"BENCH_ASSESSMENT={assessmentId} BENCH_OFFICER={officer}");
        Console.WriteLine($"Đăng nhập: {ProvinceGenerator.LeaderEmail(scale)} / {ProvinceGenerator.OfficerEmail(scale)}, mật khẩu {ProvinceGenerator.BenchPassword}");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
