using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Pages.Admin.Mail;

/// <summary>The mail queue as an administrator sees it: what waits, what failed and why, and a way to put given-up mails back.</summary>
public sealed class IndexModel(PortalDbContext db, MailOptions options, TimeProvider clock) : PageModel
{
    public const int Shown = 50;

    public int Waiting { get; private set; }
    public int GivenUp { get; private set; }
    public int SentLastWeek { get; private set; }
    public MailOptions Options => options;
    public IReadOnlyList<OutboxMail> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var weekAgo = clock.GetUtcNow().UtcDateTime.AddDays(-7);
        Waiting = await db.OutboxMails.CountAsync(m => m.SentAtUtc == null && m.GaveUpAtUtc == null, cancellationToken);
        GivenUp = await db.OutboxMails.CountAsync(m => m.GaveUpAtUtc != null && m.SentAtUtc == null, cancellationToken);
        SentLastWeek = await db.OutboxMails.CountAsync(m => m.SentAtUtc != null && m.SentAtUtc >= weekAgo, cancellationToken);
        Problems = await db.OutboxMails.AsNoTracking().Where(m => m.SentAtUtc == null && (m.LastError != null || m.GaveUpAtUtc != null))
            .OrderByDescending(m => m.CreatedAtUtc).Take(Shown).ToListAsync(cancellationToken);
    }

    /// <summary>Puts every given-up mail back in the queue, to be tried again from now.</summary>
    public async Task<IActionResult> OnPostRetryAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var mails = await db.OutboxMails.Where(m => m.GaveUpAtUtc != null && m.SentAtUtc == null).ToListAsync(cancellationToken);
        mails.ForEach(m => m.Retry(now));
        await db.SaveChangesAsync(cancellationToken);
        TempData.Success(mails.Count == 0 ? "Không có thư nào cần gửi lại." : $"Đã đưa {mails.Count} thư trở lại hàng đợi.");
        return RedirectToPage();
    }
}
