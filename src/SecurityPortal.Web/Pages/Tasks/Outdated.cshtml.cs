using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Identity;
using SecurityPortal.Web.Notifications;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Pages.Tasks;

/// <summary>
/// Outdated software across the province — past end of life, or not patched for longer than
/// <c>Registry:MaxDaysSincePatch</c> — turned into remediation tasks in one action, one per component, never twice.
/// </summary>
public sealed class OutdatedModel(PortalDbContext db, RegistryOptions registry, RemediationOptions options, Notifier notifier, TimeProvider clock, ILogger<OutdatedModel> logger) : PageModel
{
    public const int MaxRows = 2000;

    [BindProperty]
    public List<Guid> Selected { get; set; } = [];

    public sealed record Row(Guid ComponentId, Guid SystemId, string SystemName, string AgencyName, string Product, string? Version, ComponentAlert Alert, bool HasOpenTask);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await QueryAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.OpensTasksAcrossAgencies())
        {
            return Forbid();
        }

        var rows = (await QueryAsync(cancellationToken)).Where(r => !r.HasOpenTask && Selected.Contains(r.ComponentId)).ToList();
        if (rows.Count == 0)
        {
            TempData.Error("Hãy chọn ít nhất một thành phần chưa có nhiệm vụ.");
            return RedirectToPage();
        }

        var today = VietnamTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        foreach (var row in rows)
        {
            var severity = row.Alert == ComponentAlert.EndOfLife ? TaskSeverity.High : TaskSeverity.Medium;
            var what = row.Alert == ComponentAlert.EndOfLife ? "đã hết hỗ trợ" : $"quá {registry.MaxDaysSincePatch} ngày chưa vá";
            db.RemediationTasks.Add(new RemediationTask(row.SystemId, $"Cập nhật {row.Product} {row.Version}".Trim(),
                $"{row.Product} {row.Version} {what}: nâng cấp lên phiên bản còn được hỗ trợ, cập nhật bản vá và ghi lại ngày vá trong hồ sơ hệ thống.",
                TaskSource.OutdatedSoftware, row.SystemId, row.ComponentId, null, severity,
                RemediationTask.DefaultDueDate(severity, today, options.DueDays), userId, now, User.DisplayName()));
        }

        var ids = rows.Select(r => r.SystemId).Distinct().ToList();
        var systems = await db.InformationSystems.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(cancellationToken);
        await notifier.AgencyOfficersAsync(systems, NotificationKind.TaskAssigned, s => $"Nhiệm vụ cập nhật phần mềm lỗi thời cho «{s.Name}».", "/Tasks?view=agency", userId, cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("{Count} outdated-software tasks created", rows.Count);
        TempData.Success($"Đã tạo {rows.Count} nhiệm vụ cập nhật phần mềm và thông báo các đơn vị.");
        return RedirectToPage();
    }

    private async Task<List<Row>> QueryAsync(CancellationToken cancellationToken)
    {
        var today = VietnamTime.Today(clock);
        var components = await (from c in db.SoftwareComponents.AsNoTracking()
                                join s in db.InformationSystems on c.SystemId equals s.Id
                                join a in db.Agencies on s.OwnerAgencyId equals a.Id
                                where s.Lifecycle != LifecycleStatus.Decommissioned
                                select new { c.Id, c.SystemId, SystemName = s.Name, AgencyName = a.Name, c.Product, c.Version, c.EndOfLife, c.LastPatched })
            .ToListAsync(cancellationToken);
        var flagged = components
            .Select(c => (c, Alert: SoftwareComponent.AlertFor(c.EndOfLife, c.LastPatched, today, registry.MaxDaysSincePatch)))
            .Where(x => x.Alert is ComponentAlert.EndOfLife or ComponentAlert.NotPatchedRecently)
            .Take(MaxRows)
            .ToList();
        var ids = flagged.Select(x => (Guid?)x.c.Id).ToList();
        var open = (await db.RemediationTasks.AsNoTracking()
                .Where(t => t.Source == TaskSource.OutdatedSoftware && ids.Contains(t.SourceItemId)
                            && t.Status != RemediationStatus.Verified && t.Status != RemediationStatus.Cancelled)
                .Select(t => t.SourceItemId).ToListAsync(cancellationToken))
            .ToHashSet();
        return flagged
            .Select(x => new Row(x.c.Id, x.c.SystemId, x.c.SystemName, x.c.AgencyName, x.c.Product, x.c.Version, x.Alert, open.Contains(x.c.Id)))
            .OrderBy(r => r.AgencyName, StringComparer.Ordinal).ThenBy(r => r.SystemName, StringComparer.Ordinal)
            .ToList();
    }
}
