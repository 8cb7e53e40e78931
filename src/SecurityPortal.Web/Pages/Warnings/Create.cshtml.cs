using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Warnings;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Warnings;

public sealed class WarningInput
{
    [Display(Name = "Tên cảnh báo")]
    public string? Title { get; set; }

    [Display(Name = "Số hiệu (mã CVE hoặc số cảnh báo)")]
    public string? Reference { get; set; }

    [Display(Name = "Mô tả")]
    public string? Description { get; set; }

    [Display(Name = "Mức độ")]
    public TaskSeverity Severity { get; set; } = TaskSeverity.High;

    [Display(Name = "Sản phẩm và phiên bản bị ảnh hưởng")]
    public string? AffectedProducts { get; set; }

    [Display(Name = "Khuyến nghị xử lý")]
    public string? RecommendedAction { get; set; }

    [Display(Name = "Nguồn (địa chỉ)")]
    public string? SourceUrl { get; set; }

    [Display(Name = "Hạn xử lý")]
    public DateOnly? DueDate { get; set; }
}

/// <summary>Records a warning as a draft; publishing happens on its page after the affected systems are shown.</summary>
public sealed class CreateModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public WarningInput Input { get; set; } = new();

    public void OnGet() => Input.DueDate = VietnamTime.Today(clock).AddDays(7);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.DueDate is null)
        {
            ModelState.AddModelError("Input.DueDate", "Hãy chọn hạn xử lý.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var warning = new VulnerabilityWarning(Input.Title ?? string.Empty, Input.Reference ?? string.Empty, Input.Description, Input.Severity,
                Input.AffectedProducts ?? string.Empty, Input.RecommendedAction, Input.SourceUrl, Input.DueDate!.Value, VietnamTime.Today(clock),
                User.FindFirstValue(ClaimTypes.NameIdentifier)!, clock.GetUtcNow().UtcDateTime);
            db.VulnerabilityWarnings.Add(warning);
            await db.SaveChangesAsync(cancellationToken);
            TempData.Success("Đã ghi cảnh báo (bản nháp). Xem các hệ thống bị ảnh hưởng rồi phát hành.");
            return RedirectToPage("./Details", new { id = warning.Id });
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }
    }
}
