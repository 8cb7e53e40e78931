using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Registry;

namespace SecurityPortal.Web.Pages.Agencies;

public sealed class EditModel(PortalDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public AgencyInput Input { get; set; } = new();

    [BindProperty]
    public Guid ConcurrencyStamp { get; set; }

    public List<SelectListItem> Agencies { get; private set; } = [];

    /// <summary>The choices of security unit: every active agency, this one included (an agency may be its own unit).</summary>
    public List<SelectListItem> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == Id, cancellationToken);
        if (agency is null)
        {
            return NotFound();
        }

        Input = AgencyInput.From(agency);
        ConcurrencyStamp = agency.ConcurrencyStamp;
        Agencies = await ChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] IValidator<AgencyInput> validator, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Id == Id, cancellationToken);
        if (agency is null)
        {
            return NotFound();
        }

        Agencies = await ChoicesAsync(cancellationToken);
        if (!await ModelState.ValidateInputAsync(validator, Input, cancellationToken))
        {
            return Page();
        }

        if (!string.Equals(agency.Code, Input.Code.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Input.Code", "Mã định danh không đổi được sau khi tạo: các hệ thống, báo cáo và dữ liệu nhập từ Excel đều tham chiếu mã này.");
            return Page();
        }

        try
        {
            Input.ApplyTo(agency, await AgencyHierarchy.ParentMapAsync(db, cancellationToken));
            db.Entry(agency).Property(a => a.ConcurrencyStamp).OriginalValue = ConcurrencyStamp;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError("Input.ParentId", ex.Message);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty,
                "Cơ quan này vừa được người khác lưu thay đổi sau khi bạn mở trang. Nội dung bạn nhập vẫn được giữ bên dưới; hãy mở trang trong thẻ khác để xem bản mới rồi lưu lại.");
            db.ChangeTracker.Clear();
            ConcurrencyStamp = await db.Agencies.Where(a => a.Id == Id).Select(a => a.ConcurrencyStamp).FirstAsync(cancellationToken);
            ModelState.Remove(nameof(ConcurrencyStamp));
            return Page();
        }

        TempData.Success("Đã lưu thay đổi.");
        return RedirectToPage("./Details", new { id = Id });
    }

    /// <summary>Every active agency except this one can be its parent (cycles are refused on save).</summary>
    private async Task<List<SelectListItem>> ChoicesAsync(CancellationToken cancellationToken)
    {
        Units = await AgencyChoices.ActiveAsync(db, cancellationToken);
        return Units.Where(c => c.Value != Id.ToString()).ToList();
    }
}
