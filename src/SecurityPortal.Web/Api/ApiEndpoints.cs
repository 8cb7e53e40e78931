using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Imports;
using SecurityPortal.Web.Imports.Scanners;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Api;

/// <summary>
/// The REST API under /api/v1 (minimal APIs: docs/decisions/0012-minimal-api-with-personal-access-tokens.md). Every
/// endpoint is authorized by the token's scope (<see cref="Policies.ApiRead"/>, <see cref="Policies.ApiImport"/>) and
/// answers from the same scoped queries as the pages: another agency's record is 404, a role the pages refuse is 403.
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";
    public const int MaxPageSize = 500;
    private const int DefaultPageSize = 100;

    public static void MapPortalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("SecurityPortal")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);
        var read = api.MapGroup(string.Empty).RequireAuthorization(Policies.ApiRead);
        read.MapGet("/systems", ListSystemsAsync).WithName("ListSystems")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Các hệ thống thông tin tài khoản được xem (phân trang).");
        read.MapGet("/systems/{id:guid}", GetSystemAsync).WithName("GetSystem")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Một hệ thống thông tin; 404 khi ngoài phạm vi của tài khoản.");
        read.MapGet("/systems/{id:guid}/components", ListComponentsAsync).WithName("ListComponents")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Danh mục thành phần phần mềm của một hệ thống.");
        read.MapGet("/tasks", ListTasksAsync).WithName("ListTasks")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Các nhiệm vụ khắc phục tài khoản được xem (phân trang).");
        read.MapGet("/warnings", ListWarningsAsync).WithName("ListWarnings")
            .RequireAuthorization(Policies.ProvinceWideReading).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Các cảnh báo lỗ hổng (vai trò cấp tỉnh, như trang Cảnh báo).");
        api.MapPost("/systems/{id:guid}/sbom", ImportSbomAsync).WithName("ImportSbom")
            .RequireAuthorization(Policies.ApiImport)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .Accepts<Stream>("application/json", "application/xml", "application/vnd.cyclonedx+json", "application/vnd.cyclonedx+xml", "application/spdx+json")
            .WithSummary("Nhập SBOM (CycloneDX JSON/XML, SPDX JSON) vào danh mục phần mềm của hệ thống; dryRun=true chỉ trả về thay đổi.");
        api.MapPost("/scan-reports", ImportScanReportAsync).WithName("ImportScanReport")
            .RequireAuthorization(Policies.ApiImport)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .Accepts<Stream>("application/xml", "application/json", "text/xml")
            .WithSummary("Nhập báo cáo quét (Greenbone/OpenVAS XML, Nessus .nessus, Trivy JSON, Grype JSON) thành nhiệm vụ khắc phục; systemId gán mọi phát hiện cho một hệ thống; dryRun=true chỉ trả về thay đổi.");
        app.MapPortalApiDocument();
        // An unknown path under /api answers JSON too (not the HTML error page), once the token is known.
        app.Map("/api/{**rest}", () => ApiProblem.Result(StatusCodes.Status404NotFound, "Không có điểm cuối API này."))
            .RequireAuthorization(Policies.ApiRead).ExcludeFromDescription();
    }

    private static async Task<Results<Ok<ApiPage<ApiSystem>>, ProblemHttpResult>> ListSystemsAsync(
        int? page, int? pageSize, ClaimsPrincipal user, PortalDbContext db, CancellationToken cancellationToken)
    {
        if (Paging(page, pageSize) is not { } paging)
        {
            return BadPaging();
        }

        var rows = await db.InformationSystems.AsNoTracking().VisibleTo(user).OrderBy(s => s.Code).ThenBy(s => s.Id)
            .Skip(paging.Skip).Take(paging.Size + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(PageOf(rows.Select(ToApi).ToList(), paging));
    }

    private static async Task<Results<Ok<ApiSystem>, ProblemHttpResult>> GetSystemAsync(
        Guid id, ClaimsPrincipal user, PortalDbContext db, CancellationToken cancellationToken)
    {
        var system = await db.InformationSystems.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return system is null ? NotFoundSystem() : TypedResults.Ok(ToApi(system));
    }

    private static async Task<Results<Ok<List<ApiComponent>>, ProblemHttpResult>> ListComponentsAsync(
        Guid id, ClaimsPrincipal user, PortalDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.InformationSystems.VisibleTo(user).AnyAsync(s => s.Id == id, cancellationToken))
        {
            return NotFoundSystem();
        }

        var components = await db.SoftwareComponents.AsNoTracking().Where(c => c.SystemId == id).OrderBy(c => c.Product).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(components.Select(c => new ApiComponent(
            c.Id, c.Kind.ToString(), c.Product, c.Vendor, c.Version, c.Purl, c.Cpe, c.EndOfLife, c.LastPatched)).ToList());
    }

    private static async Task<Results<Ok<ApiPage<ApiTask>>, ProblemHttpResult>> ListTasksAsync(
        int? page, int? pageSize, ClaimsPrincipal user, PortalDbContext db, CancellationToken cancellationToken)
    {
        if (Paging(page, pageSize) is not { } paging)
        {
            return BadPaging();
        }

        var rows = await db.RemediationTasks.AsNoTracking().VisibleTo(db, user).OrderBy(t => t.DueDate).ThenBy(t => t.Id)
            .Skip(paging.Skip).Take(paging.Size + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(PageOf(rows.Select(t => new ApiTask(
            t.Id, t.SystemId, t.Title, t.Source.ToString(), t.Severity.ToString(), t.Status.ToString(), t.DueDate, t.AssigneeName, t.CreatedAtUtc)).ToList(), paging));
    }

    private static async Task<Results<Ok<ApiPage<ApiWarning>>, ProblemHttpResult>> ListWarningsAsync(
        int? page, int? pageSize, PortalDbContext db, CancellationToken cancellationToken)
    {
        if (Paging(page, pageSize) is not { } paging)
        {
            return BadPaging();
        }

        var rows = await db.VulnerabilityWarnings.AsNoTracking().OrderByDescending(w => w.CreatedAtUtc).ThenBy(w => w.Id)
            .Skip(paging.Skip).Take(paging.Size + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(PageOf(rows.Select(w => new ApiWarning(
            w.Id, w.Title, w.Reference, w.Severity.ToString(), w.Status.ToString(), w.DueDate, w.AffectedProducts, w.PublishedAtUtc)).ToList(), paging));
    }

    /// <summary>
    /// The SBOM import of the pages (Systems/Sbom, SbomPreview) in one call: the same reader, the same difference, the same
    /// rules. With <c>dryRun=true</c> the difference is returned and nothing is written; otherwise it is applied all at once
    /// or not at all, and the same file a second time finds nothing to change.
    /// </summary>
    private static async Task<Results<Ok<ApiSbomResult>, ProblemHttpResult>> ImportSbomAsync(
        Guid id, bool? dryRun, HttpRequest request, ClaimsPrincipal user, PortalDbContext db, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (await db.LoadForSbomAsync(user, id, cancellationToken) is not { } system)
        {
            return NotFoundSystem();
        }

        if (request.ContentLength > SbomReader.MaxBytes)
        {
            return TooLarge();
        }

        var content = await ReadBoundedAsync(request.Body, SbomReader.MaxBytes, cancellationToken);
        if (content is null)
        {
            return TooLarge();
        }

        if (content.Length == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "Nội dung trống: gửi tệp SBOM (CycloneDX JSON hoặc XML, SPDX JSON) làm thân yêu cầu.");
        }

        var document = SbomReader.Read(content);
        if (document.Issues.Count > 0)
        {
            return Problem(StatusCodes.Status400BadRequest, $"Tệp SBOM có {document.Issues.Count} lỗi; không có gì được ghi.",
                new Dictionary<string, object?> { ["errors"] = document.Issues.Select(i => new ApiSbomIssue(i.Location, i.Message)).ToList() });
        }

        var changes = SbomImport.Diff(system.Components, document.Components);
        var dry = dryRun == true;
        if (!dry && changes.Count > 0)
        {
            try
            {
                SbomImport.Apply(system, changes);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DomainException ex)
            {
                return Problem(StatusCodes.Status400BadRequest, ex.Message);
            }
            catch (DbUpdateException)
            {
                // The inventory changed meanwhile (a page, another call): nothing of this one was written.
                return Problem(StatusCodes.Status409Conflict, "Danh mục phần mềm của hệ thống vừa được thay đổi; bản nhập này chưa được ghi. Gửi lại để nhập.");
            }

            loggers.CreateLogger(typeof(ApiEndpoints)).LogInformation("SBOM applied to system {SystemId} through the API: {Changes} changes", system.Id, changes.Count);
        }

        return TypedResults.Ok(new ApiSbomResult(
            system.Id, document.Format, dry, !dry && changes.Count > 0,
            changes.Count(c => c.Kind == SbomChangeKind.Added), changes.Count(c => c.Kind == SbomChangeKind.Removed),
            changes.Count(c => c.Kind == SbomChangeKind.VersionChanged), changes.Count(c => c.Kind == SbomChangeKind.IdentifiersChanged),
            changes.Select(c => new ApiSbomChange(c.Kind.ToString(), c.Product, c.OldVersion, c.NewVersion, c.Identifier)).ToList()));
    }

    /// <summary>
    /// The scanner report import of the pages (Scans/Import, Scans/Preview) in one call: the same reader, matching and
    /// rules. With <c>systemId</c> every finding goes to that system (404 outside the user's scope); without it targets are
    /// matched to the systems the user may import for. <c>dryRun=true</c> returns the plan and writes nothing.
    /// </summary>
    private static async Task<Results<Ok<ApiScanResult>, ProblemHttpResult>> ImportScanReportAsync(
        Guid? systemId, bool? dryRun, HttpRequest request, ClaimsPrincipal user, PortalDbContext db, ScanReportImporter importer,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!ScanReportImporter.MayImport(user))
        {
            return Problem(StatusCodes.Status403Forbidden, "Chỉ cán bộ thẩm định và cán bộ của đơn vị được nhập báo cáo quét.");
        }

        if (systemId is { } id && await importer.LoadSystemAsync(user, id, cancellationToken) is null)
        {
            return NotFoundSystem();
        }

        if (request.ContentLength > ScanReportReader.MaxBytes || await ReadBoundedAsync(request.Body, ScanReportReader.MaxBytes, cancellationToken) is not { } content)
        {
            return TooLarge(ScanReportReader.MaxBytes);
        }

        if (content.Length == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "Nội dung trống: gửi báo cáo quét (Greenbone/OpenVAS XML, Nessus, Trivy JSON, Grype JSON) làm thân yêu cầu.");
        }

        var plan = await importer.PlanAsync(user, content, "api", systemId, cancellationToken);
        if (plan.Report.Issues.Count > 0)
        {
            return Problem(StatusCodes.Status400BadRequest, $"Báo cáo quét có {plan.Report.Issues.Count} lỗi; không có gì được ghi.",
                new Dictionary<string, object?> { ["errors"] = plan.Report.Issues.Select(i => new ApiSbomIssue(i.Location, i.Message)).ToList() });
        }

        var dry = dryRun == true;
        var apply = !dry && plan.CanApply;
        if (apply)
        {
            try
            {
                importer.Apply(plan, user);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DomainException ex)
            {
                return Problem(StatusCodes.Status400BadRequest, ex.Message);
            }
            catch (DbUpdateException)
            {
                return Problem(StatusCodes.Status409Conflict, "Báo cáo vừa được nhập hoặc nhiệm vụ liên quan vừa thay đổi; lần nhập này chưa được ghi. Gửi lại để nhập.");
            }

            loggers.CreateLogger(typeof(ApiEndpoints)).LogInformation("Scanner report imported through the API: {New} new tasks, {Updated} updated, {Proposed} proposed, {Unmatched} unmatched",
                plan.NewTasks.Count, plan.Updated.Count, plan.Proposed.Count, plan.Unmatched.Count);
        }

        return TypedResults.Ok(new ApiScanResult(
            plan.Report.Format, dry, apply, plan.Previous is not null, plan.Report.Items.Count, plan.Report.Informational,
            plan.Matches.Select(m => new ApiScanTarget(m.Target.Kind.ToString(), m.Target.Name, m.System?.Id, m.Explained)).ToList(),
            plan.NewTasks.Select(t => new ApiScanTask(null, t.System.Id, t.Key, t.Title, t.Severity.ToString(), t.Cvss, t.Kev, t.DueDate)).ToList(),
            plan.Updated.Select(u => new ApiScanTask(u.Task.Id, u.System.Id, u.Key, u.Task.Title, u.Task.Severity.ToString(), null, false, u.Task.DueDate)).ToList(),
            plan.Proposed.Select(p => new ApiScanTask(p.Task.Id, p.System.Id, p.Key, p.Task.Title, p.Task.Severity.ToString(), null, false, p.Task.DueDate)).ToList(),
            plan.Unmatched.Select(u => new ApiScanFinding(u.Target, u.Key, u.Title, u.Severity.ToString(), u.Cvss, u.Kev)).ToList()));
    }

    /// <summary>The body, or null when it is longer than <paramref name="max"/> bytes (read no further than one byte past it).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ApiSystem ToApi(Domain.Systems.InformationSystem s) =>
        new(s.Id, s.Code, s.Name, s.Description, s.OwnerAgencyId, s.OperatorAgencyId, s.Lifecycle.ToString(), s.ApprovedLevel, s.ApprovedOn);

    private readonly record struct PageRequest(int Number, int Size)
    {
        public int Skip => (Number - 1) * Size;
    }

    private static PageRequest? Paging(int? page, int? pageSize) =>
        page is null or >= 1 and <= 100_000 && pageSize is null or >= 1 and <= MaxPageSize
            ? new PageRequest(page ?? 1, pageSize ?? DefaultPageSize)
            : null;

    private static ApiPage<T> PageOf<T>(List<T> rows, PageRequest paging) =>
        new(rows.Take(paging.Size).ToList(), paging.Number, paging.Size, rows.Count > paging.Size);

    private static ProblemHttpResult BadPaging() =>
        Problem(StatusCodes.Status400BadRequest, $"Tham số phân trang không hợp lệ: page từ 1, pageSize từ 1 đến {MaxPageSize}.");

    private static ProblemHttpResult NotFoundSystem() => Problem(StatusCodes.Status404NotFound, "Không tìm thấy hệ thống thông tin.");

    private static ProblemHttpResult TooLarge(int max = SbomReader.MaxBytes) =>
        Problem(StatusCodes.Status413PayloadTooLarge, $"Tệp quá lớn; tối đa {max / 1024 / 1024} MB.");

    private static ProblemHttpResult Problem(int status, string message, IDictionary<string, object?>? extensions = null) =>
        ApiProblem.Result(status, message, extensions);
}
