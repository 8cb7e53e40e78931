using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Data.Imports;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Calendar;
using SecurityPortal.Web.Imports;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Admin.Calendar;

/// <summary>
/// A year of the calendar from a CSV or Excel file: upload (kept as a draft), preview of every day added, changed or removed
/// and every problem by line, then confirmation — applied at once, audited, and only as previewed.
/// </summary>
[RequestSizeLimit(CalendarImport.MaxBytes + (64 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = CalendarImport.MaxBytes + (64 * 1024))]
public sealed class ImportModel(PortalDbContext db, TimeProvider clock, ILogger<ImportModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "year")]
    [Display(Name = "Năm")]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "draft")]
    public Guid? DraftId { get; set; }

    [BindProperty]
    [Display(Name = "Tệp lịch (.csv hoặc .xlsx)")]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Fingerprint { get; set; }

    private ImportDraft? _draft;

    public string? FileName { get; private set; }
    public CalendarImport? Plan { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (DraftId is null)
        {
            Year ??= VietnamTime.Today(clock).Year + 1;
            return Page();
        }

        return await PreviewAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        DraftId = null;
        if (Year is not (>= 2000 and <= 2100))
        {
            ModelState.AddModelError(nameof(Year), "Năm phải từ 2000 đến 2100.");
        }

        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Vui lòng chọn tệp lịch (.csv hoặc .xlsx) để tải lên.");
        }
        else if (Upload.Length > CalendarImport.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"Tệp quá lớn ({Display.Size(Upload.Length)}); tệp lịch tối đa {Display.Size(CalendarImport.MaxBytes)}.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var draft = await db.StoreAsync(clock, User, ImportKind.Calendar, null, Upload!, "lich.csv", cancellationToken);
        return RedirectToPage(new { year = Year, draft = draft.Id });
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        if (!await PreviewAsync(cancellationToken))
        {
            TempData.Error("Bản nhập này không còn (đã được áp dụng hoặc đã hết hạn). Kiểm tra lịch trước khi tải lên lại.");
            return RedirectToPage("./Index", new { year = Year });
        }

        var plan = Plan!;
        if (!plan.CanApply)
        {
            return Page();
        }

        if (!string.Equals(Fingerprint, plan.Fingerprint, StringComparison.Ordinal))
        {
            ModelState.AddModelError(string.Empty, "Lịch vừa được thay đổi kể từ lúc xem trước; hãy xem lại các thay đổi dưới đây rồi xác nhận lại.");
            return Page();
        }

        // One save: the days and the draft's removal together, so a second confirmation (a double click, another tab) finds
        // no draft and fails whole.
        plan.Apply(db);
        db.ImportDrafts.Remove(_draft!);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            TempData.Error("Lịch vừa được thay đổi ở một cửa sổ khác nên chưa có gì được ghi. Hãy tải tệp lên lại để xem trước.");
            return RedirectToPage("./Index", new { year = Year });
        }

        logger.LogInformation("Calendar {Year} imported: {Added} added, {Changed} changed, {Removed} removed",
            plan.Year, plan.Count(CalendarChange.Added), plan.Count(CalendarChange.Changed), plan.Count(CalendarChange.Removed));
        TempData.Success($"Đã nhập lịch năm {plan.Year}: thêm {plan.Count(CalendarChange.Added)}, sửa {plan.Count(CalendarChange.Changed)}, xóa {plan.Count(CalendarChange.Removed)} ngày.");
        return RedirectToPage("./Index", new { year = plan.Year });
    }

    /// <summary>The draft of this user and its plan against the calendar as it is now; false when there is no such draft.</summary>
    private async Task<bool> PreviewAsync(CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        _draft = DraftId is { } id && Year is >= 2000 and <= 2100
            ? await db.ImportDrafts.FirstOrDefaultAsync(d => d.Id == id && d.UserId == userId && d.Kind == ImportKind.Calendar, cancellationToken)
            : null;
        if (_draft is null)
        {
            return false;
        }

        FileName = _draft.FileName;
        Plan = await CalendarImport.PlanAsync(db, Year!.Value, _draft.Content, cancellationToken);
        return true;
    }
}
