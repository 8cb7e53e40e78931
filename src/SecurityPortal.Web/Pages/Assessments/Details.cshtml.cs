using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Catalog;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Files;
using SecurityPortal.Web.Infrastructure.Identity;
using SecurityPortal.Web.Notifications;

namespace SecurityPortal.Web.Pages.Assessments;

/// <summary>One answer as its form posts it.</summary>
public sealed class AnswerInput
{
    public Answer Answer { get; set; }
    public string? Justification { get; set; }
    public string? EvidenceNote { get; set; }
    public DateOnly? PlannedDate { get; set; }
    public string? Responsible { get; set; }
    public Guid Stamp { get; set; }
    public ItemReview Review { get; set; }
    public string? Comment { get; set; }
}

/// <summary>
/// A self-assessment: score and progress per group, then every requirement with its answer form (each saved on its
/// own), evidence, and the reviewer's verdict. The workflow steps are POST handlers that re-check scope and role.
/// </summary>
public sealed class DetailsModel(PortalDbContext db, FileStore files, Notifier notifier, TimeProvider clock, ILogger<DetailsModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public AnswerInput Item { get; set; } = new();

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public Guid ConcurrencyStamp { get; set; }

    /// <summary>The item whose answer was refused: its form shows what was typed, with the message.</summary>
    public Guid? FailedItemId { get; private set; }

    public string? FailedMessage { get; private set; }

    public Assessment Assessment { get; private set; } = null!;
    public InformationSystem System { get; private set; } = null!;
    public IReadOnlyDictionary<Guid, CatalogRequirement> Requirements { get; private set; } = new Dictionary<Guid, CatalogRequirement>();
    public IReadOnlyList<CatalogGroup> Groups { get; private set; } = [];
    public AssessmentScore Score { get; private set; } = null!;
    public bool CanAnswer { get; private set; }
    public bool IsReviewer { get; private set; }
    public DateOnly Today { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(tracked: false, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetEvidenceAsync(Guid evidenceId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: false, cancellationToken)
            || Assessment.Evidence.FirstOrDefault(e => e.Id == evidenceId) is not { } evidence
            || files.OpenRead(evidence.File.Sha256) is not { } stream)
        {
            return NotFound();
        }

        return File(stream, evidence.File.ContentType, evidence.File.FileName);
    }

    /// <summary>Saves one answer, checked against that item's own version: another person's answer is never overwritten.</summary>
    public async Task<IActionResult> OnPostAnswerAsync(Guid itemId, CancellationToken cancellationToken)
    {
        // One answer needs the assessment and that item only, not the other items and the evidence.
        if (!await LoadAsync(tracked: true, cancellationToken, onlyItem: itemId))
        {
            return NotFound();
        }

        if (!CanAnswer)
        {
            return Forbid();
        }

        var item = Assessment.Items.FirstOrDefault(i => i.Id == itemId);
        if (item is null)
        {
            return NotFound();
        }

        if (item.ConcurrencyStamp != Item.Stamp)
        {
            return await RefuseItemAsync(itemId, $"{item.RequirementCode}: câu trả lời vừa được người khác cập nhật. Câu trả lời hiện tại đang hiển thị; hãy xem lại rồi lưu nếu vẫn muốn thay đổi.", keepTyped: false, cancellationToken);
        }

        try
        {
            Assessment.AnswerItem(itemId, Item.Answer, Item.Justification, Item.EvidenceNote, Item.PlannedDate, Item.Responsible, Today, UserId, clock.GetUtcNow().UtcDateTime);
            db.Entry(item).Property(i => i.ConcurrencyStamp).OriginalValue = Item.Stamp;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            return await RefuseItemAsync(itemId, ex.Message, keepTyped: true, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await RefuseItemAsync(itemId, $"{item.RequirementCode}: câu trả lời vừa được người khác cập nhật. Câu trả lời hiện tại đang hiển thị; hãy xem lại rồi lưu nếu vẫn muốn thay đổi.", keepTyped: false, cancellationToken);
        }

        TempData.Success($"Đã lưu {item.RequirementCode}.");
        return Redirect($"{Url.Page("./Details", new { id = Id })}#item-{itemId}");
    }

    public Task<IActionResult> OnPostRemoveEvidenceAsync(Guid evidenceId, CancellationToken cancellationToken) =>
        StepAsync(answering: true, a => a.RemoveEvidence(evidenceId), "Đã gỡ tệp minh chứng.", cancellationToken);

    /// <summary>The system's approved level differs from the assessment's: requirements are added or removed, answers kept.</summary>
    public async Task<IActionResult> OnPostRescopeAsync(CancellationToken cancellationToken)
    {
        var catalog = await db.CatalogVersions.AsNoTracking().Include(v => v.Requirements).ThenInclude(r => r.Levels).AsSplitQuery()
            .FirstOrDefaultAsync(v => v.Id == db.Assessments.Where(a => a.Id == Id).Select(a => a.CatalogVersionId).FirstOrDefault(), cancellationToken);
        var added = 0;
        var removed = 0;
        var result = await StepAsync(answering: true, a =>
        {
            if (catalog is null || System.ApprovedLevel is not { } level)
            {
                throw new DomainException("Hệ thống chưa có cấp độ được phê duyệt để điều chỉnh.");
            }

            (added, removed) = a.Rescope(catalog, level, levelIsApproved: true);
        }, "Đã điều chỉnh theo cấp độ được phê duyệt.", cancellationToken);
        if (added + removed > 0 && TempData.Peek(StatusMessage.Key) is string message && !message.StartsWith(StatusMessage.ErrorPrefix, StringComparison.Ordinal))
        {
            TempData.Success($"{message} Thêm {added}, bỏ {removed} yêu cầu; các câu trả lời còn áp dụng được giữ nguyên.");
        }

        return result;
    }

    /// <summary>True when the system now has an approved level that this assessment does not follow.</summary>
    public bool NeedsRescope => System.ApprovedLevel is { } approved && (approved != Assessment.Level || !Assessment.LevelIsApproved);

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken) =>
        StepAsync(answering: true, a => a.Submit(UserId, Note, clock.GetUtcNow().UtcDateTime), "Đã gửi bản tự đánh giá để đơn vị chuyên trách xem xét.", cancellationToken,
            notify: ct => notifier.ReviewersAsync(NotificationKind.Assessment, $"Bản tự đánh giá năm {Assessment.Cycle} của «{System.Name}» vừa được gửi xem xét.", Link, UserId, ct));

    public Task<IActionResult> OnPostStartReviewAsync(CancellationToken cancellationToken) =>
        StepAsync(answering: false, a => a.StartReview(UserId), "Đã bắt đầu xem xét.", cancellationToken);

    public Task<IActionResult> OnPostReviewItemAsync(Guid itemId, CancellationToken cancellationToken) =>
        StepAsync(answering: false, a => a.ReviewItem(UserId, itemId, Item.Review, Item.Comment), "Đã ghi nhận nhận xét.", cancellationToken, itemId);

    public Task<IActionResult> OnPostReturnAsync(CancellationToken cancellationToken) =>
        StepAsync(answering: false, a => a.Return(UserId, Note), "Đã trả lại bản tự đánh giá; đơn vị thấy các yêu cầu cần bổ sung.", cancellationToken,
            notify: ct => notifier.AgencyOfficersAsync(System, NotificationKind.Assessment, $"Bản tự đánh giá năm {Assessment.Cycle} của «{System.Name}» bị trả lại để bổ sung: {Note}", Link, UserId, ct));

    /// <summary>Accepts and locks; every unmet or partial item becomes a remediation task, or links to the open one for that requirement.</summary>
    public async Task<IActionResult> OnPostAcceptAsync(CancellationToken cancellationToken)
    {
        var created = 0;
        var result = await StepAsync(answering: false, a =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var gaps = a.Accept(UserId, now);
            var codes = gaps.Select(g => g.RequirementCode).ToList();
            var open = db.RemediationTasks.Where(t => t.SystemId == a.SystemId && t.RequirementCode != null && codes.Contains(t.RequirementCode)
                    && t.Status != RemediationStatus.Verified && t.Status != RemediationStatus.Cancelled)
                .Select(t => t.RequirementCode!).ToHashSet();
            foreach (var gap in gaps.Where(g => !open.Contains(g.RequirementCode)))
            {
                db.RemediationTasks.Add(new RemediationTask(
                    a.SystemId, BoundedText.Clip($"{gap.RequirementCode}: {gap.Title}", RemediationTask.TitleMaxLength),
                    BoundedText.Clip($"Tự đánh giá năm {a.Cycle}: {gap.Answer.Vietnamese()}. {gap.EvidenceNote}".Trim(), RemediationTask.TextMaxLength),
                    TaskSource.SelfAssessmentGap, a.Id, gap.Id, gap.RequirementCode,
                    gap.Answer == Answer.NotMet ? TaskSeverity.High : TaskSeverity.Medium,
                    gap.PlannedDate ?? Today.AddDays(90), UserId, now, User.DisplayName()));
                created++;
            }
        }, "Đã chấp nhận bản tự đánh giá; bản này đã được khóa.", cancellationToken,
            notify: ct => notifier.AgencyOfficersAsync(System, NotificationKind.Assessment, $"Bản tự đánh giá năm {Assessment.Cycle} của «{System.Name}» đã được chấp nhận.", Link, UserId, ct));
        if (created > 0 && TempData.Peek(StatusMessage.Key) is string message && !message.StartsWith(StatusMessage.ErrorPrefix, StringComparison.Ordinal))
        {
            TempData.Success($"{message} Đã tạo {created} nhiệm vụ khắc phục cho các yêu cầu chưa đáp ứng hoặc đáp ứng một phần.");
        }

        return result;
    }

    private string Link => $"/Assessments/Details/{Id}";

    private async Task<IActionResult> StepAsync(
        bool answering, Action<Assessment> apply, string success, CancellationToken cancellationToken, Guid? anchor = null, Func<CancellationToken, Task>? notify = null)
    {
        if (!await LoadAsync(tracked: true, cancellationToken))
        {
            return NotFound();
        }

        if (answering ? !CanAnswer : !IsReviewer)
        {
            return Forbid();
        }

        var target = Url.Page("./Details", new { id = Id });
        if (Assessment.ConcurrencyStamp != ConcurrencyStamp)
        {
            TempData.Error("Bản tự đánh giá vừa được người khác thay đổi; thao tác chưa được thực hiện. Hãy xem lại rồi thực hiện lại.");
            return Redirect(target!);
        }

        try
        {
            apply(Assessment);
            if (notify is not null)
            {
                await notify(cancellationToken);
            }

            db.Entry(Assessment).Property(a => a.ConcurrencyStamp).OriginalValue = ConcurrencyStamp;
            db.Entry(Assessment).State = db.Entry(Assessment).State == EntityState.Unchanged ? EntityState.Modified : db.Entry(Assessment).State;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (AssessmentIncompleteException ex)
        {
            TempData.Error(ex.Message);
            return Redirect($"{target}#item-{ex.ItemId}");
        }
        catch (DomainException ex)
        {
            TempData.Error(ex.Message);
            return Redirect(anchor is { } a ? $"{target}#item-{a}" : target!);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData.Error("Bản tự đánh giá vừa được người khác thay đổi; thao tác chưa được thực hiện. Hãy xem lại rồi thực hiện lại.");
            return Redirect(target!);
        }

        logger.LogInformation("Assessment {AssessmentId} is now {State}", Assessment.Id, Assessment.State);
        TempData.Success(success);
        return Redirect(anchor is { } id ? $"{target}#item-{id}" : target!);
    }

    private async Task<IActionResult> RefuseItemAsync(Guid itemId, string message, bool keepTyped, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(tracked: false, cancellationToken);
        FailedItemId = itemId;
        FailedMessage = message;
        if (!keepTyped)
        {
            ModelState.Clear();
            FailedItemId = null;
            TempData.Error(message);
            return Redirect($"{Url.Page("./Details", new { id = Id })}#item-{itemId}");
        }

        return Page();
    }

    private async Task<bool> LoadAsync(bool tracked, CancellationToken cancellationToken, Guid? onlyItem = null)
    {
        var query = onlyItem is { } single
            ? db.Assessments.VisibleTo(db, User).Include(a => a.Items.Where(i => i.Id == single))
            : db.Assessments.VisibleTo(db, User).Include(a => a.Items).Include(a => a.Evidence).AsSplitQuery();
        var assessment = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(a => a.Id == Id, cancellationToken);
        var system = assessment is null ? null : await db.InformationSystems.AsNoTracking().FirstOrDefaultAsync(s => s.Id == assessment.SystemId, cancellationToken);
        if (assessment is null || system is null)
        {
            return false;
        }

        Assessment = assessment;
        System = system;
        Today = VietnamTime.Today(clock);
        CanAnswer = User.CanEdit(system) && assessment.IsEditable;
        IsReviewer = User.ReviewsAssessments();
        if (tracked)
        {
            // A step or an answer only needs the aggregate; the catalog texts are read when a page is rendered.
            return true;
        }

        Requirements = await db.CatalogRequirements.AsNoTracking().Include(r => r.Levels)
            .Where(r => r.VersionId == assessment.CatalogVersionId)
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        Groups = await db.CatalogVersions.AsNoTracking().Where(v => v.Id == assessment.CatalogVersionId)
            .SelectMany(v => v.Groups).OrderBy(g => g.Order).ToListAsync(cancellationToken);
        Score = assessment.Score();
        ConcurrencyStamp = assessment.ConcurrencyStamp;
        ModelState.Remove(nameof(ConcurrencyStamp));
        return true;
    }
}
