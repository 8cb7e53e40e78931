using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure.Files;

namespace SecurityPortal.Web.Signatures;

/// <summary>
/// Verifies the signatures of a stored PDF against the trust anchors configured now, and gives the report to store with
/// the document. Verified when the file is uploaded and again on request (when the anchors changed), not at every display:
/// a check reads the whole file, and the stored verdict says what was found and when.
/// </summary>
public sealed class SignatureCheck(PortalDbContext db, FileStore files, TimeProvider clock)
{
    public const string PdfContentType = "application/pdf";

    private IReadOnlyList<X509Certificate2>? _anchors;

    /// <summary>The report as JSON for a PDF, or null for another kind of file (or a stored file that is gone).</summary>
    public async Task<string?> CheckAsync(UploadedFile file, CancellationToken cancellationToken)
    {
        if (file.ContentType != PdfContentType || files.OpenRead(file.Sha256) is not { } stream)
        {
            return null;
        }

        byte[] pdf;
        await using (stream)
        {
            using var buffer = new MemoryStream((int)Math.Min(stream.Length, files.MaxBytes));
            await stream.CopyToAsync(buffer, cancellationToken);
            pdf = buffer.ToArray();
        }

        _anchors ??= await AnchorsAsync(db, cancellationToken);
        return PdfSignatureVerifier.Verify(pdf, _anchors, clock.GetUtcNow().UtcDateTime).ToJson();
    }

    /// <summary>The configured trust anchors as certificates (an unreadable row is left out).</summary>
    public static async Task<IReadOnlyList<X509Certificate2>> AnchorsAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.TrustAnchors.AsNoTracking().Select(a => a.Der).ToListAsync(cancellationToken);
        return rows.Select(TrustAnchorFile.TryLoad).OfType<X509Certificate2>().ToList();
    }
}
