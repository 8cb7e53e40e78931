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
using SecurityPortal.Web.Documents;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Files;
using SecurityPortal.Web.Notifications;
using SecurityPortal.Web.Reporting;

namespace SecurityPortal.Web.Pages.Directives;

/// <summary>
/// One directive: the letter, its actions and recipients; for the province the progress by kind of agency and every agency's
/// report, the Excel export, and the steps (attach the signed file, send, stop following); for an agency its own report.
/// </summary>
[UploadLimit]
public sealed class DetailsModel(PortalDbContext db, FileStore files, Notifier notifier, TimeProvider clock, ILogger<DetailsModel> logger) : PageModel
{
    public sealed record ReportLine(DirectiveReport Report, string Agency, Domain.Agencies.AgencyKind Kind);

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public Guid ConcurrencyStamp { get; set; }

    [BindProperty]
    [Display(Name = "Tệp văn bản đã ký")]
    public IFormFile? Upload { get; set; }

    public Directive Directive { get; private set; } = null!;
    public IReadOnlyList<string> RecipientNames { get; private set; } = [];
    public IReadOnlyList<ProgressRow> Progress { get; private set; } = [];
    public IReadOnlyList<ReportLine> Reports { get; private set; } = [];
    public DirectiveReport? Own { get; private set; }
    public bool IsManager { get; private set; }
    public bool SeesProgress { get; private set; }
    public DateOnly Today { get; private set; }
    public long MaxBytes => files.MaxBytes;

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetFileAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || Directive.SignedFile is not { } signed || files.OpenRead(signed.File.Sha256) is not { } stream)
        {
            return NotFound();
        }

        return File(stream, signed.File.ContentType, signed.File.FileName);
    }

    /// <summary>The progress by kind of agency and agency by agency, as Excel: the province's roles only.</summary>
    public async Task<IActionResult> OnGetExcelAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!SeesProgress)
        {
            return Forbid();
        }

        var reportIds = Reports.Select(r => r.Report.Id).ToList();
        var answers = (await db.DirectiveAnswers.AsNoTracking().Where(a => reportIds.Contains(a.ReportId)).ToListAsync(cancellationToken)).ToLookup(a => a.ReportId);
        var lines = Reports.Select(r =>
        {
            var mine = answers[r.Report.Id].ToList();
            return new DirectiveReportLine(r.Agency, r.Kind, r.Report.State, r.Report.Deadline, r.Report.FirstSubmittedAtUtc, r.Report.SubmittedAtUtc, mine.Count,
                mine.Count(a => a.Answer == ActionAnswer.Done), mine.Count(a => a.Answer == ActionAnswer.InProgress), mine.Count(a => a.Answer == ActionAnswer.NotApplicable),
                mine.Count(a => a.Review == AnswerReview.Accepted), mine.Count(a => a.Review == AnswerReview.Returned), r.Report.HeadConfirmation);
        }).ToList();
        var file = DirectiveProgressWorkbook.Write(Directive, Progress, lines, Today);
        return File(file, Spreadsheet.ContentType, "tien-do-van-ban-chi-dao.xlsx");
    }

    /// <summary>Attaches (or replaces) the signed file of a draft.</summary>
    public async Task<IActionResult> OnPostAttachAsync(CancellationToken cancellationToken)
    {
        if (await GuardAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        var upload = await files.AcceptAsync(Upload, cancellationToken);
        if (upload.File is not { } file)
        {
            TempData.Error(upload.Error!);
            return RedirectToPage("./Details", new { id = Id });
        }

        return await SaveAsync(d => d.AttachSignedFile(file.PostedName, file.Stored.ContentType, file.Stored.Length, file.Stored.Sha256, UserId,
            clock.GetUtcNow().UtcDateTime), "Đã đính kèm tệp văn bản đã ký.", cancellationToken);
    }

    /// <summary>Sends the directive: one report per recipient to which an action applies, and a notification to its officers.</summary>
    public async Task<IActionResult> OnPostSendAsync(CancellationToken cancellationToken)
    {
        if (await GuardAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        var recipientIds = Directive.Recipients.Select(r => r.AgencyId).ToList();
        var kinds = await db.Agencies.AsNoTracking().Where(a => a.IsActive && recipientIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Kind, cancellationToken);
        var levels = (await db.InformationSystems.AsNoTracking().Where(s => recipientIds.Contains(s.OwnerAgencyId) && s.ApprovedLevel != null)
                .Select(s => new { s.OwnerAgencyId, Level = s.ApprovedLevel!.Value }).ToListAsync(cancellationToken))
            .ToLookup(s => s.OwnerAgencyId, s => s.Level);
        var facts = kinds.ToDictionary(k => k.Key, k => new RecipientFacts(k.Value, levels[k.Key].ToHashSet()));
        var sent = 0;
        var left = 0;
        return await SaveAsync(async d =>
        {
            var (reports, nothing) = d.Send(facts, UserId, clock.GetUtcNow().UtcDateTime);
            db.DirectiveReports.AddRange(reports);
            var officers = await notifier.OfficersByAgencyAsync(reports.Select(r => r.AgencyId), cancellationToken);
            foreach (var report in reports)
            {
                notifier.Add(officers[report.AgencyId], NotificationKind.Directive,
                    $"Văn bản chỉ đạo số {d.Number} «{d.Subject}»: đơn vị cần báo cáo thực hiện trước ngày {Display.Date(report.Deadline)}.",
                    $"/Directives/Report/{report.Id}");
            }

            (sent, left) = (reports.Count, nothing.Count);
        }, () => left == 0
            ? $"Đã gửi văn bản đến {sent} cơ quan, đơn vị."
            : $"Đã gửi văn bản đến {sent} cơ quan, đơn vị; {left} cơ quan không có yêu cầu nào áp dụng nên không phải báo cáo.", cancellationToken);
    }

    /// <summary>Stops following the directive: agencies no longer have it to answer.</summary>
    public async Task<IActionResult> OnPostCloseAsync(CancellationToken cancellationToken)
    {
        if (await GuardAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        return await SaveAsync(d => d.Close(clock.GetUtcNow().UtcDateTime), "Đã kết thúc theo dõi văn bản.", cancellationToken);
    }

    private async Task<IActionResult?> GuardAsync(CancellationToken cancellationToken)
    {
        var directive = await db.Directives.VisibleTo(db, User).Include(d => d.Actions).Include(d => d.Recipients).Include(d => d.Files).AsSplitQuery()
            .FirstOrDefaultAsync(d => d.Id == Id, cancellationToken);
        if (directive is null)
        {
            return NotFound();
        }

        Directive = directive;
        return User.ManagesDirectives() ? null : Forbid();
    }

    private Task<IActionResult> SaveAsync(Action<Directive> step, string success, CancellationToken cancellationToken) =>
        SaveAsync(d =>
        {
            step(d);
            return Task.CompletedTask;
        }, () => success, cancellationToken);

    private async Task<IActionResult> SaveAsync(Func<Directive, Task> step, Func<string> success, CancellationToken cancellationToken)
    {
        if (Directive.ConcurrencyStamp != ConcurrencyStamp)
        {
            TempData.Error("Văn bản vừa được người khác thay đổi; thao tác chưa được thực hiện. Hãy xem lại rồi thực hiện lại.");
            return RedirectToPage("./Details", new { id = Id });
        }

        try
        {
            await step(Directive);
            db.Entry(Directive).Property(d => d.ConcurrencyStamp).OriginalValue = ConcurrencyStamp;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            TempData.Error(ex.Message);
            return RedirectToPage("./Details", new { id = Id });
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData.Error("Văn bản vừa được người khác thay đổi; thao tác chưa được thực hiện. Hãy xem lại rồi thực hiện lại.");
            return RedirectToPage("./Details", new { id = Id });
        }

        logger.LogInformation("Directive {DirectiveId} is now {State}", Directive.Id, Directive.State);
        TempData.Success(success());
        return RedirectToPage("./Details", new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var directive = await db.Directives.AsNoTracking().VisibleTo(db, User).Include(d => d.Actions).Include(d => d.Recipients).Include(d => d.Files).AsSplitQuery()
            .FirstOrDefaultAsync(d => d.Id == Id, cancellationToken);
        if (directive is null)
        {
            return false;
        }

        Directive = directive;
        Today = VietnamTime.Today(clock);
        IsManager = User.ManagesDirectives();
        SeesProgress = User.SeesAllAgencies();
        ConcurrencyStamp = directive.ConcurrencyStamp;
        ModelState.Remove(nameof(ConcurrencyStamp));
        if (SeesProgress)
        {
            var recipientIds = directive.Recipients.Select(r => r.AgencyId).ToList();
            RecipientNames = await db.Agencies.AsNoTracking().Where(a => recipientIds.Contains(a.Id)).OrderBy(a => a.Kind).ThenBy(a => a.Name)
                .Select(a => a.Name).ToListAsync(cancellationToken);
            Progress = await DirectiveFigures.ProgressAsync(db, directive.Id, Today, cancellationToken);
            Reports = (await (from r in db.DirectiveReports.AsNoTracking().VisibleTo(User)
                              join a in db.Agencies on r.AgencyId equals a.Id
                              where r.DirectiveId == directive.Id
                              orderby a.Kind, a.Name
                              select new { Report = r, a.Name, a.Kind }).ToListAsync(cancellationToken))
                .Select(x => new ReportLine(x.Report, x.Name, x.Kind)).ToList();
        }
        else
        {
            Own = await db.DirectiveReports.AsNoTracking().VisibleTo(User).FirstOrDefaultAsync(r => r.DirectiveId == directive.Id, cancellationToken);
        }

        return true;
    }
}
