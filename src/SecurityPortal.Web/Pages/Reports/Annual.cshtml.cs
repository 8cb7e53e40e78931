using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Documents;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Options;
using SecurityPortal.Web.Reporting;

namespace SecurityPortal.Web.Pages.Reports;

/// <summary>
/// The annual report (Mẫu 08, Decree 331/2026/NĐ-CP) for a reporting year. Who reports is a choice for provincial roles:
/// the People's Committee for the whole province, or one owner agency for its own systems; an officer's agency reports
/// for itself only. Preview on the page (all three parts), download as Excel or Word.
/// </summary>
public sealed class AnnualModel(PortalDbContext db, AnnualReportBuilder builder, PortalOptions portal, TimeProvider clock) : PageModel
{
    public const int FirstYear = 2017;
    public const string ByProvince = "province";
    public const string ByOwner = "owner";

    [BindProperty(SupportsGet = true, Name = "year")]
    public int? Year { get; set; }

    /// <summary>Who reports: <see cref="ByProvince"/> (the People's Committee for the whole province) or <see cref="ByOwner"/> (one owner agency).</summary>
    [BindProperty(SupportsGet = true, Name = "by")]
    public string? By { get; set; }

    [BindProperty(SupportsGet = true, Name = "agency")]
    public Guid? AgencyId { get; set; }

    [BindProperty(SupportsGet = true, Name = "expected")]
    public string? ExpectedAllApproved { get; set; }

    public AnnualReport? Report { get; private set; }
    public List<SelectListItem> Agencies { get; private set; } = [];
    public bool ProvinceWide => User.SeesAllAgencies();
    public string ProvinceCommittee => AnnualReportBuilder.ProvinceCommittee(portal);
    public int CurrentYear => AnnualReport.YearOf(VietnamTime.Today(clock));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await BuildAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (ProvinceWide)
        {
            // The owners that can report: active agencies that own a system.
            // The ids are formatted here, not in SQL: SQLite stores them in capitals, and the selected one must match.
            Agencies = (await db.Agencies.AsNoTracking().Where(a => a.IsActive && db.InformationSystems.Any(s => s.OwnerAgencyId == a.Id)).OrderBy(a => a.Name)
                    .Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken))
                .Select(a => new SelectListItem(a.Name, a.Id.ToString())).ToList();
        }

        return Page();
    }

    public async Task<IActionResult> OnGetExcelAsync(CancellationToken cancellationToken) =>
        await BuildAsync(cancellationToken) ?? (Report is { } report
            ? File(DossierDocuments.AnnualReportExcel(report), Spreadsheet.ContentType, $"mau-08-bao-cao-nam-{report.Year}.xlsx")
            : RedirectToPage(new { year = Year }));

    public async Task<IActionResult> OnGetWordAsync(CancellationToken cancellationToken) =>
        await BuildAsync(cancellationToken) ?? (Report is { } report
            ? File(DossierDocuments.AnnualReportWord(report, portal.ProvinceName, VietnamTime.Today(clock)), DossierDocuments.ContentType, $"mau-08-bao-cao-nam-{report.Year}.docx")
            : RedirectToPage(new { year = Year }));

    /// <summary>Builds the report the query asks for, or answers why not (404 for another agency).</summary>
    private async Task<IActionResult?> BuildAsync(CancellationToken cancellationToken)
    {
        if (By is not null and not ByProvince and not ByOwner)
        {
            return NotFound();
        }

        if (!ProvinceWide)
        {
            // An officer's agency reports for its own systems only: the province's report names every agency.
            if (User.OfficerAgencyId() is not { } own || (AgencyId is { } asked && asked != own) || By == ByProvince)
            {
                return NotFound();
            }

            AgencyId = own;
        }

        By ??= AgencyId is null ? ByProvince : ByOwner;
        if (By == ByProvince)
        {
            AgencyId = null;
        }
        else if (AgencyId is null)
        {
            ModelState.AddModelError(nameof(AgencyId), "Vui lòng chọn chủ quản hệ thống thông tin báo cáo.");
            return null;
        }
        else if (!await db.Agencies.AnyAsync(a => a.Id == AgencyId, cancellationToken))
        {
            return NotFound();
        }

        Year ??= CurrentYear;
        if (Year < FirstYear || Year > CurrentYear)
        {
            ModelState.AddModelError(nameof(Year), $"Năm báo cáo phải từ {FirstYear} đến {CurrentYear}.");
            return null;
        }

        if (ExpectedAllApproved is { Length: > 200 })
        {
            ModelState.AddModelError(nameof(ExpectedAllApproved), "Thời gian dự kiến tối đa 200 ký tự.");
            return null;
        }

        Report = await builder.BuildAsync(Year.Value, AgencyId, ExpectedAllApproved, cancellationToken);
        return null;
    }

    public Dictionary<string, string> Route => new()
    {
        ["year"] = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
        ["by"] = By ?? string.Empty,
        ["agency"] = AgencyId?.ToString() ?? string.Empty,
        ["expected"] = ExpectedAllApproved ?? string.Empty,
    };
}
