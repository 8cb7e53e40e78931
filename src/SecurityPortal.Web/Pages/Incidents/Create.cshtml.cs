using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Notifications;

namespace SecurityPortal.Web.Pages.Incidents;

public sealed class IncidentInput
{
    [Display(Name = "Loại sự cố")]
    public IncidentKind Kind { get; set; }

    [Display(Name = "Tên sự cố")]
    public string? Title { get; set; }

    [Display(Name = "Thời điểm phát hiện (giờ Việt Nam)")]
    public DateTime? DetectedAt { get; set; }

    [Display(Name = "Sự cố nghiêm trọng (phải thông báo ban đầu trong 24 giờ)")]
    public bool Serious { get; set; }

    [Display(Name = "Mô tả")]
    public string? Description { get; set; }

    [Display(Name = "Biện pháp đã thực hiện")]
    public string? ActionsTaken { get; set; }

    [Display(Name = "Hệ thống bị ảnh hưởng")]
    public List<Guid> SystemIds { get; set; } = [];
}

/// <summary>Reports an incident on one or more of the systems the user may see; the provincial unit is notified.</summary>
public sealed class CreateModel(PortalDbContext db, Notifier notifier, TimeProvider clock, ILogger<CreateModel> logger) : PageModel
{
    [BindProperty]
    public IncidentInput Input { get; set; } = new();

    public List<SelectListItem> Systems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!User.CanRegisterSystems())
        {
            return Forbid();
        }

        Input.DetectedAt = VietnamTime.FromUtc(clock.GetUtcNow().UtcDateTime);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.CanRegisterSystems())
        {
            return Forbid();
        }

        await LoadAsync(cancellationToken);
        var visible = Systems.Select(s => Guid.Parse(s.Value)).ToHashSet();
        if (Input.SystemIds.Any(id => !visible.Contains(id)))
        {
            ModelState.AddModelError("Input.SystemIds", "Chỉ chọn hệ thống mà bạn được quản lý.");
        }

        if (Input.DetectedAt is null)
        {
            ModelState.AddModelError("Input.DetectedAt", "Hãy nhập thời điểm phát hiện.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var firstSystem = Input.SystemIds.Count == 0 ? null
            : await db.InformationSystems.AsNoTracking().FirstAsync(s => s.Id == Input.SystemIds[0], cancellationToken);
        var agencyId = User.OfficerAgencyId() ?? firstSystem?.OwnerAgencyId ?? Guid.Empty;
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            var incident = new Incident(agencyId, Input.Kind, Input.Title ?? string.Empty, Input.Description, VietnamTime.ToUtc(Input.DetectedAt!.Value),
                Input.Serious, Input.ActionsTaken, Input.SystemIds, User.FindFirstValue(ClaimTypes.NameIdentifier)!, now);
            db.Incidents.Add(incident);
            await notifier.ReviewersAsync(NotificationKind.Incident, $"Sự cố {(incident.Serious ? "nghiêm trọng " : "")}được báo cáo: {incident.Title}.", $"/Incidents/Details/{incident.Id}", null, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Incident {IncidentId} reported ({Kind}, serious: {Serious})", incident.Id, incident.Kind, incident.Serious);
            TempData.Success("Đã ghi nhận sự cố; đơn vị chuyên trách đã được thông báo.");
            return RedirectToPage("./Details", new { id = incident.Id });
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Systems = await db.InformationSystems.AsNoTracking().VisibleTo(User)
            .Where(s => s.Lifecycle != Domain.Systems.LifecycleStatus.Decommissioned)
            .OrderBy(s => s.Name).Take(1000)
            .Select(s => new SelectListItem(s.Name + " (" + s.Code + ")", s.Id.ToString()))
            .ToListAsync(cancellationToken);
}
