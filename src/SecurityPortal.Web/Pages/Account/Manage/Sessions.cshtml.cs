using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecurityPortal.Data.Identity;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Identity;

namespace SecurityPortal.Web.Pages.Account.Manage;

/// <summary>The account's open sessions, each with where and when it was used; any other one can be ended (ASVS 5.0 V7.5.2).</summary>
public sealed class SessionsModel(SessionRegistry sessions, ILogger<SessionsModel> logger) : PageModel
{
    public IReadOnlyList<UserSession> Sessions { get; private set; } = [];
    public Guid? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return NotFound();
        }

        Current = SessionRegistry.CurrentOf(HttpContext);
        Sessions = await sessions.OpenAsync(userId);
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id)
    {
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return NotFound();
        }

        if (id == SessionRegistry.CurrentOf(HttpContext))
        {
            TempData.Error("Đây là phiên bạn đang dùng; hãy đăng xuất để kết thúc nó.");
            return RedirectToPage();
        }

        // Another account's session, or one already ended, is simply not among this account's: nothing to end.
        if (!await sessions.EndAsync(userId, id))
        {
            TempData.Error("Phiên này đã kết thúc từ trước.");
            return RedirectToPage();
        }

        logger.LogInformation("User {UserId} ended one of their sessions", userId);
        TempData.Success("Đã kết thúc phiên đăng nhập; thiết bị đó phải đăng nhập lại.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndOthersAsync()
    {
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return NotFound();
        }

        var ended = await sessions.EndAllAsync(userId, keep: SessionRegistry.CurrentOf(HttpContext));
        logger.LogInformation("User {UserId} ended {Count} other sessions", userId, ended);
        TempData.Success($"Đã kết thúc {ended} phiên đăng nhập khác; phiên này vẫn tiếp tục.");
        return RedirectToPage();
    }
}
