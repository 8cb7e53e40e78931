using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Notifications;

/// <summary>Each user chooses, per kind of notification, whether it is mailed at once, in a daily digest, or not at all.</summary>
public sealed class PreferencesModel(PortalDbContext db) : PageModel
{
    public static readonly NotificationKind[] Kinds = [.. Enum.GetValues<NotificationKind>().Where(k => k != NotificationKind.Other)];

    /// <summary>The choice per kind, as posted (kind name → frequency).</summary>
    [BindProperty]
    public Dictionary<NotificationKind, MailFrequency> Choices { get; set; } = [];

    public string? Email { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var saved = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == UserId).ToDictionaryAsync(p => p.Kind, p => p.Frequency, cancellationToken);
        Choices = Kinds.ToDictionary(k => k, k => saved.GetValueOrDefault(k, MailFrequency.Immediate));
        Email = await db.Users.Where(u => u.Id == UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || Choices.Any(c => !Enum.IsDefined(c.Key) || !Enum.IsDefined(c.Value)))
        {
            ModelState.AddModelError(string.Empty, "Lựa chọn không hợp lệ; chưa có gì thay đổi.");
            Email = await db.Users.Where(u => u.Id == UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
            foreach (var kind in Kinds.Where(k => !Choices.ContainsKey(k)))
            {
                Choices[kind] = MailFrequency.Immediate;
            }

            return Page();
        }

        var saved = await db.NotificationPreferences.Where(p => p.UserId == UserId).ToDictionaryAsync(p => p.Kind, cancellationToken);
        foreach (var (kind, frequency) in Choices.Where(c => c.Key != NotificationKind.Other))
        {
            if (saved.TryGetValue(kind, out var preference))
            {
                preference.Set(frequency);
            }
            else if (frequency != MailFrequency.Immediate)
            {
                db.NotificationPreferences.Add(new NotificationPreference(UserId, kind, frequency));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData.Success("Đã lưu cách nhận thông báo qua e-mail.");
        return RedirectToPage();
    }
}
