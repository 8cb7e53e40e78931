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

/// <summary>One answer as its form posts it (with its item's id when several are posted at once).</summary>
public sealed class AnswerInput
{
    public Guid ItemId { get; set; }
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
/// A self-assessment on one page: score and progress per group, then every requirement with its answer. With script an
/// answer is saved as soon as it changes (one item per request, checked against that item's own stamp, JSON answer);
/// without it one «Lưu tất cả» saves every changed item. Evidence, bulk actions (last year's answers, a whole group not
/// applicable) and the reviewer's verdict are POST handlers that re-check scope and role.
/// </summary>
public sealed class DetailsModel(PortalDbContext db, FileStore files, Notifier notifier, TimeProvider clock, PortalMessages messages, ILogger<DetailsModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public AnswerInput Item { get; set; } = new();

    /// <summary>Every item's answer as «Lưu tất cả» posts them.</summary>
    [BindProperty]
    public List<AnswerInput> Answers { get; set; } = [];

    /// <summary>The group of a bulk action («Không áp dụng» for a whole group).</summary>
    [BindProperty]
    public string? GroupCode { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public Guid ConcurrencyStamp { get; set; }

    /// <summary>Items whose answer was not saved: each shows what was typed, with the reason.</summary>
    public Dictionary<Guid, (AnswerInput Typed, string Message)> Unsaved { get; } = [];

    /// <summary>What the top of the page says when answers were not saved.</summary>
    public string? UnsavedSummary { get; private set; }

    /// <summary>The last accepted assessment of the system, when this one does not carry its answers yet.</summary>
    public (Guid Id, int Cycle)? Previous { get; private set; }

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

    /// <summary>
    /// Saves one answer, checked against that item's own version: another person's answer is never overwritten. The page's
    /// script asks for JSON (saved: the new stamp; 409: someone else's answer and its stamp; 422: why it was refused);
    /// a plain form post is answered with the page.
    /// </summary>
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

        var refusal = Apply(item, Item);
        if (refusal is null)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                item = await db.AssessmentItems.AsNoTracking().FirstAsync(i => i.Id == itemId, cancellationToken);
                refusal = Stale(item);
            }
        }

        if (WantsJson)
        {
            return refusal is null
                ? new JsonResult(new { saved = true, stamp = item.ConcurrencyStamp, answer = item.Answer.ToString(), message = messages.Translate("Đã lưu") })
                : new JsonResult(new
                {
                    saved = false,
                    stale = refusal.Value.Stale,
                    message = messages.Translate(refusal.Value.Message),
                    stamp = item.ConcurrencyStamp,
                    current = refusal.Value.Stale ? Current(item) : null,
                }) { StatusCode = refusal.Value.Stale ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity };
        }

        if (refusal is { } refused)
        {
            return await ShowUnsavedAsync([(itemId, Item, refused.Message)], cancellationToken);
        }

        TempData.Success($"Đã lưu {item.RequirementCode}.");
        return Redirect($"{Url.Page("./Details", new { id = Id })}#item-{itemId}");
    }

    /// <summary>
    /// «Lưu tất cả», the page without script: every item whose posted answer differs from the stored one is saved in one
    /// request. Items refused (a rule, or someone else's newer answer) keep what was typed, each with its reason; the
    /// rest are saved.
    /// </summary>
    public async Task<IActionResult> OnPostSaveAllAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: true, cancellationToken))
        {
            return NotFound();
        }

        if (!CanAnswer)
        {
            return Forbid();
        }

        var byId = Assessment.Items.ToDictionary(i => i.Id);
        var refused = new List<(Guid, AnswerInput, string)>();
        var saved = 0;
        foreach (var row in Answers.Where(r => byId.ContainsKey(r.ItemId)).DistinctBy(r => r.ItemId))
        {
            var item = byId[row.ItemId];
            if (Untouched(row) || Same(item, row))
            {
                continue;
            }

            if (Apply(item, row) is { } refusal)
            {
                refused.Add((row.ItemId, row, refusal.Message));
            }
            else
            {
                saved++;
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved one of these items between reading and writing: nothing of this request was written.
            return await ShowUnsavedAsync(
                [.. Answers.Where(r => byId.ContainsKey(r.ItemId) && !Untouched(r)).Select(r => (r.ItemId, r, "Câu trả lời vừa được người khác cập nhật cùng lúc; chưa lưu. Hãy bấm «Lưu tất cả» lại."))],
                cancellationToken);
        }

        if (refused.Count > 0)
        {
            UnsavedSummary = saved > 0
                ? $"Đã lưu {saved} câu trả lời; {refused.Count} câu trả lời chưa lưu được — xem lý do ở từng yêu cầu."
                : $"{refused.Count} câu trả lời chưa lưu được — xem lý do ở từng yêu cầu.";
            return await ShowUnsavedAsync(refused, cancellationToken);
        }

        TempData.Success(saved > 0 ? $"Đã lưu {saved} câu trả lời." : "Không có câu trả lời nào thay đổi.");
        return Redirect(Url.Page("./Details", new { id = Id })!);
    }

    /// <summary>Confirms in one step the answers proposed from last year on the items still unanswered.</summary>
    public async Task<IActionResult> OnPostConfirmCarriedAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> refused = [];
        var confirmed = 0;
        return await StepAsync(answering: true, a => (confirmed, refused) = a.ConfirmCarriedAnswers(Today, UserId, clock.GetUtcNow().UtcDateTime),
            () => refused.Count == 0
                ? $"Đã xác nhận {confirmed} câu trả lời năm trước."
                : $"Đã xác nhận {confirmed} câu trả lời năm trước; {refused.Count} yêu cầu cần trả lời lại (ví dụ {refused[0]}).",
            cancellationToken);
    }

    /// <summary>Brings last year's accepted answers onto an assessment started without them, as proposals to confirm.</summary>
    public async Task<IActionResult> OnPostCopyPreviousAsync(CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.VisibleTo(db, User).AsNoTracking().FirstOrDefaultAsync(a => a.Id == Id, cancellationToken);
        var previous = assessment is null ? null : await PreviousAcceptedQuery(assessment).Include(a => a.Items).Include(a => a.Evidence).AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
        if (assessment is null || previous is null)
        {
            return await StepAsync(answering: true, _ => throw new DomainException("Hệ thống chưa có bản tự đánh giá nào được chấp nhận trước năm này."), string.Empty, cancellationToken);
        }

        var catalogs = await db.CatalogVersions.AsNoTracking().Include(v => v.Requirements).ThenInclude(r => r.Levels).AsSplitQuery()
            .Where(v => v.Id == assessment.CatalogVersionId || v.Id == previous.CatalogVersionId).ToListAsync(cancellationToken);
        var proposed = 0;
        return await StepAsync(answering: true,
            a => proposed = a.ProposeFrom(previous, catalogs.Single(v => v.Id == previous.CatalogVersionId), catalogs.Single(v => v.Id == a.CatalogVersionId)),
            () => $"Đã lấy câu trả lời năm {previous.Cycle} cho {proposed} yêu cầu chưa trả lời; hãy xem lại rồi xác nhận.", cancellationToken);
    }

    /// <summary>Marks every requirement of one group «Không áp dụng» with one reason.</summary>
    public Task<IActionResult> OnPostNotApplicableGroupAsync(CancellationToken cancellationToken) =>
        StepAsync(answering: true, a => a.MarkGroupNotApplicable(GroupCode ?? string.Empty, Note, Today, UserId, clock.GetUtcNow().UtcDateTime),
            $"Đã đánh dấu cả nhóm {GroupCode} «Không áp dụng».", cancellationToken, anchorId: $"group-{GroupCode}");

    public Task<IActionResult> OnPostRemoveEvidenceAsync(Guid evidenceId, CancellationToken cancellationToken) =>
        StepAsync(answering: true, a => a.RemoveEvidence(evidenceId), "Đã gỡ tệp minh chứng.", cancellationToken);

    /// <summary>The system's approved level differs from the assessment's: requirements are added or removed, answers kept.</summary>
    public async Task<IActionResult> OnPostRescopeAsync(CancellationToken cancellationToken)
    {
        var catalog = await db.CatalogVersions.AsNoTracking().Include(v => v.Requirements).ThenInclude(r => r.Levels).AsSplitQuery()
            .FirstOrDefaultAsync(v => v.Id == db.Assessments.Where(a => a.Id == Id).Select(a => a.CatalogVersionId).FirstOrDefault(), cancellationToken);
        var added = 0;
        var removed = 0;
        return await StepAsync(answering: true, a =>
        {
            if (catalog is null || System.ApprovedLevel is not { } level)
            {
                throw new DomainException("Hệ thống chưa có cấp độ được phê duyệt để điều chỉnh.");
            }

            (added, removed) = a.Rescope(catalog, level, levelIsApproved: true);
        }, () => added + removed > 0
            ? $"Đã điều chỉnh theo cấp độ được phê duyệt. Thêm {added}, bỏ {removed} yêu cầu; các câu trả lời còn áp dụng được giữ nguyên."
            : "Đã điều chỉnh theo cấp độ được phê duyệt.", cancellationToken);
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
        return await StepAsync(answering: false, a =>
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
        }, () => created > 0
            ? $"Đã chấp nhận bản tự đánh giá; bản này đã được khóa. Đã tạo {created} nhiệm vụ khắc phục cho các yêu cầu chưa đáp ứng hoặc đáp ứng một phần."
            : "Đã chấp nhận bản tự đánh giá; bản này đã được khóa.", cancellationToken,
            notify: ct => notifier.AgencyOfficersAsync(System, NotificationKind.Assessment, $"Bản tự đánh giá năm {Assessment.Cycle} của «{System.Name}» đã được chấp nhận.", Link, UserId, ct));
    }

    private string Link => $"/Assessments/Details/{Id}";

    private Task<IActionResult> StepAsync(
        bool answering, Action<Assessment> apply, string success, CancellationToken cancellationToken, Guid? anchor = null, Func<CancellationToken, Task>? notify = null,
        string? anchorId = null) =>
        StepAsync(answering, apply, () => success, cancellationToken, anchor, notify, anchorId);

    /// <summary>One workflow step on the assessment; the success message is written once the step is saved (it may count what the step did).</summary>
    private async Task<IActionResult> StepAsync(
        bool answering, Action<Assessment> apply, Func<string> success, CancellationToken cancellationToken, Guid? anchor = null, Func<CancellationToken, Task>? notify = null,
        string? anchorId = null)
    {
        anchorId = anchor is { } item ? $"item-{item}" : anchorId;
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
            return Redirect(anchorId is not null ? $"{target}#{anchorId}" : target!);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData.Error("Bản tự đánh giá vừa được người khác thay đổi; thao tác chưa được thực hiện. Hãy xem lại rồi thực hiện lại.");
            return Redirect(target!);
        }

        logger.LogInformation("Assessment {AssessmentId} is now {State}", Assessment.Id, Assessment.State);
        TempData.Success(success());
        return Redirect(anchorId is not null ? $"{target}#{anchorId}" : target!);
    }

    private bool WantsJson => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Applies one posted answer to its tracked item; the refusal (a rule, or a newer answer by someone else) when it cannot.</summary>
    private (string Message, bool Stale)? Apply(AssessmentItem item, AnswerInput input)
    {
        if (Same(item, input))
        {
            // Already so (a repeated save whose first answer was lost on the way back): nothing to write, nothing to refuse.
            return null;
        }

        if (item.ConcurrencyStamp != input.Stamp)
        {
            return Stale(item);
        }

        try
        {
            Assessment.AnswerItem(item.Id, input.Answer, input.Justification, input.EvidenceNote, input.PlannedDate, input.Responsible, Today, UserId, clock.GetUtcNow().UtcDateTime);
            db.Entry(item).Property(i => i.ConcurrencyStamp).OriginalValue = input.Stamp;
            return null;
        }
        catch (DomainException ex)
        {
            return (ex.Message, false);
        }
    }

    private static (string Message, bool Stale) Stale(AssessmentItem item) =>
        ($"{item.RequirementCode}: câu trả lời vừa được người khác cập nhật (hiện là «{item.Answer.Vietnamese()}»). Câu trả lời của bạn vẫn giữ nguyên ở đây; lưu lại nếu vẫn muốn thay bằng nó.", true);

    private static object Current(AssessmentItem item) => new
    {
        answer = item.Answer.ToString(),
        item.EvidenceNote,
        item.Justification,
        plannedDate = item.PlannedDate?.ToString("yyyy-MM-dd", global::System.Globalization.CultureInfo.InvariantCulture),
        item.Responsible,
    };

    /// <summary>A row of «Lưu tất cả» the officer did not touch: no answer chosen and nothing typed.</summary>
    private static bool Untouched(AnswerInput row) =>
        row.Answer == Answer.Unanswered && Text(row.EvidenceNote) is null && Text(row.Justification) is null && Text(row.Responsible) is null && row.PlannedDate is null;

    /// <summary>The posted answer is what is stored, as the domain would store it (fields that do not apply to the answer are dropped).</summary>
    private static bool Same(AssessmentItem item, AnswerInput input)
    {
        var unmet = input.Answer is Answer.NotMet or Answer.PartiallyMet;
        return item.Answer == input.Answer
            && Text(item.EvidenceNote) == Text(input.EvidenceNote)
            && Text(item.Justification) == (input.Answer == Answer.NotApplicable ? Text(input.Justification) : null)
            && item.PlannedDate == (unmet ? input.PlannedDate : null)
            && Text(item.Responsible) == (unmet ? Text(input.Responsible) : null);
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ReplaceLineEndings("\n");

    /// <summary>The page again, with what was typed into the items that were not saved and the reason beside each.</summary>
    private async Task<IActionResult> ShowUnsavedAsync(IEnumerable<(Guid ItemId, AnswerInput Typed, string Message)> unsaved, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(tracked: false, cancellationToken);
        foreach (var (itemId, typed, message) in unsaved)
        {
            Unsaved[itemId] = (typed, message);
        }

        // What was typed is shown from Unsaved; the stamps shown are the stored ones, so saving again replaces a newer answer knowingly.
        ModelState.Clear();
        UnsavedSummary ??= $"{Unsaved.Count} câu trả lời chưa lưu được — xem lý do ở từng yêu cầu.";
        return Page();
    }

    private IQueryable<Assessment> PreviousAcceptedQuery(Assessment assessment) =>
        db.Assessments.AsNoTracking()
            .Where(p => p.SystemId == assessment.SystemId && p.State == AssessmentState.Accepted && p.Cycle < assessment.Cycle && p.Id != assessment.CarriedFromId)
            .OrderByDescending(p => p.Cycle);

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
        if (CanAnswer)
        {
            Previous = await PreviousAcceptedQuery(assessment).Select(p => new { p.Id, p.Cycle }).FirstOrDefaultAsync(cancellationToken) is { } previous
                ? (previous.Id, previous.Cycle)
                : null;
        }

        ConcurrencyStamp = assessment.ConcurrencyStamp;
        ModelState.Remove(nameof(ConcurrencyStamp));
        return true;
    }
}
