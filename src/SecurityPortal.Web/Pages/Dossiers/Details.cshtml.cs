using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Calendar;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Calendar;
using SecurityPortal.Web.Documents;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Files;
using SecurityPortal.Web.Notifications;
using SecurityPortal.Web.Options;
using SecurityPortal.Web.Signatures;

namespace SecurityPortal.Web.Pages.Dossiers;

/// <summary>What a workflow form posts: one set of fields shared by the step forms, each using what it needs.</summary>
public sealed class StepInput
{
    public string? Reason { get; set; }
    public string? Number { get; set; }
    public DateOnly? Date { get; set; }
    public string? Signer { get; set; }
    public string? Body { get; set; }
    public string? Text { get; set; }
    /// <summary>Null until the reviewer picks a conclusion: none is chosen for them.</summary>
    public AppraisalConclusion? Conclusion { get; set; }
}

/// <summary>The reviewer's verdict on one section as posted: the radio (none checked: not judged) and the comment.</summary>
public sealed class SectionInput
{
    public ItemReview Verdict { get; set; }
    public string? Comment { get; set; }
}

/// <summary>What the page shows with one section: its verdicts, what changed since the return, and the reviewer's inputs.</summary>
public sealed record SectionReviewView(
    DossierSection Section,
    DossierSectionReview? Open,
    SectionChange? Change,
    DossierSectionReview? Returned,
    bool CanReview,
    bool BackWithOfficer,
    string? EditLink,
    SectionInput? Typed);

/// <summary>
/// A dossier: its answers beside the engine's reasoning, its checklist, documents and history, and the workflow
/// forms the current user may use. Every step is a POST that re-checks scope, role and version.
/// </summary>
public sealed class DetailsModel(
    PortalDbContext db, PortalCalendar calendar, Notifier notifier, FileStore files, PortalOptions portal, TimeProvider clock,
    ILogger<DetailsModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public StepInput Act { get; set; } = new();

    /// <summary>
    /// The reviewer's verdicts by section key (<see cref="DossierSections"/>), posted with the review form's every button. Named,
    /// so that a post without them binds nothing (an unnamed dictionary falls back to every field of the form).
    /// </summary>
    [BindProperty(Name = nameof(Sections))]
    public Dictionary<string, SectionInput> Sections { get; set; } = [];

    [BindProperty]
    public Guid ConcurrencyStamp { get; set; }

    /// <summary>The step form whose input was refused; it is shown again with what was typed.</summary>
    public string? FailedStep { get; private set; }

    public LevelDossier Dossier { get; private set; } = null!;
    public InformationSystem System { get; private set; } = null!;
    public string OwnerName { get; private set; } = string.Empty;
    public string OperatorName { get; private set; } = string.Empty;
    public LevelResult Result { get; private set; } = null!;
    public IReadOnlyList<string> Checklist { get; private set; } = [];
    public IReadOnlyList<LevelDossier> Earlier { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public DossierActor Actor { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public bool IsReviewer => Actor.IsReviewer && !IsOwnWork;
    public bool IsOwnWork => Actor.UserId == Dossier.CreatedById || Actor.UserId == Dossier.SubmittedById;
    public IReadOnlyList<AttachmentKind> AttachableKinds { get; private set; } = [];

    /// <summary>The dossier's reviewable sections as they stand.</summary>
    public IReadOnlyList<DossierSection> SectionList { get; private set; } = [];

    /// <summary>The open round's verdicts, shown to the reviewers only until the round ends.</summary>
    public IReadOnlyDictionary<string, DossierSectionReview> OpenReviews { get; private set; } = new Dictionary<string, DossierSectionReview>();

    /// <summary>Each section of the last returned version and whether it changed since; empty when never returned.</summary>
    public IReadOnlyList<(string Key, string Title, SectionChange Change, DossierSectionReview? Review)> Changes { get; private set; } = [];

    /// <summary>The reviewer may judge the sections now (checking completeness or appraising, not their own dossier).</summary>
    public bool CanReviewSections => IsReviewer && Dossier.State is DossierState.Submitted or DossierState.UnderAppraisal;

    /// <summary>The form of the draft decision offered for download: Mẫu 06, or Mẫu 07 for level 5.</summary>
    public string DecisionForm => DossierDocuments.DecisionForm(Dossier);

    /// <summary>The dossier is back with its officer after a return: the returned sections lead the page.</summary>
    public bool IsBackWithOfficer => Dossier.IsEditable && Changes.Count > 0;

    /// <summary>What the reviewer typed in the section forms, shown again when the step was refused.</summary>
    public bool ShowsTypedVerdicts => FailedStep is "review" or "return" or "accept" or "appraise";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: false, cancellationToken))
        {
            return NotFound();
        }

        ConcurrencyStamp = Dossier.ConcurrencyStamp;
        return Page();
    }

    public async Task<IActionResult> OnGetFileAsync(Guid attachmentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: false, cancellationToken)
            || Dossier.Attachments.FirstOrDefault(a => a.Id == attachmentId) is not { } attachment
            || files.OpenRead(attachment.File.Sha256) is not { } stream)
        {
            return NotFound();
        }

        return File(stream, attachment.File.ContentType, attachment.File.FileName);
    }

    /// <summary>
    /// The request (Mẫu 01/02) or the draft decision (Mẫu 06, or Mẫu 07 for level 5) as Word, filled
    /// from the dossier and the registry (names, addresses, heads' titles).
    /// </summary>
    public async Task<IActionResult> OnGetDocumentAsync(string? form, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: false, cancellationToken) || form is not ("request" or "decision"))
        {
            return NotFound();
        }

        var unitName = portal.ReviewingBodyName.Split(" (", 2)[0].Trim();
        var agencies = await db.Agencies.AsNoTracking()
            .Where(a => a.Id == System.OwnerAgencyId || a.Id == System.OperatorAgencyId || a.Name == unitName)
            .Select(a => new { a.Id, a.Name, a.Address, a.HeadTitle })
            .ToListAsync(cancellationToken);
        var owner = agencies.FirstOrDefault(a => a.Id == System.OwnerAgencyId);
        var operating = agencies.FirstOrDefault(a => a.Id == System.OperatorAgencyId);
        var unit = agencies.FirstOrDefault(a => a.Name == unitName);
        var data = new DossierDocumentData(
            Dossier, System.Name, System.Code, owner?.Name ?? string.Empty, owner?.Address, operating?.Name ?? string.Empty, operating?.Address,
            portal.ProvinceName, portal.ReviewingBodyName, Today, owner?.HeadTitle, unit?.HeadTitle);
        return form == "request"
            ? File(DossierDocuments.Request(data), DossierDocuments.ContentType, DossierDocuments.FileName(data, Dossier.Route.RequestForm))
            : File(DossierDocuments.DraftDecision(data), DossierDocuments.ContentType, DossierDocuments.FileName(data, DossierDocuments.DecisionForm(Dossier)));
    }

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken) => StepAsync(
        "submit", ctx => ctx.Dossier.Submit(ctx.Actor, ctx.Calendar, ctx.Today, ctx.Now),
        (ctx, ct) => notifier.ReviewersAsync(NotificationKind.Dossier, $"Hồ sơ đề xuất cấp độ của «{ctx.System.Name}» vừa được gửi thẩm định.", Link, ctx.Actor.UserId, ct),
        "Đã gửi hồ sơ. Đơn vị chuyên trách kiểm tra tính đầy đủ trong 5 ngày làm việc.", cancellationToken);

    /// <summary>Saves the reviewer's verdicts, section by section, without moving the dossier.</summary>
    public Task<IActionResult> OnPostReviewAsync(CancellationToken cancellationToken) => StepAsync(
        "review", ApplyVerdicts, null, "Đã lưu ý kiến từng mục.", cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(CancellationToken cancellationToken) => StepAsync(
        "return", ctx =>
        {
            ApplyVerdicts(ctx);
            ctx.Dossier.ReturnIncomplete(ctx.Actor, Act.Reason, ctx.Now);
        },
        (ctx, ct) => notifier.AgencyOfficersAsync(
            ctx.System, NotificationKind.Dossier,
            $"Hồ sơ cấp độ của «{ctx.System.Name}» bị trả lại: cần bổ sung {ctx.Dossier.ReturnedSections().Count} mục. {Act.Reason}".Trim(), Link, ctx.Actor.UserId, ct),
        "Đã trả lại hồ sơ cho đơn vị.", cancellationToken);

    public Task<IActionResult> OnPostExpertOpinionAsync(CancellationToken cancellationToken) => StepAsync(
        "expert", ctx => ctx.Dossier.RecordExpertOpinion(ctx.Actor, Act.Number, Act.Date, Act.Text, ctx.Today, ctx.Now),
        null, "Đã ghi nhận ý kiến chuyên môn.", cancellationToken);

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken cancellationToken) => StepAsync(
        "accept", ctx =>
        {
            ApplyVerdicts(ctx);
            ctx.Dossier.Accept(ctx.Actor, ctx.Calendar, ctx.Today, ctx.Now);
        },
        (ctx, ct) => notifier.AgencyOfficersAsync(ctx.System, NotificationKind.Dossier, $"Hồ sơ cấp độ của «{ctx.System.Name}» đã được tiếp nhận và đang thẩm định.", Link, ctx.Actor.UserId, ct),
        "Đã tiếp nhận hồ sơ; thời hạn thẩm định bắt đầu tính.", cancellationToken);

    public Task<IActionResult> OnPostAppraiseAsync(CancellationToken cancellationToken) => StepAsync(
        "appraise", ctx =>
        {
            ApplyVerdicts(ctx);
            if (Act.Conclusion is not { } conclusion)
            {
                throw new DomainException("Hãy chọn kết luận thẩm định: «Phù hợp» hoặc «Chưa phù hợp».");
            }

            ctx.Dossier.RecordAppraisal(ctx.Actor, conclusion, Act.Text, Act.Number, Act.Date, Act.Body, ctx.Calendar, ctx.Today, ctx.Now);
        },
        async (ctx, ct) =>
        {
            var text = ctx.Dossier.State == DossierState.NeedsRevision
                ? $"Hồ sơ cấp độ của «{ctx.System.Name}» được thẩm định «chưa phù hợp»: cần bổ sung {ctx.Dossier.ReturnedSections().Count} mục và gửi lại."
                : ctx.Dossier.Route.ProvinceRecordsDecision
                    ? $"Hồ sơ cấp độ của «{ctx.System.Name}» đã được thẩm định «phù hợp», chờ phê duyệt."
                    : $"Hồ sơ cấp độ của «{ctx.System.Name}» đã được thẩm định «phù hợp»: cơ quan chủ quản ban hành quyết định phê duyệt và tải lên cổng.";
            await notifier.AgencyOfficersAsync(ctx.System, NotificationKind.Dossier, text, Link, ctx.Actor.UserId, ct);
            if (ctx.Dossier.State == DossierState.AwaitingApproval)
            {
                await notifier.ReviewersAsync(NotificationKind.Dossier, text, Link, ctx.Actor.UserId, ct);
            }
        },
        "Đã ghi nhận kết quả thẩm định.", cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken) => StepAsync(
        "approve", ctx => ctx.Dossier.Approve(ctx.Actor, ctx.System, Act.Number, Act.Date, Act.Signer, ctx.Today, ctx.Now),
        async (ctx, ct) =>
        {
            var text = $"«{ctx.System.Name}» đã được phê duyệt cấp độ {ctx.Dossier.ApprovedLevel} (quyết định số {ctx.Dossier.DecisionNumber}).";
            await notifier.AgencyOfficersAsync(ctx.System, NotificationKind.Dossier, text, Link, ctx.Actor.UserId, ct);
            if (!ctx.Actor.IsReviewer)
            {
                // The owner's decision recorded by its officer: the provincial unit that appraised learns of it too.
                await notifier.ReviewersAsync(NotificationKind.Dossier, text, Link, ctx.Actor.UserId, ct);
            }
        },
        "Đã ghi nhận quyết định phê duyệt. Cấp độ của hệ thống đã được cập nhật theo quyết định.", cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(CancellationToken cancellationToken) => StepAsync(
        "reject", ctx => ctx.Dossier.Reject(ctx.Actor, Act.Reason, ctx.Now),
        (ctx, ct) => notifier.AgencyOfficersAsync(ctx.System, NotificationKind.Dossier, $"Hồ sơ cấp độ của «{ctx.System.Name}» không được phê duyệt: {Act.Reason}", Link, ctx.Actor.UserId, ct),
        "Đã ghi nhận không phê duyệt.", cancellationToken);

    /// <summary>Who may have the signatures verified again (after the trust anchors changed): those with a part in the workflow.</summary>
    public bool CanVerifySignatures => CanEdit || Actor.IsReviewer || Actor.IsOwnerOfficer;

    /// <summary>Whether the dossier has a PDF, whose signatures the page shows and may verify again.</summary>
    public bool HasPdf => Dossier.Attachments.Any(a => a.File.ContentType == SignatureCheck.PdfContentType);

    /// <summary>
    /// Verifies again the signatures of every PDF of the dossier against the trust anchors configured now. Allowed at every
    /// step, a closed dossier included (the approval decision is attached last): it changes no content, only the verdicts.
    /// </summary>
    public async Task<IActionResult> OnPostVerifySignaturesAsync([FromServices] SignatureCheck signatures, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: true, cancellationToken))
        {
            return NotFound();
        }

        if (!CanVerifySignatures)
        {
            return Forbid();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var checkedFiles = 0;
        foreach (var attachment in Dossier.Attachments)
        {
            if (await signatures.CheckAsync(attachment.File, cancellationToken) is { } report)
            {
                attachment.RecordSignatureCheck(report, now);
                checkedFiles++;
            }
        }

        if (checkedFiles == 0)
        {
            TempData.Error("Hồ sơ không có tệp PDF nào để kiểm tra chữ ký số.");
            return RedirectToPage(new { id = Id });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData.Error("Hồ sơ vừa được người khác thay đổi; thao tác chưa được thực hiện. Hãy xem lại rồi thực hiện lại.");
            return RedirectToPage(new { id = Id });
        }

        logger.LogInformation("Dossier {DossierId}: signatures of {Count} PDF files verified again by {UserId}", Dossier.Id, checkedFiles, Actor.UserId);
        TempData.Success($"Đã kiểm tra lại chữ ký số của {checkedFiles} tệp PDF.");
        return RedirectToPage(new { id = Id });
    }

    public Task<IActionResult> OnPostRemoveAttachmentAsync(Guid attachmentId, CancellationToken cancellationToken) => StepAsync(
        "attachments", ctx => ctx.Dossier.RemoveAttachment(ctx.Actor, attachmentId), null, "Đã gỡ tệp đính kèm.", cancellationToken);

    /// <summary>The section's verdicts and the reviewer's inputs, as the page shows them under the section.</summary>
    public SectionReviewView ReviewOf(DossierSection section)
    {
        var since = Changes.FirstOrDefault(c => c.Key == section.Key);
        return new SectionReviewView(
            section,
            OpenReviews.GetValueOrDefault(section.Key),
            since.Key is null ? null : since.Change,
            since.Review,
            CanReviewSections,
            IsBackWithOfficer,
            CanEdit ? EditLink(section) : null,
            ShowsTypedVerdicts ? Sections.GetValueOrDefault(section.Key) ?? new SectionInput() : null);
    }

    /// <summary>Where the officer changes a section: the wizard's step (and field), or the upload page for a kind of document.</summary>
    public string? EditLink(DossierSection section) => section.Group switch
    {
        SectionGroup.Documents => Url.Page("./Attach", new { id = Id, kind = section.Kind }),
        SectionGroup.Content => Url.Page("./Wizard", null, new { id = Id, step = 5 }, null, null, $"content-{section.Key[(section.Key.IndexOf(':', StringComparison.Ordinal) + 1)..]}"),
        _ => Url.Page("./Wizard", new { id = Id, step = section.WizardStep }),
    };

    /// <summary>Applies the posted verdicts (if the form had any) before the step itself; a value the form never offers is refused.</summary>
    private void ApplyVerdicts(StepContext ctx)
    {
        if (Sections.Count == 0)
        {
            return;
        }

        if (ModelState.Where(e => e.Key.StartsWith($"{nameof(Sections)}[", StringComparison.Ordinal)).Any(e => e.Value?.ValidationState == ModelValidationState.Invalid))
        {
            throw new DomainException("Có ý kiến từng mục không hợp lệ: với mỗi mục, chọn «Đạt» hoặc «Cần bổ sung».");
        }

        ctx.Dossier.ReviewSections(ctx.Actor, Sections.Select(s => new SectionVerdict(s.Key, s.Value?.Verdict ?? ItemReview.None, s.Value?.Comment)).ToList(), ctx.Now);
    }

    private string Link => Url.Page("/Dossiers/Details", new { id = Id }) ?? $"/Dossiers/Details/{Id}";

    private sealed record StepContext(LevelDossier Dossier, InformationSystem System, DossierActor Actor, WorkingDays Calendar, DateOnly Today, DateTime Now);

    private async Task<IActionResult> StepAsync(
        string step, Action<StepContext> apply, Func<StepContext, CancellationToken, Task>? notify, string success, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: true, cancellationToken))
        {
            return NotFound();
        }

        // Leadership and auditors read; only people with a part in the workflow act.
        if (!CanEdit && !Actor.IsReviewer && !Actor.IsOwnerOfficer)
        {
            return Forbid();
        }

        if (Dossier.ConcurrencyStamp != ConcurrencyStamp)
        {
            TempData.Error("Hồ sơ vừa được người khác thay đổi; thao tác chưa được thực hiện. Hãy xem lại rồi thực hiện lại.");
            return RedirectToPage(new { id = Id });
        }

        var context = new StepContext(Dossier, System, Actor, await calendar.LoadAsync(cancellationToken), Today, clock.GetUtcNow().UtcDateTime);
        try
        {
            apply(context);
            if (notify is not null)
            {
                await notify(context, cancellationToken);
            }

            db.Entry(Dossier).Property(d => d.ConcurrencyStamp).OriginalValue = ConcurrencyStamp;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(tracked: false, cancellationToken);
            FailedStep = step;
            ModelState.AddModelError(string.Empty, ex.Message);
            ConcurrencyStamp = Dossier.ConcurrencyStamp;
            ModelState.Remove(nameof(ConcurrencyStamp));
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData.Error("Hồ sơ vừa được người khác thay đổi; thao tác chưa được thực hiện. Hãy xem lại rồi thực hiện lại.");
            return RedirectToPage(new { id = Id });
        }

        logger.LogInformation("Dossier {DossierId}: {Step} by {UserId}, now {State}", Dossier.Id, step, Actor.UserId, Dossier.State);
        TempData.Success(success);
        return RedirectToPage(new { id = Id });
    }

    private async Task<bool> LoadAsync(bool tracked, CancellationToken cancellationToken)
    {
        var query = db.LevelDossiers.VisibleTo(db, User).Include(d => d.Attachments).Include(d => d.Events).Include(d => d.Reviews).AsSplitQuery();
        var dossier = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(d => d.Id == Id, cancellationToken);
        var systems = tracked ? db.InformationSystems : db.InformationSystems.AsNoTracking();
        var system = dossier is null ? null : await systems.FirstOrDefaultAsync(s => s.Id == dossier.SystemId, cancellationToken);
        if (dossier is null || system is null)
        {
            return false;
        }

        Dossier = dossier;
        System = system;
        Today = VietnamTime.Today(clock);
        Actor = User.ActorFor(system);
        CanEdit = User.CanEdit(system);
        Result = dossier.Evaluate();
        Checklist = dossier.IsEditable ? dossier.Checklist() : [];
        SectionList = DossierSections.Of(dossier);
        OpenReviews = Actor.IsReviewer ? dossier.CurrentReviews() : new Dictionary<string, DossierSectionReview>();
        Changes = dossier.ChangesSinceReturn();
        AttachableKinds = CanEdit || Actor.IsReviewer || Actor.IsOwnerOfficer
            ? Enum.GetValues<AttachmentKind>().Where(k => dossier.MayAttach(Actor, k)).ToList()
            : [];
        var names = await db.Agencies.AsNoTracking()
            .Where(a => a.Id == system.OwnerAgencyId || a.Id == system.OperatorAgencyId)
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        OwnerName = names.GetValueOrDefault(system.OwnerAgencyId, string.Empty);
        OperatorName = names.GetValueOrDefault(system.OperatorAgencyId, string.Empty);
        Earlier = await db.LevelDossiers.AsNoTracking()
            .Where(d => d.SystemId == system.Id && d.Id != dossier.Id)
            .OrderByDescending(d => d.CreatedAtUtc)
            .ToListAsync(cancellationToken);
        return true;
    }
}
