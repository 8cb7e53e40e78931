using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Directives;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Files;

namespace SecurityPortal.Web.Pages.Directives;

/// <summary>Who receives the directive: as the letter's «Kính gửi» (every department and commune committee), or a picked list.</summary>
public enum RecipientChoice
{
    DepartmentsAndCommunes,
    Picked,
}

public sealed class ActionInput
{
    public string? Text { get; set; }
    public DateOnly? Deadline { get; set; }
    public string? EvidenceExpected { get; set; }
    public List<AgencyKind> Kinds { get; set; } = [];
    public List<int> Levels { get; set; } = [];

    public bool IsBlank => string.IsNullOrWhiteSpace(Text) && Deadline is null && string.IsNullOrWhiteSpace(EvidenceExpected);
}

public sealed class DirectiveInput
{
    [Display(Name = "Số hiệu văn bản")]
    public string? Number { get; set; }

    [Display(Name = "Ngày ban hành")]
    public DateOnly? IssuedOn { get; set; }

    [Display(Name = "Cơ quan ban hành")]
    public string? Issuer { get; set; }

    [Display(Name = "Trích yếu")]
    public string? Subject { get; set; }

    [Display(Name = "Nơi nhận (Kính gửi)")]
    public RecipientChoice Recipients { get; set; }

    public List<Guid> AgencyIds { get; set; } = [];

    public List<ActionInput> Actions { get; set; } = [];
}

/// <summary>
/// A reviewer records a directive as a draft: number, date, issuer, subject, the signed file (checked and stored like every
/// upload), the actions it requires and its recipients. It is sent from its page. Bad input is explained and kept.
/// </summary>
[UploadLimit]
public sealed class CreateModel(PortalDbContext db, FileStore files, TimeProvider clock) : PageModel
{
    public const int ActionRows = 6;

    /// <summary>The kinds of agency the letter is addressed to when «Kính gửi» is every department and commune committee.</summary>
    public static readonly AgencyKind[] LetterKinds = [AgencyKind.Department, AgencyKind.CommuneCommittee];

    [BindProperty]
    public DirectiveInput Input { get; set; } = new();

    [BindProperty]
    [Display(Name = "Tệp văn bản đã ký")]
    public IFormFile? Upload { get; set; }

    public List<SelectListItem> Agencies { get; private set; } = [];
    public long MaxMegabytes => files.MaxBytes / 1024 / 1024;
    public long MaxBytes => files.MaxBytes;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!User.ManagesDirectives())
        {
            return Forbid();
        }

        Input.IssuedOn = VietnamTime.Today(clock);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.ManagesDirectives())
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(cancellationToken);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = VietnamTime.Today(clock);
        Directive directive;
        try
        {
            directive = new Directive(Input.Number, Input.IssuedOn ?? default, Input.Issuer, Input.Subject, User.FindFirstValue(ClaimTypes.NameIdentifier)!, now);
            var rows = Input.Actions.Where(a => !a.IsBlank).ToList();
            if (rows.Count == 0)
            {
                throw new DomainException("Hãy nhập ít nhất một yêu cầu cần thực hiện, kèm thời hạn.");
            }

            foreach (var row in rows)
            {
                if (row.Deadline is not { } deadline)
                {
                    throw new DomainException($"Yêu cầu {directive.Actions.Count + 1}: hãy nhập thời hạn.");
                }

                directive.AddAction(row.Text, deadline, row.EvidenceExpected, row.Kinds, row.Levels, today);
            }

            directive.SetRecipients(await RecipientIdsAsync(cancellationToken));
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return await ShowAsync(cancellationToken);
        }

        if (Upload is not null)
        {
            var upload = await files.AcceptAsync(Upload, cancellationToken);
            if (upload.File is not { } file)
            {
                ModelState.AddModelError(nameof(Upload), upload.Error!);
                return await ShowAsync(cancellationToken);
            }

            directive.AttachSignedFile(file.PostedName, file.Stored.ContentType, file.Stored.Length, file.Stored.Sha256, User.FindFirstValue(ClaimTypes.NameIdentifier)!, now);
        }

        db.Directives.Add(directive);
        await db.SaveChangesAsync(cancellationToken);
        TempData.Success(directive.SignedFile is null
            ? "Đã ghi nhận văn bản (dự thảo). Hãy đính kèm tệp văn bản đã ký rồi gửi."
            : "Đã ghi nhận văn bản (dự thảo). Hãy kiểm tra lại rồi bấm «Gửi văn bản».");
        return RedirectToPage("./Details", new { id = directive.Id });
    }

    /// <summary>The active agencies the choice names: every department and commune committee, or the picked ones that exist.</summary>
    private async Task<List<Guid>> RecipientIdsAsync(CancellationToken cancellationToken)
    {
        var active = db.Agencies.AsNoTracking().Where(a => a.IsActive);
        return Input.Recipients == RecipientChoice.DepartmentsAndCommunes
            ? await active.Where(a => LetterKinds.Contains(a.Kind)).Select(a => a.Id).ToListAsync(cancellationToken)
            : await active.Where(a => Input.AgencyIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        while (Input.Actions.Count < ActionRows)
        {
            Input.Actions.Add(new ActionInput());
        }

        Agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.Kind).ThenBy(a => a.Name)
            .Select(a => new SelectListItem(a.Name, a.Id.ToString(), Input.AgencyIds.Contains(a.Id))).ToListAsync(cancellationToken);
    }
}
