using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
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

public sealed class TaskInput
{
    [Display(Name = "Tên nhiệm vụ")]
    public string? Title { get; set; }

    [Display(Name = "Mô tả")]
    public string? Description { get; set; }

    [Display(Name = "Mức độ")]
    public TaskSeverity Severity { get; set; } = TaskSeverity.Medium;

    [Display(Name = "Nguồn phát sinh")]
    public TaskSource Source { get; set; } = TaskSource.Other;

    [Display(Name = "Hạn xử lý")]
    public DateOnly? DueDate { get; set; }

    [Display(Name = "Giao cho")]
    public string? AssigneeId { get; set; }
}

/// <summary>A task for one system, by a reviewer or an officer of its agency; the due date may only be shorter than the severity's default.</summary>
public sealed class CreateModel(PortalDbContext db, RemediationOptions options, Notifier notifier, TimeProvider clock, ILogger<CreateModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid SystemId { get; set; }

    [BindProperty]
    public TaskInput Input { get; set; } = new();

    public InformationSystem System { get; private set; } = null!;
    public List<SelectListItem> Assignees { get; private set; } = [];
    public IReadOnlyDictionary<TaskSeverity, int> DueDays => options.DueDays;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        Input.DueDate = RemediationTask.DefaultDueDate(Input.Severity, VietnamTime.Today(clock), options.DueDays);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Input.AssigneeId is { Length: > 0 } assignee && Assignees.All(a => a.Value != assignee))
        {
            ModelState.AddModelError("Input.AssigneeId", "Chỉ giao cho người dùng của cơ quan chủ quản hoặc đơn vị vận hành hệ thống.");
        }

        if (Input.DueDate is null)
        {
            ModelState.AddModelError("Input.DueDate", "Hãy chọn hạn xử lý.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var today = VietnamTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            RemediationTask.CheckDueDate(Input.DueDate!.Value, Input.Severity, today, options.DueDays);
            var task = new RemediationTask(System.Id, Input.Title ?? string.Empty, Input.Description, Input.Source, null, null, null, Input.Severity,
                Input.DueDate.Value, User.FindFirstValue(ClaimTypes.NameIdentifier)!, now, User.DisplayName());
            var actor = User.TaskActorFor(System);
            if (Input.AssigneeId is { Length: > 0 } id)
            {
                task.Assign(actor, id, Assignees.First(a => a.Value == id).Text, now);
                notifier.Add([id], NotificationKind.TaskAssigned, $"Bạn được giao nhiệm vụ «{task.Title}», hạn {Display.Date(task.DueDate)}.", $"/Tasks/Details/{task.Id}");
            }
            else
            {
                await notifier.AgencyOfficersAsync(System, NotificationKind.TaskAssigned, $"Nhiệm vụ khắc phục mới cho «{System.Name}»: {task.Title}.", $"/Tasks/Details/{task.Id}", actor.UserId, cancellationToken);
            }

            db.RemediationTasks.Add(task);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Task {TaskId} created for system {SystemId}", task.Id, System.Id);
            TempData.Success("Đã tạo nhiệm vụ khắc phục.");
            return RedirectToPage("./Details", new { id = task.Id });
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var system = await db.InformationSystems.AsNoTracking().VisibleTo(User).FirstOrDefaultAsync(s => s.Id == SystemId, cancellationToken);
        if (system is null)
        {
            return NotFound();
        }

        System = system;
        var actor = User.TaskActorFor(system);
        if (!actor.IsReviewer && !actor.IsAgencyOfficer)
        {
            return Forbid();
        }

        Assignees = await TaskPeople.AssigneesAsync(db, system, cancellationToken);
        return null;
    }
}
