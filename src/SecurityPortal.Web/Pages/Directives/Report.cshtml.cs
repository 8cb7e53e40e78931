using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Directives;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Files;
using SecurityPortal.Web.Notifications;

namespace SecurityPortal.Web.Pages.Directives;

/// <summary>One answer as its form posts it.</summary>
public sealed class DirectiveAnswerInput
{
    public ActionAnswer Answer { get; set; }

    [Display(Name = "Lý do không áp dụng")]
    public string? Reason { get; set; }

    [Display(Name = "Ghi chú")]
    public string? Note { get; set; }

    public Guid Stamp { get; set; }

    /// <summary>The reviewer's verdict: true accepts, false returns.</summary>
    public bool Accept { get; set; }

    [Display(Name = "Nhận xét")]
    public string? Comment { get; set; }
}

/// <summary>
/// One agency's report on a directive. Its officers answer each action (with an evidence file in the same form), then send
/// the report with the head's confirmation; the reviewer accepts or returns each answer. Another agency's report is "not
/// found". Each answer is checked against its own stamp, so a newer answer by a colleague is never overwritten silently;
/// a refused answer keeps what was typed with the reason.
/// </summary>
[UploadLimit]
public sealed class ReportModel(PortalDbContext db, FileStore files, Notifier notifier, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public DirectiveAnswerInput Input { get; set; } = new();

    [BindProperty]
    [Display(Name = "Tệp minh chứng")]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    [Display(Name = "Thủ trưởng đơn vị xác nhận (họ tên, chức vụ)")]
    public string? HeadConfirmation { get; set; }

    [BindProperty]
    public Guid ConcurrencyStamp { get; set; }

    public DirectiveReport Report { get; private set; } = null!;
    public Directive Directive { get; private set; } = null!;
    public string AgencyName { get; private set; } = string.Empty;
    public bool CanAnswer { get; private set; }
    public bool CanReview { get; private set; }
    public long MaxBytes => files.MaxBytes;

    /// <summary>The answer whose form was refused: what was typed there, and why.</summary>
    public (Guid AnswerId, DirectiveAnswerInput Typed, string Message)? Refused { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    private string Link => $"/Directives/Report/{Id}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(tracked: false, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetEvidenceAsync(Guid evidenceId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: false, cancellationToken)
            || Report.Evidence.FirstOrDefault(e => e.Id == evidenceId) is not { } evidence
            || files.OpenRead(evidence.File.Sha256) is not { } stream)
        {
            return NotFound();
        }

        return File(stream, evidence.File.ContentType, evidence.File.FileName);
    }

    /// <summary>
    /// Why a step on one answer cannot go on: the report is not this user's to see (404), the step not theirs (403), the
    /// answer not in it (404), or the form was made from an older version (the page again, with the newer one); null to go on.
    /// </summary>
    private async Task<IActionResult?> RefusalForAsync(Guid answerId, Func<bool> allowed, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: true, cancellationToken))
        {
            return NotFound();
        }

        if (!allowed())
        {
            return Forbid();
        }

        var answer = Report.Answers.FirstOrDefault(a => a.Id == answerId);
        if (answer is null)
        {
            return NotFound();
        }

        return answer.ConcurrencyStamp != Input.Stamp ? await RefuseAsync(answerId, Stale(answer), cancellationToken) : null;
    }

    /// <summary>Saves one answer, and its evidence file when one is chosen.</summary>
    public async Task<IActionResult> OnPostAnswerAsync(Guid answerId, CancellationToken cancellationToken)
    {
        if (await RefusalForAsync(answerId, () => CanAnswer, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var answer = Report.Answers.Single(a => a.Id == answerId);

        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            Report.Answer(answerId, Input.Answer, Input.Reason, Input.Note, UserId, now);
            if (Upload is not null)
            {
                var upload = await files.AcceptAsync(Upload, cancellationToken);
                if (upload.File is not { } file)
                {
                    return await RefuseAsync(answerId, upload.Error!, cancellationToken);
                }

                Report.AddEvidence(answerId, file.PostedName, file.Stored.ContentType, file.Stored.Length, file.Stored.Sha256, UserId, now);
            }

            db.Entry(answer).Property(a => a.ConcurrencyStamp).OriginalValue = Input.Stamp;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            return await RefuseAsync(answerId, ex.Message, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.DirectiveAnswers.AsNoTracking().FirstAsync(a => a.Id == answerId, cancellationToken);
            return await RefuseAsync(answerId, Stale(current), cancellationToken);
        }

        TempData.Success($"Đã lưu trả lời yêu cầu {answer.Order}.");
        return Redirect($"{Url.Page("./Report", new { id = Id })}#answer-{answerId}");
    }

    /// <summary>Sends the report to the province with the head's confirmation.</summary>
    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: true, cancellationToken))
        {
            return NotFound();
        }

        if (!CanAnswer)
        {
            return Forbid();
        }

        return await StepAsync(async () =>
        {
            Report.Submit(UserId, HeadConfirmation, clock.GetUtcNow().UtcDateTime);
            await notifier.ReviewersAsync(NotificationKind.Directive,
                $"{AgencyName} đã gửi báo cáo thực hiện văn bản số {Directive.Number}.", Link, UserId, cancellationToken);
        }, "Đã gửi báo cáo thực hiện đến đơn vị chuyên trách.", cancellationToken);
    }

    /// <summary>The reviewer accepts or returns one answer (a return needs a comment); the agency hears when the report is settled.</summary>
    public async Task<IActionResult> OnPostReviewAsync(Guid answerId, CancellationToken cancellationToken)
    {
        if (await RefusalForAsync(answerId, () => CanReview, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var answer = Report.Answers.Single(a => a.Id == answerId);

        try
        {
            var settled = Report.Review(answerId, Input.Accept, Input.Comment, UserId, clock.GetUtcNow().UtcDateTime);
            if (settled)
            {
                var officers = await notifier.OfficersByAgencyAsync([Report.AgencyId], cancellationToken);
                notifier.Add(officers[Report.AgencyId], NotificationKind.Directive, Report.State == ReportState.Completed
                    ? $"Báo cáo thực hiện văn bản số {Directive.Number} đã được chấp nhận."
                    : $"Báo cáo thực hiện văn bản số {Directive.Number} bị trả lại: hãy bổ sung các yêu cầu được đánh dấu.", Link);
            }

            db.Entry(answer).Property(a => a.ConcurrencyStamp).OriginalValue = Input.Stamp;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            return await RefuseAsync(answerId, ex.Message, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.DirectiveAnswers.AsNoTracking().FirstAsync(a => a.Id == answerId, cancellationToken);
            return await RefuseAsync(answerId, Stale(current), cancellationToken);
        }

        TempData.Success(Input.Accept ? $"Đã chấp nhận yêu cầu {answer.Order}." : $"Đã trả lại yêu cầu {answer.Order} để đơn vị bổ sung.");
        return Redirect($"{Url.Page("./Report", new { id = Id })}#answer-{answerId}");
    }

    private async Task<IActionResult> StepAsync(Func<Task> step, string success, CancellationToken cancellationToken)
    {
        var target = Url.Page("./Report", new { id = Id })!;
        if (Report.ConcurrencyStamp != ConcurrencyStamp)
        {
            TempData.Error("Báo cáo vừa được người khác thay đổi; thao tác chưa được thực hiện. Hãy xem lại rồi thực hiện lại.");
            return Redirect(target);
        }

        try
        {
            await step();
            db.Entry(Report).Property(r => r.ConcurrencyStamp).OriginalValue = ConcurrencyStamp;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            return await RefuseAsync(null, ex.Message, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData.Error("Báo cáo vừa được người khác thay đổi; thao tác chưa được thực hiện. Hãy xem lại rồi thực hiện lại.");
            return Redirect(target);
        }

        TempData.Success(success);
        return Redirect(target);
    }

    private static string Stale(DirectiveAnswer answer) =>
        $"Yêu cầu {answer.Order}: vừa được người khác cập nhật (hiện là «{answer.Answer.Vietnamese()}», «{answer.Review.Vietnamese()}»). Nội dung bạn nhập vẫn giữ ở đây; hãy xem lại rồi lưu lại.";

    /// <summary>The page again, with what was typed and the reason; nothing of the request was saved.</summary>
    private async Task<IActionResult> RefuseAsync(Guid? answerId, string message, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(tracked: false, cancellationToken);
        ModelState.Clear();
        if (answerId is { } id)
        {
            Refused = (id, Input, message);
        }

        ModelState.AddModelError(string.Empty, message);
        return Page();
    }

    private async Task<bool> LoadAsync(bool tracked, CancellationToken cancellationToken)
    {
        var query = db.DirectiveReports.VisibleTo(User).Include(r => r.Answers).Include(r => r.Evidence).AsSplitQuery();
        var report = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(r => r.Id == Id, cancellationToken);
        var directive = report is null ? null
            : await db.Directives.AsNoTracking().Include(d => d.Actions).Include(d => d.Files).AsSplitQuery().FirstOrDefaultAsync(d => d.Id == report.DirectiveId, cancellationToken);
        if (report is null || directive is null)
        {
            return false;
        }

        Report = report;
        Directive = directive;
        AgencyName = await db.Agencies.AsNoTracking().Where(a => a.Id == report.AgencyId).Select(a => a.Name).FirstAsync(cancellationToken);
        CanAnswer = User.AnswersFor(report) && directive.State == DirectiveState.Sent && report.IsEditable;
        CanReview = User.ManagesDirectives() && directive.State == DirectiveState.Sent && report.State == ReportState.Submitted;
        if (!tracked)
        {
            ConcurrencyStamp = report.ConcurrencyStamp;
            ModelState.Remove(nameof(ConcurrencyStamp));
        }

        return true;
    }
}
