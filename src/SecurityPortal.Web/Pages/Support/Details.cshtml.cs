using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Support;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Files;
using SecurityPortal.Web.Notifications;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Pages.Support;

/// <summary>
/// One support request: what was asked, its response-time target, the thread with its files, and the steps. The provincial
/// unit accepts, assigns, starts and resolves it, and may turn it into an incident or remediation tasks in one step (the link
/// is kept both ways); the requesting agency closes it or reopens it. Both sides post messages with files. Every step checks
/// the request's concurrency stamp; a refused step shows the page again with what was typed.
/// </summary>
[UploadLimit]
public sealed class DetailsModel(
    PortalDbContext db, FileStore files, Notifier notifier, SupportOptions options, RemediationOptions remediation, TimeProvider clock,
    ILogger<DetailsModel> logger) : PageModel
{
    private const string Stale = "Yêu cầu vừa được người khác cập nhật; thao tác chưa được thực hiện. Hãy xem lại rồi thực hiện lại.";

    public sealed record LinkedTask(Guid Id, string Title, string SystemName, RemediationStatus Status);

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public Guid ConcurrencyStamp { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? AssigneeId { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public IncidentKind Kind { get; set; } = IncidentKind.Other;

    [BindProperty]
    public bool Serious { get; set; }

    [BindProperty]
    public List<Guid> SystemIds { get; set; } = [];

    [BindProperty]
    public TaskSeverity Severity { get; set; } = TaskSeverity.High;

    public SupportRequest Item { get; private set; } = null!;
    public string AgencyName { get; private set; } = string.Empty;
    public string? SystemName { get; private set; }
    public string? IncidentTitle { get; private set; }
    public IReadOnlyList<LinkedTask> Tasks { get; private set; } = [];
    public List<SelectListItem> Reviewers { get; private set; } = [];
    public List<SelectListItem> AgencySystems { get; private set; } = [];
    public SupportActor Actor { get; private set; } = null!;
    public DateTime NowUtc { get; private set; }
    public TimeSpan Target => options.TargetFor(Item.Urgency);
    public long MaxBytes => files.MaxBytes;

    /// <summary>The step whose form was refused: its form shows what was typed.</summary>
    public string? Failed { get; private set; }

    public string? TypedFor(string step) => Failed == step ? Text : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(tracked: false, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetFileAsync(Guid attachmentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: false, cancellationToken)
            || Item.Attachments.FirstOrDefault(a => a.Id == attachmentId) is not { } attachment
            || files.OpenRead(attachment.File.Sha256) is not { } stream)
        {
            return NotFound();
        }

        return File(stream, attachment.File.ContentType, attachment.File.FileName);
    }

    /// <summary>A message of either side, with a file or not. Messages only add to the thread, so two at once do not conflict.</summary>
    public async Task<IActionResult> OnPostMessageAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: true, cancellationToken))
        {
            return NotFound();
        }

        if (!Actor.IsProvince && !Actor.IsRequester)
        {
            return Forbid();
        }

        SupportMessage message;
        try
        {
            message = Item.Post(Actor, Text, Upload is not null, NowUtc);
        }
        catch (DomainException ex)
        {
            return await FailAsync("Message", ex.Message, cancellationToken);
        }

        if (Upload is not null)
        {
            var upload = await files.AcceptAsync(Upload, cancellationToken);
            if (upload.File is not { } file)
            {
                return await FailAsync("Message", upload.Error!, cancellationToken);
            }

            Item.Attach(message, file.PostedName, file.Stored.ContentType, file.Stored.Length, file.Stored.Sha256, Actor.UserId, NowUtc);
        }

        await NotifyOtherSideAsync($"Trao đổi mới trên yêu cầu hỗ trợ «{Item.Title}» từ {Actor.Name}.", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Support request {RequestId}: message by {UserId}", Item.Id, Actor.UserId);
        TempData.Success("Đã gửi trao đổi.");
        return RedirectToPage(new { id = Id });
    }

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken cancellationToken) => StepAsync("Accept", province: true, async r =>
    {
        var (assigneeId, assigneeName) = PickedReviewer();
        r.Accept(Actor, assigneeId, assigneeName, Text, NowUtc);
        await NotifyRequesterAsync($"Yêu cầu hỗ trợ «{r.Title}» đã được tiếp nhận; người xử lý: {r.AssigneeName}.", cancellationToken);
        NotifyAssignee();
        return "Đã tiếp nhận yêu cầu hỗ trợ.";
    }, cancellationToken);

    public Task<IActionResult> OnPostAssignAsync(CancellationToken cancellationToken) => StepAsync("Assign", province: true, r =>
    {
        var (assigneeId, assigneeName) = PickedReviewer();
        r.Assign(Actor, assigneeId ?? throw new DomainException("Hãy chọn cán bộ xử lý."), assigneeName!, NowUtc);
        NotifyAssignee();
        return Task.FromResult("Đã giao xử lý yêu cầu.");
    }, cancellationToken);

    public Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken) => StepAsync("Start", province: true, async r =>
    {
        r.Start(Actor, NowUtc);
        await NotifyRequesterAsync($"Yêu cầu hỗ trợ «{r.Title}» đang được xử lý.", cancellationToken);
        return "Đã chuyển yêu cầu sang «Đang xử lý».";
    }, cancellationToken);

    public Task<IActionResult> OnPostResolveAsync(CancellationToken cancellationToken) => StepAsync("Resolve", province: true, async r =>
    {
        r.Resolve(Actor, Text, NowUtc);
        await NotifyRequesterAsync($"Yêu cầu hỗ trợ «{r.Title}» đã được giải quyết: hãy kiểm tra rồi đóng yêu cầu, hoặc mở lại nếu vấn đề còn.", cancellationToken);
        return "Đã báo yêu cầu đã được giải quyết; đơn vị sẽ xác nhận để đóng.";
    }, cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken cancellationToken) => StepAsync("Close", province: false, async r =>
    {
        r.Close(Actor, Text, NowUtc);
        await NotifyProvinceAsync($"Đơn vị đã đóng yêu cầu hỗ trợ «{r.Title}».", cancellationToken);
        return "Đã đóng yêu cầu hỗ trợ.";
    }, cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(CancellationToken cancellationToken) => StepAsync("Reopen", province: false, async r =>
    {
        r.Reopen(Actor, Text, options.TargetFor(r.Urgency), NowUtc);
        await NotifyProvinceAsync($"Đơn vị đã mở lại yêu cầu hỗ trợ «{r.Title}»; hạn mới {VietnamTime.Format(r.DueAtUtc)}.", cancellationToken);
        return "Đã mở lại yêu cầu; đơn vị chuyên trách đã được thông báo.";
    }, cancellationToken);

    /// <summary>Turns the request into an incident of the agency (the same record and notification as «Báo cáo sự cố»), linked both ways.</summary>
    public Task<IActionResult> OnPostIncidentAsync(CancellationToken cancellationToken) => StepAsync("Incident", province: true, async r =>
    {
        var systemIds = ChosenSystems();
        var incident = new Incident(r.AgencyId, Kind, BoundedText.Clip(r.Title, Incident.TitleMaxLength), r.Description, r.RequestedAtUtc, Serious, null,
            systemIds, Actor.UserId, NowUtc);
        r.LinkIncident(Actor, incident.Id, incident.Title, NowUtc);
        db.Incidents.Add(incident);
        var link = $"/Incidents/Details/{incident.Id}";
        await notifier.ReviewersAsync(NotificationKind.Incident, $"Sự cố {(incident.Serious ? "nghiêm trọng " : "")}được báo cáo: {incident.Title}.", link, Actor.UserId, cancellationToken);
        notifier.Add((await notifier.OfficersByAgencyAsync([r.AgencyId], cancellationToken))[r.AgencyId], NotificationKind.Incident,
            $"Yêu cầu hỗ trợ «{r.Title}» đã được chuyển thành sự cố.", link);
        return "Đã chuyển yêu cầu thành sự cố; hai bản ghi được liên kết với nhau.";
    }, cancellationToken);

    /// <summary>Turns the request into one remediation task per chosen system (source «Yêu cầu hỗ trợ», pointing back here).</summary>
    public Task<IActionResult> OnPostTasksAsync(CancellationToken cancellationToken) => StepAsync("Tasks", province: true, async r =>
    {
        var systemIds = ChosenSystems();
        var taken = await db.RemediationTasks.AsNoTracking().Where(t => t.Source == TaskSource.SupportRequest && t.SourceId == r.Id && systemIds.Contains(t.SystemId))
            .AnyAsync(cancellationToken);
        if (taken)
        {
            throw new DomainException("Đã có nhiệm vụ khắc phục từ yêu cầu này cho hệ thống được chọn.");
        }

        var systems = await db.InformationSystems.AsNoTracking().Where(s => systemIds.Contains(s.Id)).ToListAsync(cancellationToken);
        var due = RemediationTask.DefaultDueDate(Severity, VietnamTime.Today(clock), remediation.DueDays);
        var title = BoundedText.Clip($"Hỗ trợ: {r.Title}", RemediationTask.TitleMaxLength);
        var tasks = systems.Select(s => new RemediationTask(s.Id, title, r.Description, TaskSource.SupportRequest, r.Id, null, null, Severity, due,
            Actor.UserId, NowUtc, Actor.Name)).ToList();
        r.RecordTasks(Actor, [.. systems.Select(s => s.Name)], NowUtc);
        db.RemediationTasks.AddRange(tasks);
        await notifier.AgencyOfficersAsync(systems, NotificationKind.TaskAssigned, s => $"Nhiệm vụ khắc phục mới cho «{s.Name}»: {title}.",
            $"/Support/Details/{r.Id}", Actor.UserId, cancellationToken);
        return $"Đã tạo {tasks.Count} nhiệm vụ khắc phục, hạn {Display.Date(due)}.";
    }, cancellationToken);

    private List<Guid> ChosenSystems()
    {
        var chosen = SystemIds.Count > 0 ? SystemIds : Item.SystemId is { } own ? [own] : [];
        if (chosen.Count == 0)
        {
            throw new DomainException("Hãy chọn ít nhất một hệ thống của đơn vị.");
        }

        if (chosen.Any(id => AgencySystems.All(s => Guid.Parse(s.Value) != id)))
        {
            throw new DomainException("Chỉ chọn hệ thống của đơn vị gửi yêu cầu.");
        }

        return [.. chosen.Distinct()];
    }

    private (string? Id, string? Name) PickedReviewer()
    {
        if (string.IsNullOrEmpty(AssigneeId))
        {
            return (null, null);
        }

        var picked = Reviewers.FirstOrDefault(r => r.Value == AssigneeId) ?? throw new DomainException("Chỉ giao cho cán bộ của đơn vị chuyên trách.");
        return (picked.Value, picked.Text);
    }

    private void NotifyAssignee()
    {
        if (Item.AssigneeId is { } assignee && assignee != Actor.UserId)
        {
            notifier.Add([assignee], NotificationKind.Support, $"Bạn được giao xử lý yêu cầu hỗ trợ «{Item.Title}», hạn {VietnamTime.Format(Item.DueAtUtc)}.", Link);
        }
    }

    private async Task NotifyRequesterAsync(string text, CancellationToken cancellationToken) =>
        notifier.Add((await notifier.OfficersByAgencyAsync([Item.AgencyId], cancellationToken))[Item.AgencyId].Where(id => id != Actor.UserId), NotificationKind.Support, text, Link);

    /// <summary>The assignee, or every reviewer while nobody is assigned.</summary>
    private async Task NotifyProvinceAsync(string text, CancellationToken cancellationToken)
    {
        if (Item.AssigneeId is { } assignee)
        {
            notifier.Add([assignee], NotificationKind.Support, text, Link);
        }
        else
        {
            await notifier.ReviewersAsync(NotificationKind.Support, text, Link, Actor.UserId, cancellationToken);
        }
    }

    private Task NotifyOtherSideAsync(string text, CancellationToken cancellationToken) =>
        Actor.IsProvince ? NotifyRequesterAsync(text, cancellationToken) : NotifyProvinceAsync(text, cancellationToken);

    private string Link => $"/Support/Details/{Item.Id}";

    private async Task<IActionResult> StepAsync(string step, bool province, Func<SupportRequest, Task<string>> apply, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: true, cancellationToken))
        {
            return NotFound();
        }

        if (province ? !Actor.IsProvince : !Actor.IsRequester)
        {
            return Forbid();
        }

        if (Item.ConcurrencyStamp != ConcurrencyStamp)
        {
            return await FailAsync(step, Stale, cancellationToken);
        }

        string success;
        try
        {
            success = await apply(Item);
            db.Entry(Item).Property(r => r.ConcurrencyStamp).OriginalValue = ConcurrencyStamp;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            return await FailAsync(step, ex.Message, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await FailAsync(step, Stale, cancellationToken);
        }

        logger.LogInformation("Support request {RequestId} is {State} after {Step}", Item.Id, Item.State, step);
        TempData.Success(success);
        return RedirectToPage(new { id = Id });
    }

    /// <summary>Shows the page again as it now stands, with the message and what was typed in the refused form.</summary>
    private async Task<IActionResult> FailAsync(string step, string message, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync(tracked: false, cancellationToken))
        {
            return NotFound();
        }

        Failed = step;
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }

    private async Task<bool> LoadAsync(bool tracked, CancellationToken cancellationToken)
    {
        var query = db.SupportRequests.VisibleTo(User).Include(r => r.Messages).Include(r => r.Attachments).AsSplitQuery();
        var item = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(r => r.Id == Id, cancellationToken);
        if (item is null)
        {
            return false;
        }

        Item = item;
        NowUtc = clock.GetUtcNow().UtcDateTime;
        Actor = User.SupportActorFor(item);
        if (!tracked)
        {
            ConcurrencyStamp = item.ConcurrencyStamp;
            ModelState.Remove(nameof(ConcurrencyStamp));
        }

        AgencyName = await db.Agencies.AsNoTracking().Where(a => a.Id == item.AgencyId).Select(a => a.Name).FirstAsync(cancellationToken);
        SystemName = item.SystemId is { } systemId
            ? await db.InformationSystems.AsNoTracking().Where(s => s.Id == systemId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        IncidentTitle = item.IncidentId is { } incidentId
            ? await db.Incidents.AsNoTracking().Where(i => i.Id == incidentId).Select(i => i.Title).FirstOrDefaultAsync(cancellationToken)
            : null;
        Tasks = await (from t in db.RemediationTasks.AsNoTracking()
                       join s in db.InformationSystems on t.SystemId equals s.Id
                       where t.Source == TaskSource.SupportRequest && t.SourceId == item.Id
                       orderby t.CreatedAtUtc
                       select new LinkedTask(t.Id, t.Title, s.Name, t.Status)).ToListAsync(cancellationToken);
        if (Actor.IsProvince)
        {
            var reviewerIds = await notifier.ReviewerIdsAsync(cancellationToken);
            Reviewers = await db.Users.AsNoTracking().Where(u => reviewerIds.Contains(u.Id)).OrderBy(u => u.FullName)
                .Select(u => new SelectListItem(u.FullName, u.Id, u.Id == item.AssigneeId)).ToListAsync(cancellationToken);
            AgencySystems = [.. (await db.InformationSystems.AsNoTracking()
                    .Where(s => (s.OwnerAgencyId == item.AgencyId || s.OperatorAgencyId == item.AgencyId) && s.Lifecycle != LifecycleStatus.Decommissioned)
                    .OrderBy(s => s.Name).Take(1000)
                    .Select(s => new { s.Id, s.Name, s.Code }).ToListAsync(cancellationToken))
                .Select(s => new SelectListItem($"{s.Name} ({s.Code})", s.Id.ToString(), s.Id == item.SystemId))];
        }

        return true;
    }
}
