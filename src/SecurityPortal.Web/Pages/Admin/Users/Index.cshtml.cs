using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Identity;

namespace SecurityPortal.Web.Pages.Admin.Users;

public sealed class IndexModel(PortalDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public sealed record UserRow(string Id, string FullName, string? Email, string? AgencyName, bool IsActive, bool TwoFactorEnabled, IReadOnlyList<string> Roles);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(term) || u.FullName.ToUpper().Contains(term));
        }

        var users = await query
            .OrderBy(u => u.FullName)
            .Take(500)
            .Select(u => new { u.Id, u.FullName, u.Email, AgencyName = u.Agency == null ? null : u.Agency.Name, u.IsActive, u.TwoFactorEnabled })
            .ToListAsync(cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.AsNoTracking()
            .Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var rolesByUser = roles.ToLookup(r => r.UserId, r => r.Name ?? string.Empty);
        Users = users.Select(u => new UserRow(
                u.Id, u.FullName, u.Email, u.AgencyName, u.IsActive, u.TwoFactorEnabled,
                rolesByUser[u.Id].Where(PortalRoles.All.Contains).ToList()))
            .ToList();
    }

    /// <summary>
    /// «Everyone out» after a suspected compromise (ASVS 5.0 V7.4.5): every session of every account ends at its next
    /// request, except the administrator's own, who is then asked to confirm nothing else is needed.
    /// </summary>
    public async Task<IActionResult> OnPostEndEveryoneAsync([FromServices] SessionRegistry sessions, [FromServices] ILogger<IndexModel> logger)
    {
        var ended = await sessions.EndEveryoneAsync(SessionRegistry.CurrentOf(HttpContext));
        logger.LogWarning("Administrator ended {Count} sessions of every account", ended);
        TempData.Success($"Đã kết thúc {ended} phiên đăng nhập của mọi người dùng (trừ phiên này); ai cũng phải đăng nhập lại.");
        return RedirectToPage();
    }
}
