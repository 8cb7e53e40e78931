using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Data.Imports;
using SecurityPortal.Data.Interceptors;
using SecurityPortal.Data.Sqlite;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Web.Imports;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Pages.Imports;

// Import benchmark (issue 3: "2,000 rows import in a few seconds"). Builds a fresh SQLite database with 200
// agencies, a workbook of N systems (each with 1 URL and 3 components), then times the preview and the
// confirmed import, as the pages run them. Prints its figures; asserts nothing.
if (args.Length > 4 && args[0] == "assessment")
{
    await AssessmentBench.RunAsync(args[1], args[2], args[3], args[4], args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 40);
    return;
}

if (args.Length > 1 && args[0] == "figures")
{
    await FiguresProfile.RunAsync(args[1]);
    return;
}

var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var folder = Directory.CreateTempSubdirectory("securityportal-bench-");
var connection = $"Data Source={Path.Combine(folder.FullName, "bench.db")}";

PortalDbContext NewContext()
{
    var builder = new DbContextOptionsBuilder<PortalDbContext>();
    SqliteProvider.Configure(builder, connection);
    builder.AddInterceptors(new ConcurrencyStampInterceptor(), new AuditInterceptor(SystemActor.Instance, TimeProvider.System));
    return new PortalDbContext(builder.Options);
}

await using (var db = NewContext())
{
    await db.Database.MigrateAsync();
    for (var i = 0; i < 200; i++)
    {
        db.Agencies.Add(new Agency($"BENCH-{i:D3}", $"Cơ quan thử nghiệm số {i}", AgencyKind.Department));
    }

    await db.SaveChangesAsync();
}

var systems = Enumerable.Range(0, rows).Select(i => (IReadOnlyList<object?>)
[
    $"HT-{i:D5}", $"Hệ thống thông tin số {i}", "Mô tả", $"BENCH-{i % 200:D3}", $"BENCH-{i % 200:D3}", "Phục vụ người dân, doanh nghiệp",
    "Công cộng, Cá nhân", 100 + i, null, null, "Không", "Trung tâm dữ liệu của tỉnh", null, "Đang vận hành", "01/01/2020",
]).ToList();
var urls = Enumerable.Range(0, rows).Select(i => (IReadOnlyList<object?>)[$"HT-{i:D5}", $"https://ht{i}.songlam.gov.vn", "Có"]).ToList();
var components = Enumerable.Range(0, rows).SelectMany(i => new[]
{
    (IReadOnlyList<object?>)[$"HT-{i:D5}", "Hệ điều hành", "Ubuntu Server", "Canonical", "22.04", "01/06/2027", "01/10/2026", null],
    [$"HT-{i:D5}", "Máy chủ web", "nginx", "F5", "1.24.0", null, "01/10/2026", null],
    [$"HT-{i:D5}", "Hệ quản trị nội dung (CMS)", "WordPress", null, i % 3 == 0 ? "5.8.3" : "6.4.3", null, "01/09/2026", null],
}).ToList();
var template = SystemImport.Template();
using var templateStream = new MemoryStream(template);
var headers = Spreadsheet.Read(templateStream).ToDictionary(s => s.Name, s => s.Header);
var workbook = Spreadsheet.Write(
[
    (SystemImport.SystemsSheet, headers[SystemImport.SystemsSheet], systems),
    (SystemImport.EndpointsSheet, headers[SystemImport.EndpointsSheet], urls),
    (SystemImport.ComponentsSheet, headers[SystemImport.ComponentsSheet], components),
]);

async Task<(TimeSpan Time, ImportOutcome Outcome)> Run(bool apply)
{
    await using var db = NewContext();
    var watch = Stopwatch.StartNew();
    var outcome = await RegistryImport.RunAsync(db, ImportKind.Systems, workbook, TimeProvider.System, apply, CancellationToken.None);
    return (watch.Elapsed, outcome);
}

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, SQLite file in {folder.FullName}");
Console.WriteLine($"workbook: {rows} systems, {urls.Count} URLs, {components.Count} components, {workbook.Length / 1024} KiB");
var preview = await Run(apply: false);
Console.WriteLine($"preview (nothing written): {preview.Time.TotalSeconds:F2} s, {preview.Outcome.Created} to create, {preview.Outcome.Issues.Count} issues");
var applied = await Run(apply: true);
Console.WriteLine($"import (one transaction):  {applied.Time.TotalSeconds:F2} s, {applied.Outcome.Created} created");
var again = await Run(apply: false);
Console.WriteLine($"same file again (preview): {again.Time.TotalSeconds:F2} s, {again.Outcome.Created} to create, {again.Outcome.Updated} to update");
await using (var db = NewContext())
{
    Console.WriteLine($"rows: {await db.InformationSystems.CountAsync()} systems, {await db.SoftwareComponents.CountAsync()} components, {await db.AuditEntries.CountAsync()} audit entries");
}

folder.Delete(recursive: true);
