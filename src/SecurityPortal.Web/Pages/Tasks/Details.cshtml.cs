using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Domain.Warnings;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Files;
using SecurityPortal.Web.Notifications;

namespace SecurityPortal.Web.Pages.Tasks;

/// <summary>
/// A task: its thread (steps and comments), evidence, and the steps the user may take. A vulnerability warning's task
/// is resolved with the version each affected component runs now (recorded in the registry) and verified against the
/// warning's rule again (<see cref="VulnerabilityWarning.Resolve"/>, <see cref="VulnerabilityWarning.Verify"/>).
/// </summary>
public sealed class DetailsModel(PortalDbContext db, FileStore files, Notifier notifier, TimeProvider clock, ILogger<DetailsModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public DateOnly? DueDate { get; set; }

    [BindProperty]
    public string? AssigneeId { get; set; }

    [BindProperty]
    public Guid ConcurrencyStamp { get; set; }

    /// <summary>Resolving a warning's task: the version of each component of the warning's product, or that it was removed.</summary>
    [BindProperty]
    public List<FixInput> Fixes { get; set; } = [];

    /// <summary>Resolving a warning's task: the agency could not upgrade yet and applied a mitigation (described in the note).</summary>
    [BindProperty]
    public bool Mitigated { get; set; }

    /// <summary>Verifying a warning's task whose registry still matches: the reviewer accepts the mitigation (with a reason).</summary>
    [BindProperty]
    public bool AcceptMitigation { get; set; }

    public sealed class FixInput
    {
        public Guid Id { get; set; }
        public string? Version { get; set; }
        public bool Removed { get; set; }
    }

    public string? FailedStep { get; private set; }
    public RemediationTask Remediation { get; private set; } = null!;
    public InformationSystem System { get; private set; } = null!;
    public TaskActor Actor { get; private set; } = null!;
    public List<SelectListItem> Assignees { get; private set; } = [];
    public DateOnly Today { get; private set; }

    /// <summary>The warning that raised the task, when it came from one.</summary>
    public VulnerabilityWarning? Warning { get; private set; }

    /// <summary>What the resolve form shows for a component: what was typed when the step was refused, else the registry's version.</summary>
    public FixInput Typed(SoftwareComponent component) =>
        (FailedStep == "resolve" ? Fixes.FirstOrDefault(f => f.Id == component.Id) : null)
        ?? new FixInput { Id = component.Id, Version = component.Version };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(tracked: false, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetFileAsync(Guid attachmentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: false, cancellationToken)
            || Remediation.Attachments.FirstOrDefault(a => a.Id == attachmentId) is not { } attachment
            || files.OpenRead(attachment.File.Sha256) is not { } stream)
        {
            return NotFound();
        }

        return File(stream, attachment.File.ContentType, attachment.File.FileName);
    }

    public Task<IActionResult> OnPostCommentAsync(CancellationToken cancellationToken) =>
        StepAsync("comment", (t, a, now) => t.Comment(a, Text, now), "Đã gửi ý kiến.", (t, _) =>
        {
            // The people following the task hear of the comment: whoever it is assigned to and whoever created it.
            notifier.Add(new[] { t.AssigneeId, t.CreatedById }.OfType<string>().Where(id => id != Actor.UserId), NotificationKind.TaskCommented,
                $"{Actor.Name} góp ý trên nhiệm vụ «{t.Title}»: {Text}", Link);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken) =>
        StepAsync("start", (t, a, now) => t.Start(a, now), "Đã chuyển sang «Đang xử lý».", null, cancellationToken);

    public Task<IActionResult> OnPostResolveAsync(CancellationToken cancellationToken) =>
        StepAsync("resolve", (t, a, now) =>
        {
            if (Warning is null)
            {
                t.Resolve(a, Text, now);
            }
            else
            {
                Warning.Resolve(t, System, [.. Fixes.Select(f => new ComponentFix(f.Id, f.Version, f.Removed))], Mitigated, a, Text, Today, now);
            }
        }, "Đã báo đã xử lý; cán bộ thẩm định sẽ xác minh.",
            (t, ct) => notifier.ReviewersAsync(NotificationKind.TaskResolved, $"Nhiệm vụ «{t.Title}» của «{System.Name}» đã được báo xử lý, cần xác minh.", Link, Actor.UserId, ct), cancellationToken);

    public Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken) =>
        StepAsync("verify", (t, a, now) =>
        {
            if (Warning is null)
            {
                t.Verify(a, Text, now);
            }
            else
            {
                Warning.Verify(t, System, a, Text, AcceptMitigation, now);
            }
        }, "Đã xác minh nhiệm vụ.",
            (t, ct) => notifier.AgencyOfficersAsync(System, NotificationKind.TaskVerified, $"Nhiệm vụ «{t.Title}» đã được xác minh.", Link, Actor.UserId, ct), cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(CancellationToken cancellationToken) =>
        StepAsync("reopen", (t, a, now) => t.Reopen(a, Text, now), "Đã mở lại nhiệm vụ.",
            (t, ct) => notifier.AgencyOfficersAsync(System, NotificationKind.TaskReopened, $"Nhiệm vụ «{t.Title}» bị mở lại: {Text}", Link, Actor.UserId, ct), cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(CancellationToken cancellationToken) =>
        StepAsync("cancel", (t, a, now) => t.Cancel(a, Text, now), "Đã hủy nhiệm vụ.", null, cancellationToken);

    public Task<IActionResult> OnPostDueAsync(CancellationToken cancellationToken) =>
        StepAsync("due", (t, a, now) => t.ChangeDueDate(a, DueDate ?? throw new DomainException("Hãy chọn hạn mới."), Text, Today, now), "Đã đổi hạn xử lý.", null, cancellationToken);

    public Task<IActionResult> OnPostAssignAsync(CancellationToken cancellationToken) =>
        StepAsync("assign", (t, a, now) =>
        {
            var chosen = AssigneeId is { Length: > 0 } id
                ? Assignees.FirstOrDefault(x => x.Value == id) ?? throw new DomainException("Chỉ giao cho người dùng của cơ quan chủ quản hoặc đơn vị vận hành hệ thống.")
                : null;
            t.Assign(a, chosen?.Value, chosen?.Text, now);
            if (chosen is not null && chosen.Value != a.UserId)
            {
                notifier.Add([chosen.Value], NotificationKind.TaskAssigned, $"Bạn được giao nhiệm vụ «{t.Title}», hạn {Display.Date(t.DueDate)}.", Link);
            }
        }, "Đã giao việc.", null, cancellationToken);

    private string Link => $"/Tasks/Details/{Id}";

    private async Task<IActionResult> StepAsync(
        string step, Action<RemediationTask, TaskActor, DateTime> apply, string success, Func<RemediationTask, CancellationToken, Task>? notify, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: true, cancellationToken))
        {
            return NotFound();
        }

        if (!Actor.IsReviewer && !Actor.IsAgencyOfficer)
        {
            return Forbid();
        }

        if (Remediation.ConcurrencyStamp != ConcurrencyStamp)
        {
            TempData.Error("Nhiệm vụ vừa được người khác cập nhật; thao tác chưa được thực hiện. Hãy xem lại rồi thực hiện lại.");
            return RedirectToPage(new { id = Id });
        }

        try
        {
            apply(Remediation, Actor, clock.GetUtcNow().UtcDateTime);
            if (notify is not null)
            {
                await notify(Remediation, cancellationToken);
            }

            db.Entry(Remediation).Property(t => t.ConcurrencyStamp).OriginalValue = ConcurrencyStamp;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(tracked: false, cancellationToken);
            FailedStep = step;
            ModelState.AddModelError(string.Empty, ex.Message);
            ModelState.Remove(nameof(ConcurrencyStamp));
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData.Error("Nhiệm vụ vừa được người khác cập nhật; thao tác chưa được thực hiện. Hãy xem lại rồi thực hiện lại.");
            return RedirectToPage(new { id = Id });
        }

        logger.LogInformation("Task {TaskId}: {Step}, now {Status}", Id, step, Remediation.Status);
        TempData.Success(success);
        return RedirectToPage(new { id = Id });
    }

    private async Task<bool> LoadAsync(bool tracked, CancellationToken cancellationToken)
    {
        var query = db.RemediationTasks.VisibleTo(db, User).Include(t => t.Entries).Include(t => t.Attachments).AsSplitQuery();
        var task = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(t => t.Id == Id, cancellationToken);
        // The system is tracked with its components on a step: resolving a warning's task records versions in the registry.
        var systems = db.InformationSystems.Include(s => s.Components);
        var system = task is null ? null : await (tracked ? systems : systems.AsNoTracking()).FirstOrDefaultAsync(s => s.Id == task.SystemId, cancellationToken);
        if (task is null || system is null)
        {
            return false;
        }

        Warning = task.Source == TaskSource.VulnerabilityWarning && task.SourceId is { } warningId
            ? await db.VulnerabilityWarnings.AsNoTracking().FirstOrDefaultAsync(w => w.Id == warningId, cancellationToken)
            : null;

        Remediation = task;
        System = system;
        Actor = User.TaskActorFor(system);
        Today = VietnamTime.Today(clock);
        Assignees = await TaskPeople.AssigneesAsync(db, system, cancellationToken);
        if (!tracked)
        {
            ConcurrencyStamp = task.ConcurrencyStamp;
        }

        return true;
    }
}
