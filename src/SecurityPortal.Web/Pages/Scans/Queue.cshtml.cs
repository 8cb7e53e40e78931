using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Imports.Scanners;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Scans;

/// <summary>
/// The findings of scanner reports whose target no system matched, by target; a provincial reviewer assigns a target to
/// a system and its findings become (or join) that system's remediation tasks. Reviewers only.
/// </summary>
public sealed class QueueModel(PortalDbContext db, ScanReportImporter importer, ILogger<QueueModel> logger) : PageModel
{
    public const int MaxTargets = 200;

    public sealed record Waiting(string Target, string Scanner, int Findings, TaskSeverity Severity, DateTime LastSeenUtc, IReadOnlyList<string> Keys);

    [BindProperty]
    public string? Target { get; set; }

    [BindProperty]
    [Display(Name = "Hệ thống")]
    public Guid? SystemId { get; set; }

    public IReadOnlyList<Waiting> Targets { get; private set; } = [];
    public List<SelectListItem> Systems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!User.IsProvincialReviewer())
        {
            return Forbid();
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.IsProvincialReviewer())
        {
            return Forbid();
        }

        var system = SystemId is { } id ? await importer.LoadSystemAsync(User, id, cancellationToken) : null;
        if (system is null || string.IsNullOrWhiteSpace(Target))
        {
            ModelState.AddModelError(nameof(SystemId), "Chọn hệ thống để gán các phát hiện của đối tượng này.");
            await LoadAsync(cancellationToken);
            return Page();
        }

        try
        {
            var (created, joined) = await importer.AssignAsync(User, Target, system, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Queued findings of {Target} assigned to system {SystemId}: {Created} new tasks, {Joined} joined", Target, system.Id, created, joined);
            TempData.Success($"Đã gán {Target} cho hệ thống {system.Code}: {created} nhiệm vụ mới, {joined} nhiệm vụ đã có được bổ sung.");
        }
        catch (DomainException ex)
        {
            TempData.Error(ex.Message);
        }
        catch (DbUpdateException)
        {
            TempData.Error("Các phát hiện này vừa được gán ở một cửa sổ khác; chưa có gì được ghi. Xem lại hàng chờ.");
        }

        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await db.ScanFindings.AsNoTracking().Where(f => f.SystemId == null)
            .Select(f => new { f.Target, f.Scanner, f.Key, f.Severity, f.LastSeenUtc }).ToListAsync(cancellationToken);
        Targets = rows.GroupBy(r => r.Target)
            .Select(g => new Waiting(g.Key, g.First().Scanner, g.Count(), g.Min(r => r.Severity), g.Max(r => r.LastSeenUtc), g.Select(r => r.Key).Order().Take(10).ToList()))
            .OrderBy(w => w.Severity).ThenByDescending(w => w.LastSeenUtc).Take(MaxTargets).ToList();
        Systems = await db.InformationSystems.AsNoTracking().OrderBy(s => s.Code)
            .Select(s => new SelectListItem(s.Code + " — " + s.Name, s.Id.ToString())).ToListAsync(cancellationToken);
    }
}
