using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Domain.Support;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Files;
using SecurityPortal.Web.Infrastructure.Identity;
using SecurityPortal.Web.Notifications;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Pages.Support;

public sealed class SupportInput
{
    [Display(Name = "Hệ thống cần hỗ trợ")]
    public Guid? SystemId { get; set; }

    [Display(Name = "Loại hỗ trợ")]
    public SupportCategory Category { get; set; } = SupportCategory.Other;

    [Display(Name = "Mức độ khẩn cấp")]
    public SupportUrgency Urgency { get; set; } = SupportUrgency.Normal;

    [Display(Name = "Tiêu đề")]
    public string? Title { get; set; }

    [Display(Name = "Mô tả điều cần hỗ trợ")]
    public string? Description { get; set; }
}

/// <summary>
/// An agency's officer asks the provincial unit for help about one of the agency's systems or the agency as a whole, with a
/// file if useful (checked and stored like every upload). The reviewers are notified; bad input is explained and kept.
/// </summary>
[UploadLimit]
public sealed class CreateModel(PortalDbContext db, FileStore files, Notifier notifier, SupportOptions options, TimeProvider clock, ILogger<CreateModel> logger) : PageModel
{
    [BindProperty]
    public SupportInput Input { get; set; } = new();

    [BindProperty]
    [Display(Name = "Tệp đính kèm (nếu có)")]
    public IFormFile? Upload { get; set; }

    public List<SelectListItem> Systems { get; private set; } = [];
    public SupportOptions Targets => options;
    public long MaxBytes => files.MaxBytes;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!User.OpensSupportRequests())
        {
            return Forbid();
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.OpensSupportRequests())
        {
            return Forbid();
        }

        await LoadAsync(cancellationToken);
        if (Input.SystemId is { } systemId && Systems.All(s => Guid.Parse(s.Value) != systemId))
        {
            ModelState.AddModelError("Input.SystemId", "Chỉ chọn hệ thống của đơn vị mình.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        SupportRequest request;
        try
        {
            request = new SupportRequest(User.OfficerAgencyId()!.Value, Input.SystemId, Input.Category, Input.Urgency, Input.Title, Input.Description,
                new SupportActor(userId, User.DisplayName(), false, true), options.TargetFor(Input.Urgency), now);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }

        if (Upload is not null)
        {
            var upload = await files.AcceptAsync(Upload, cancellationToken);
            if (upload.File is not { } file)
            {
                ModelState.AddModelError(nameof(Upload), upload.Error!);
                return Page();
            }

            request.Attach(request.Messages[0], file.PostedName, file.Stored.ContentType, file.Stored.Length, file.Stored.Sha256, userId, now);
        }

        db.SupportRequests.Add(request);
        await notifier.ReviewersAsync(NotificationKind.Support,
            $"Yêu cầu hỗ trợ mới ({request.Urgency.Vietnamese().ToLowerInvariant()}): {request.Title}; cần xử lý trước {VietnamTime.Format(request.DueAtUtc)}.",
            $"/Support/Details/{request.Id}", userId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Support request {RequestId} opened by agency {AgencyId} ({Urgency})", request.Id, request.AgencyId, request.Urgency);
        TempData.Success($"Đã gửi yêu cầu hỗ trợ; đơn vị chuyên trách cần xử lý trước {VietnamTime.Format(request.DueAtUtc)}.");
        return RedirectToPage("./Details", new { id = request.Id });
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Systems = [.. (await db.InformationSystems.AsNoTracking().VisibleTo(User)
                .Where(s => s.Lifecycle != LifecycleStatus.Decommissioned)
                .OrderBy(s => s.Name).Take(1000)
                .Select(s => new { s.Id, s.Name, s.Code }).ToListAsync(cancellationToken))
            .Select(s => new SelectListItem($"{s.Name} ({s.Code})", s.Id.ToString(), s.Id == Input.SystemId))];
}
