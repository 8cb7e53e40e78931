using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Data.Imports;

namespace SecurityPortal.Web.Imports;

/// <summary>Keeps an uploaded file between its preview and its confirmation (SBOMs, scanner reports, vulnerability feeds, the calendar); drafts older than a day are dropped.</summary>
public static class UploadDrafts
{
    /// <summary>Stores the upload as a draft of the user (the caller checked its size) and saves it.</summary>
    public static async Task<ImportDraft> StoreAsync(
        this PortalDbContext db, TimeProvider clock, ClaimsPrincipal user, ImportKind kind, Guid? systemId, IFormFile upload, string fallbackName,
        CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.ImportDrafts.Where(d => d.CreatedAtUtc < now.AddDays(-1)).ExecuteDeleteAsync(cancellationToken);
        var draft = new ImportDraft
        {
            UserId = user.FindFirstValue(ClaimTypes.NameIdentifier)!,
            Kind = kind,
            SystemId = systemId,
            FileName = Path.GetFileName(upload.FileName) is { Length: > 0 and <= 200 } name ? name : fallbackName,
            Content = buffer.ToArray(),
            CreatedAtUtc = now,
        };
        db.ImportDrafts.Add(draft);
        await db.SaveChangesAsync(cancellationToken);
        return draft;
    }
}
