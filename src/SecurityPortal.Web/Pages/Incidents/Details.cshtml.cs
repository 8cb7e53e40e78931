using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Identity;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Pages.Incidents;

/// <summary>An incident: its reporting clocks, status steps, and remediation tasks for its systems.</summary>
public sealed class DetailsModel(PortalDbContext db, RemediationOptions options, TimeProvider clock, ILogger<DetailsModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public IncidentStatus Next { get; set; }

    [BindProperty]
    public Guid ConcurrencyStamp { get; set; }

    public Incident Incident { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> SystemNames { get; private set; } = [];
    public IReadOnlyDictionary<Guid, RemediationStatus> Tasks { get; private set; } = new Dictionary<Guid, RemediationStatus>();
    public DateTime NowUtc { get; private set; }

    /// <summary>The support request the incident was made from, if any (Support/Details keeps the link the other way).</summary>
    public (Guid Id, string Title)? FromRequest { get; private set; }
    public bool CanAct { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(tracked: false, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostNoticeAsync(CancellationToken cancellationToken) =>
        StepAsync(i => i.RecordInitialNotice(NowUtc), "Đã ghi nhận thông báo ban đầu.", cancellationToken);

    public Task<IActionResult> OnPostReportAsync(CancellationToken cancellationToken) =>
        StepAsync(i => i.RecordFullReport(NowUtc, Text), "Đã ghi nhận báo cáo đầy đủ.", cancellationToken);

    public Task<IActionResult> OnPostMoveAsync(CancellationToken cancellationToken) =>
        StepAsync(i => i.MoveTo(Next), "Đã cập nhật trạng thái sự cố.", cancellationToken);

    /// <summary>One remediation task per affected system, never twice.</summary>
    public Task<IActionResult> OnPostTasksAsync(CancellationToken cancellationToken) => StepAsync(incident =>
    {
        var today = VietnamTime.Today(clock);
        var severity = incident.Serious ? TaskSeverity.Critical : TaskSeverity.High;
        foreach (var part in incident.Systems.Where(s => !Tasks.ContainsKey(s.Id)))
        {
            db.RemediationTasks.Add(new RemediationTask(part.SystemId, $"Khắc phục sự cố: {incident.Title}",
                $"{incident.Kind.Vietnamese()}. {incident.Description}".Trim(), TaskSource.Incident, incident.Id, part.Id, null, severity,
                RemediationTask.DefaultDueDate(severity, today, options.DueDays), User.FindFirstValue(ClaimTypes.NameIdentifier)!, NowUtc, User.DisplayName()));
        }
    }, "Đã tạo nhiệm vụ khắc phục cho các hệ thống bị ảnh hưởng.", cancellationToken);

    private async Task<IActionResult> StepAsync(Action<Incident> apply, string success, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: true, cancellationToken))
        {
            return NotFound();
        }

        if (!CanAct)
        {
            return Forbid();
        }

        if (Incident.ConcurrencyStamp != ConcurrencyStamp)
        {
            TempData.Error("Sự cố vừa được người khác cập nhật; thao tác chưa được thực hiện.");
            return RedirectToPage(new { id = Id });
        }

        try
        {
            apply(Incident);
            db.Entry(Incident).Property(i => i.ConcurrencyStamp).OriginalValue = ConcurrencyStamp;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            TempData.Error(ex.Message);
            return RedirectToPage(new { id = Id });
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData.Error("Sự cố vừa được người khác cập nhật; thao tác chưa được thực hiện.");
            return RedirectToPage(new { id = Id });
        }

        logger.LogInformation("Incident {IncidentId} is {Status}", Id, Incident.Status);
        TempData.Success(success);
        return RedirectToPage(new { id = Id });
    }

    private async Task<bool> LoadAsync(bool tracked, CancellationToken cancellationToken)
    {
        var query = db.Incidents.VisibleTo(User).Include(i => i.Systems);
        var incident = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(i => i.Id == Id, cancellationToken);
        if (incident is null)
        {
            return false;
        }

        Incident = incident;
        NowUtc = clock.GetUtcNow().UtcDateTime;
        CanAct = User.CanAct(incident);
        var ids = incident.Systems.Select(s => s.SystemId).ToList();
        SystemNames = (await db.InformationSystems.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
            .Select(s => (s.Id, s.Name)).ToList();
        var parts = incident.Systems.Select(s => (Guid?)s.Id).ToList();
        Tasks = (await db.RemediationTasks.AsNoTracking().Where(t => t.Source == TaskSource.Incident && parts.Contains(t.SourceItemId))
                .Select(t => new { t.SourceItemId, t.Status }).ToListAsync(cancellationToken))
            .ToDictionary(t => t.SourceItemId!.Value, t => t.Status);
        FromRequest = (await db.SupportRequests.AsNoTracking().Where(r => r.IncidentId == incident.Id).Select(r => new { r.Id, r.Title })
            .FirstOrDefaultAsync(cancellationToken)) is { } request ? (request.Id, request.Title) : null;
        if (!tracked)
        {
            ConcurrencyStamp = incident.ConcurrencyStamp;
        }

        return true;
    }
}
