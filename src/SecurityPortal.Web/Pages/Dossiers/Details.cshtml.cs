using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
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
    public AppraisalConclusion Conclusion { get; set; }
}

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

    /// <summary>The request (Mẫu 01/02) or the draft decision (Mẫu 06) as Word, filled from the dossier.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(string? form, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: false, cancellationToken) || form is not ("request" or "decision"))
        {
            return NotFound();
        }

        var agencies = await db.Agencies.AsNoTracking()
            .Where(a => a.Id == System.OwnerAgencyId || a.Id == System.OperatorAgencyId)
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var owner = agencies.GetValueOrDefault(System.OwnerAgencyId);
        var operating = agencies.GetValueOrDefault(System.OperatorAgencyId);
        var data = new DossierDocumentData(
            Dossier, System.Name, System.Code, owner?.Name ?? string.Empty, owner?.Address, operating?.Name ?? string.Empty, operating?.Address,
            portal.ProvinceName, portal.ReviewingBodyName, Today);
        return form == "request"
            ? File(DossierDocuments.Request(data), DossierDocuments.ContentType, DossierDocuments.FileName(data, Dossier.Route.RequestForm))
            : File(DossierDocuments.DraftDecision(data), DossierDocuments.ContentType, DossierDocuments.FileName(data, "Mẫu 06"));
    }

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken) => StepAsync(
        "submit", ctx => ctx.Dossier.Submit(ctx.Actor, ctx.Calendar, ctx.Today, ctx.Now),
        (ctx, ct) => notifier.ReviewersAsync(NotificationKind.Dossier, $"Hồ sơ đề xuất cấp độ của «{ctx.System.Name}» vừa được gửi thẩm định.", Link, ctx.Actor.UserId, ct),
        "Đã gửi hồ sơ. Đơn vị chuyên trách kiểm tra tính đầy đủ trong 5 ngày làm việc.", cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(CancellationToken cancellationToken) => StepAsync(
        "return", ctx => ctx.Dossier.ReturnIncomplete(ctx.Actor, Act.Reason, ctx.Now),
        (ctx, ct) => notifier.AgencyOfficersAsync(ctx.System, NotificationKind.Dossier, $"Hồ sơ cấp độ của «{ctx.System.Name}» bị trả lại vì chưa đầy đủ: {Act.Reason}", Link, ctx.Actor.UserId, ct),
        "Đã trả lại hồ sơ cho đơn vị.", cancellationToken);

    public Task<IActionResult> OnPostExpertOpinionAsync(CancellationToken cancellationToken) => StepAsync(
        "expert", ctx => ctx.Dossier.RecordExpertOpinion(ctx.Actor, Act.Number, Act.Date, Act.Text, ctx.Today, ctx.Now),
        null, "Đã ghi nhận ý kiến chuyên môn.", cancellationToken);

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken cancellationToken) => StepAsync(
        "accept", ctx => ctx.Dossier.Accept(ctx.Actor, ctx.Calendar, ctx.Today, ctx.Now),
        (ctx, ct) => notifier.AgencyOfficersAsync(ctx.System, NotificationKind.Dossier, $"Hồ sơ cấp độ của «{ctx.System.Name}» đã được tiếp nhận và đang thẩm định.", Link, ctx.Actor.UserId, ct),
        "Đã tiếp nhận hồ sơ; thời hạn thẩm định bắt đầu tính.", cancellationToken);

    public Task<IActionResult> OnPostAppraiseAsync(CancellationToken cancellationToken) => StepAsync(
        "appraise", ctx => ctx.Dossier.RecordAppraisal(ctx.Actor, Act.Conclusion, Act.Text, Act.Number, Act.Date, Act.Body, ctx.Calendar, ctx.Today, ctx.Now),
        async (ctx, ct) =>
        {
            var text = ctx.Dossier.State == DossierState.NeedsRevision
                ? $"Hồ sơ cấp độ của «{ctx.System.Name}» được thẩm định «chưa phù hợp»: cần chỉnh sửa và gửi lại."
                : $"Hồ sơ cấp độ của «{ctx.System.Name}» đã được thẩm định «phù hợp», chờ phê duyệt.";
            await notifier.AgencyOfficersAsync(ctx.System, NotificationKind.Dossier, text, Link, ctx.Actor.UserId, ct);
            if (ctx.Dossier.State == DossierState.AwaitingApproval)
            {
                await notifier.ReviewersAsync(NotificationKind.Dossier, text, Link, ctx.Actor.UserId, ct);
            }
        },
        "Đã ghi nhận kết quả thẩm định.", cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken) => StepAsync(
        "approve", ctx => ctx.Dossier.Approve(ctx.Actor, ctx.System, Act.Number, Act.Date, Act.Signer, ctx.Today, ctx.Now),
        (ctx, ct) => notifier.AgencyOfficersAsync(ctx.System, NotificationKind.Dossier, $"«{ctx.System.Name}» đã được phê duyệt cấp độ {ctx.Dossier.ApprovedLevel}.", Link, ctx.Actor.UserId, ct),
        "Đã phê duyệt. Cấp độ của hệ thống đã được cập nhật.", cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(CancellationToken cancellationToken) => StepAsync(
        "reject", ctx => ctx.Dossier.Reject(ctx.Actor, Act.Reason, ctx.Now),
        (ctx, ct) => notifier.AgencyOfficersAsync(ctx.System, NotificationKind.Dossier, $"Hồ sơ cấp độ của «{ctx.System.Name}» không được phê duyệt: {Act.Reason}", Link, ctx.Actor.UserId, ct),
        "Đã ghi nhận không phê duyệt.", cancellationToken);

    public Task<IActionResult> OnPostRemoveAttachmentAsync(Guid attachmentId, CancellationToken cancellationToken) => StepAsync(
        "attachments", ctx => ctx.Dossier.RemoveAttachment(ctx.Actor, attachmentId), null, "Đã gỡ tệp đính kèm.", cancellationToken);

    /// <summary>
    /// The officer's answers, question by question, as the review screen shows them beside the engine's reasoning. Every
    /// text is a localizer key; an answer is one or more parts (the kinds of information), which the view translates
    /// one by one and joins.
    /// </summary>
    public static IEnumerable<(string Question, IReadOnlyList<string> Answer)> FactRows(ClassificationFacts f)
    {
        const string none = "(chưa trả lời)";
        static string[] One(string answer) => [answer];
        static string[] YesNo(bool? value) => [value is null ? none : value.Value ? "Có" : "Không"];
        static string Count(int? value) => value?.ToString("N0", CultureInfo.GetCultureInfo("vi-VN")) ?? "—";
        static string Number(int? value) => value is null ? none : Count(value);
        yield return (Fact.FunctionKind.Question(), One(f.FunctionKind?.Vietnamese() ?? none));
        yield return (Fact.InformationTypes.Question(), f.InformationTypes is { } types && types != InformationTypes.None ? [.. types.Names()] : One(f.InformationTypes?.Vietnamese() ?? none));
        if (f.InformationTypes?.HasFlag(InformationTypes.StateSecret) == true)
        {
            yield return (Fact.NationalSecurityHarm.Question(), One(f.NationalSecurityHarm?.Vietnamese() ?? none));
        }

        if (f.FunctionKind == SystemFunctionKind.IndustrialControl)
        {
            yield return (Fact.IndustrialControlClass.Question(), One(f.IndustrialControlClass?.Vietnamese() ?? none));
            yield return (Fact.ServesNationalSecurityWork.Question(), YesNo(f.ServesNationalSecurityWork));
        }

        yield return (Fact.OnlineServiceLevel.Question(), One(f.OnlineServiceLevel is 0 ? "Không có" : Number(f.OnlineServiceLevel)));
        yield return (Fact.ConditionalBusinessLine.Question(), YesNo(f.ConditionalBusinessLine));
        yield return (Fact.UserCount.Question(), One(Number(f.UserCount)));
        yield return ("Số chủ thể dữ liệu cá nhân cơ bản / nhạy cảm", f.BasicPersonalDataSubjects is null && f.SensitivePersonalDataSubjects is null
            ? One(none)
            : One($"{Count(f.BasicPersonalDataSubjects)} / {Count(f.SensitivePersonalDataSubjects)}"));
        yield return (Fact.HandlesAdministrativeProcedures.Question(), YesNo(f.HandlesAdministrativeProcedures));
        yield return (Fact.InfrastructureScope.Question(), One(f.InfrastructureScope?.Vietnamese() ?? none));
        yield return (Fact.Requires24x7.Question(), YesNo(f.Requires24x7));
        yield return (Fact.NationalEGovernmentSystem.Question(), YesNo(f.NationalEGovernmentSystem));
        yield return (Fact.CentralisedNationalData.Question(), YesNo(f.CentralisedNationalData));
        yield return (Fact.InternationalInfrastructureLink.Question(), YesNo(f.InternationalInfrastructureLink));
        yield return (Fact.DesignatedLevel.Question(), One(f.DesignatedLevel is 0 ? "Không" : Number(f.DesignatedLevel)));
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
        var query = db.LevelDossiers.VisibleTo(db, User).Include(d => d.Attachments).Include(d => d.Events).AsSplitQuery();
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
