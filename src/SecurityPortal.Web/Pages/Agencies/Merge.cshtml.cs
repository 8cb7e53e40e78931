using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Registry;

namespace SecurityPortal.Web.Pages.Agencies;

/// <summary>
/// Re-organisation: merge agency A into B. A's systems (as owner or operator), users and child units move
/// to B; A becomes inactive with "merged into B" and the date. One save, so one transaction and one audit.
/// </summary>
public sealed class MergeModel(PortalDbContext db, TimeProvider clock, ILogger<MergeModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    [Display(Name = "Sáp nhập vào")]
    public Guid? TargetId { get; set; }

    [BindProperty]
    [Display(Name = "Ngày sáp nhập")]
    public DateOnly? MergedOn { get; set; }

    [BindProperty]
    public Guid ConcurrencyStamp { get; set; }

    public string SourceName { get; private set; } = string.Empty;
    public int SystemCount { get; private set; }
    public int UserCount { get; private set; }
    public int ChildCount { get; private set; }
    public List<SelectListItem> Targets { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var source = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == Id, cancellationToken);
        if (source is null)
        {
            return NotFound();
        }

        if (!source.IsActive)
        {
            TempData.Error("Cơ quan này đã ngừng hoạt động, không thể sáp nhập.");
            return RedirectToPage("./Details", new { id = Id });
        }

        ConcurrencyStamp = source.ConcurrencyStamp;
        MergedOn = VietnamTime.Today(clock);
        await LoadAsync(source, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var source = await db.Agencies.FirstOrDefaultAsync(a => a.Id == Id, cancellationToken);
        if (source is null)
        {
            return NotFound();
        }

        await LoadAsync(source, cancellationToken);
        var target = TargetId is { } targetId ? await db.Agencies.FirstOrDefaultAsync(a => a.Id == targetId, cancellationToken) : null;
        if (target is null)
        {
            ModelState.AddModelError(nameof(TargetId), "Vui lòng chọn đơn vị nhận sáp nhập.");
        }

        if (MergedOn is not { } on)
        {
            ModelState.AddModelError(nameof(MergedOn), "Vui lòng nhập ngày sáp nhập.");
        }
        else if (on > VietnamTime.Today(clock))
        {
            ModelState.AddModelError(nameof(MergedOn), "Ngày sáp nhập không thể ở tương lai.");
        }

        if (!ModelState.IsValid || target is null)
        {
            return Page();
        }

        var parentOf = await AgencyHierarchy.ParentMapAsync(db, cancellationToken);
        if (target.Id != source.Id && AgencyTree.IsWithin(target.Id, source.Id, parentOf))
        {
            // The source's children are about to move under the target, which lies under the source.
            ModelState.AddModelError(nameof(TargetId), "Không thể sáp nhập vào một đơn vị trực thuộc chính cơ quan này.");
            return Page();
        }

        try
        {
            source.MergeInto(target, MergedOn!.Value);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(nameof(TargetId), ex.Message);
            return Page();
        }

        foreach (var system in await db.InformationSystems.Where(s => s.OwnerAgencyId == Id || s.OperatorAgencyId == Id).ToListAsync(cancellationToken))
        {
            system.OwnerAgencyId = system.OwnerAgencyId == Id ? target.Id : system.OwnerAgencyId;
            system.OperatorAgencyId = system.OperatorAgencyId == Id ? target.Id : system.OperatorAgencyId;
        }

        foreach (var user in await db.Users.Where(u => u.AgencyId == Id).ToListAsync(cancellationToken))
        {
            user.AgencyId = target.Id;
        }

        foreach (var child in await db.Agencies.Where(a => a.ParentId == Id).ToListAsync(cancellationToken))
        {
            child.MoveTo(target.Id, parentOf);
        }

        // Owners whose specialised security unit was the merged agency now name the agency that took its work.
        foreach (var owner in await db.Agencies.Where(a => a.SecurityUnitId == Id).ToListAsync(cancellationToken))
        {
            owner.SecurityUnitId = target.Id;
        }

        db.Entry(source).Property(a => a.ConcurrencyStamp).OriginalValue = ConcurrencyStamp;
        // The target is checked too: merging into an agency that is itself being merged fails instead of
        // leaving systems and users under an inactive agency.
        target.ConcurrencyStamp = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData.Error("Cơ quan này vừa được người khác thay đổi; chưa sáp nhập. Hãy xem lại rồi thực hiện lại.");
            return RedirectToPage(new { id = Id });
        }

        logger.LogInformation("Agency {SourceId} merged into {TargetId}", source.Id, target.Id);
        TempData.Success($"Đã sáp nhập {source.Name} vào {target.Name}.");
        return RedirectToPage("./Details", new { id = target.Id });
    }

    private async Task LoadAsync(Agency source, CancellationToken cancellationToken)
    {
        SourceName = source.Name;
        SystemCount = await db.InformationSystems.CountAsync(s => s.OwnerAgencyId == Id || s.OperatorAgencyId == Id, cancellationToken);
        UserCount = await db.Users.CountAsync(u => u.AgencyId == Id, cancellationToken);
        ChildCount = await db.Agencies.CountAsync(a => a.ParentId == Id, cancellationToken);
        Targets = (await AgencyChoices.ActiveAsync(db, cancellationToken)).Where(c => c.Value != Id.ToString()).ToList();
    }
}
