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
/// The annual report (Mẫu 08, Decree 331/2026/NĐ-CP) for a reporting year: the province or one agency for provincial
/// roles, an officer's own agency only. Preview on the page, download as Excel or Word.
/// </summary>
public sealed class AnnualModel(PortalDbContext db, AnnualReportBuilder builder, PortalOptions portal, TimeProvider clock) : PageModel
{
    public const int FirstYear = 2017;

    [BindProperty(SupportsGet = true, Name = "year")]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "agency")]
    public Guid? AgencyId { get; set; }

    [BindProperty(SupportsGet = true, Name = "expected")]
    public string? ExpectedAllApproved { get; set; }

    public AnnualReport? Report { get; private set; }
    public List<SelectListItem> Agencies { get; private set; } = [];
    public bool ProvinceWide => User.SeesAllAgencies();
    public int CurrentYear => AnnualReport.YearOf(VietnamTime.Today(clock));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await BuildAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (ProvinceWide)
        {
            Agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.Name)
                .Select(a => new SelectListItem(a.Name, a.Id.ToString())).ToListAsync(cancellationToken);
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
        if (!ProvinceWide)
        {
            if (User.OfficerAgencyId() is not { } own || (AgencyId is { } asked && asked != own))
            {
                return NotFound();
            }

            AgencyId = own;
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
        ["agency"] = AgencyId?.ToString() ?? string.Empty,
        ["expected"] = ExpectedAllApproved ?? string.Empty,
    };
}
