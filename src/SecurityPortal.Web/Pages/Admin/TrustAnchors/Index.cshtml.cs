using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Signatures;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Signatures;

namespace SecurityPortal.Web.Pages.Admin.TrustAnchors;

/// <summary>
/// The root and intermediate certificates that signed PDFs are verified against (chứng thư gốc tin cậy): listed with
/// subject, issuer, validity and thumbprint, added from a .cer/.crt/.pem file (DER or PEM), removed; every change audited.
/// The portal ships none: until an administrator adds one, no signature chains to a trusted root.
/// </summary>
[RequestSizeLimit(TrustAnchorFile.MaxBytes + (64 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = TrustAnchorFile.MaxBytes + (64 * 1024))]
public sealed class IndexModel(PortalDbContext db, TimeProvider clock, ILogger<IndexModel> logger) : PageModel
{
    [BindProperty]
    [Display(Name = "Tệp chứng thư (.cer, .crt, .pem)")]
    public IFormFile? Upload { get; set; }

    public IReadOnlyList<TrustAnchor> Anchors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Vui lòng chọn tệp chứng thư (.cer, .crt hoặc .pem).");
        }
        else if (Upload.Length > TrustAnchorFile.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"Tệp quá lớn ({Display.Size(Upload.Length)}); tệp chứng thư tối đa {Display.Size(TrustAnchorFile.MaxBytes)}.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        using var buffer = new MemoryStream();
        await Upload!.CopyToAsync(buffer, cancellationToken);
        var (certificates, error) = TrustAnchorFile.Read(buffer.ToArray());
        if (error is not null)
        {
            ModelState.AddModelError(nameof(Upload), error);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var known = await db.TrustAnchors.Select(a => a.Thumbprint).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var added = new List<string>();
        foreach (var certificate in certificates)
        {
            var thumbprint = Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
            if (known.Contains(thumbprint) || added.Contains(thumbprint))
            {
                continue;
            }

            db.TrustAnchors.Add(new TrustAnchor(
                certificate.RawData, certificate.Subject, certificate.Issuer, thumbprint, TrustAnchorFile.IsSelfSigned(certificate),
                certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime(), userId, now));
            added.Add(thumbprint);
        }

        if (added.Count == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Các chứng thư trong tệp này đã có trong danh sách.");
            await LoadAsync(cancellationToken);
            return Page();
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            TempData.Error("Chứng thư vừa được thêm bởi người khác; hãy xem lại danh sách.");
            return RedirectToPage();
        }

        logger.LogInformation("{Count} trust anchors added", added.Count);
        TempData.Success($"Đã thêm {added.Count} chứng thư. Hồ sơ đã tải lên trước đó cần «Kiểm tra lại chữ ký số» để dùng danh sách mới.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid anchorId, CancellationToken cancellationToken)
    {
        var anchor = await db.TrustAnchors.FirstOrDefaultAsync(a => a.Id == anchorId, cancellationToken);
        if (anchor is null)
        {
            TempData.Error("Chứng thư này không còn trong danh sách.");
            return RedirectToPage();
        }

        db.TrustAnchors.Remove(anchor);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData.Error("Chứng thư này không còn trong danh sách.");
            return RedirectToPage();
        }

        logger.LogInformation("Trust anchor {Thumbprint} removed", anchor.Thumbprint);
        TempData.Success("Đã gỡ chứng thư khỏi danh sách tin cậy.");
        return RedirectToPage();
    }

    /// <summary>The common name of a distinguished name, for the list; the whole name is in the title.</summary>
    public static string CommonName(TrustAnchor anchor) =>
        TrustAnchorFile.TryLoad(anchor.Der)?.GetNameInfo(X509NameType.SimpleName, forIssuer: false) is { Length: > 0 } name ? name : anchor.Subject;

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Anchors = await db.TrustAnchors.AsNoTracking().OrderBy(a => a.Subject).ToListAsync(cancellationToken);
}
