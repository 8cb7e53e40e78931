using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Calendar;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Admin.Calendar;

/// <summary>The holiday calendar behind every working-day deadline; administrators keep it in step with the Government's notices.</summary>
public sealed class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "year")]
    public int? Year { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<CalendarDay> Days { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];

    public sealed class InputModel
    {
        [Display(Name = "Ngày")]
        public DateOnly? Date { get; set; }

        [Display(Name = "Tên")]
        public string Name { get; set; } = string.Empty;

        [Display(Name = "Loại")]
        public CalendarDayKind Kind { get; set; }
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator()
        {
            RuleFor(x => x.Date).NotNull().WithMessage("Vui lòng chọn ngày.");
            RuleFor(x => x.Name).NotEmpty().WithMessage("Vui lòng nhập tên (ví dụ: Tết Nguyên đán).")
                .MaximumLength(CalendarDay.NameMaxLength).WithMessage($"Tên không được dài quá {CalendarDay.NameMaxLength} ký tự.");
            RuleFor(x => x.Kind).IsInEnum().WithMessage("Loại ngày không hợp lệ.");
        }
    }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync([FromServices] IValidator<InputModel> validator, CancellationToken cancellationToken)
    {
        if (!await ModelState.ValidateInputAsync(validator, Input, cancellationToken))
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var date = Input.Date!.Value;
        if (await db.CalendarDays.AnyAsync(d => d.Date == date, cancellationToken))
        {
            ModelState.AddModelError("Input.Date", $"Ngày {Display.Date(date)} đã có trong lịch; hãy xóa mục cũ trước nếu cần sửa.");
            await LoadAsync(cancellationToken);
            return Page();
        }

        try
        {
            db.CalendarDays.Add(new CalendarDay(date, Input.Name, Input.Kind, isProvisional: false));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError("Input.Kind", ex.Message);
            await LoadAsync(cancellationToken);
            return Page();
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            ModelState.AddModelError("Input.Date", $"Ngày {Display.Date(date)} đã có trong lịch.");
            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData.Success($"Đã thêm ngày {Display.Date(date)}.");
        return RedirectToPage(new { year = date.Year });
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var day = await db.CalendarDays.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (day is null)
        {
            return NotFound();
        }

        db.CalendarDays.Remove(day);
        await db.SaveChangesAsync(cancellationToken);
        TempData.Success($"Đã xóa ngày {Display.Date(day.Date)} khỏi lịch.");
        return RedirectToPage(new { year = day.Date.Year });
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken cancellationToken)
    {
        var day = await db.CalendarDays.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (day is null)
        {
            return NotFound();
        }

        day.IsProvisional = false;
        await db.SaveChangesAsync(cancellationToken);
        TempData.Success($"Đã xác nhận ngày {Display.Date(day.Date)} theo thông báo chính thức.");
        return RedirectToPage(new { year = day.Date.Year });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var year = Year is >= 2000 and <= 2100 ? Year.Value : VietnamTime.Today(clock).Year;
        Year = year;
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        Days = await db.CalendarDays.AsNoTracking().Where(d => d.Date >= first && d.Date <= last).OrderBy(d => d.Date).ToListAsync(cancellationToken);
        Years = (await db.CalendarDays.AsNoTracking().Select(d => d.Date).ToListAsync(cancellationToken))
            .Select(d => d.Year).Append(year).Distinct().Order().ToList();
    }
}
