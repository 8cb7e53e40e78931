using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using SecurityPortal.Data;
using SecurityPortal.Data.Identity;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Identity;
using SecurityPortal.Web.Registry;

namespace SecurityPortal.Web.Pages.Admin.Users;

public sealed class EditModel(PortalDbContext db, UserManager<PortalUser> users, SessionRegistry sessions, TimeProvider clock, ILogger<EditModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    [BindProperty]
    public UserFields Input { get; set; } = new();

    [BindProperty]
    [Display(Name = "Đang hoạt động")]
    public bool IsActive { get; set; }

    /// <summary>The version the administrator saw; a save against a newer version is refused.</summary>
    [BindProperty]
    public string? ConcurrencyStamp { get; set; }

    public bool TwoFactorEnabled { get; private set; }
    public int OpenSessions { get; private set; }
    public bool MustChangePassword { get; private set; }
    public DateTime? LockedOutUntil { get; private set; }
    public List<SelectListItem> Agencies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(Id);
        if (user is null)
        {
            return NotFound();
        }

        Input = new UserFields
        {
            FullName = user.FullName,
            Email = user.Email ?? string.Empty,
            AgencyId = user.AgencyId,
            Position = user.Position,
            RequireTwoFactor = user.RequireTwoFactor,
            Roles = (await users.GetRolesAsync(user)).ToList(),
        };
        IsActive = user.IsActive;
        ConcurrencyStamp = user.ConcurrencyStamp;
        await LoadAsync(user, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] IValidator<UserFields> validator, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(Id);
        if (user is null)
        {
            return NotFound();
        }

        await LoadAsync(user, cancellationToken);
        if (!await ModelState.ValidateInputAsync(validator, Input, cancellationToken))
        {
            return Page();
        }

        if (user.Id == users.GetUserId(User) && (!IsActive || !Input.Roles.Contains(PortalRoles.Administrator)))
        {
            ModelState.AddModelError(string.Empty, "Bạn không thể tự vô hiệu hóa hoặc tự bỏ vai trò quản trị của chính mình.");
            return Page();
        }

        if (user.ConcurrencyStamp != ConcurrencyStamp)
        {
            ModelState.AddModelError(string.Empty,
                "Tài khoản này vừa được người khác thay đổi sau khi bạn mở trang. Những gì bạn nhập vẫn được giữ bên dưới; hãy mở lại trang trong thẻ khác để xem thay đổi rồi lưu lại.");
            return Page();
        }

        var wasActive = user.IsActive;
        Input.CopyTo(user);
        user.IsActive = IsActive;
        var result = await users.UpdateAsync(user);
        if (result.Succeeded)
        {
            var current = await users.GetRolesAsync(user);
            var remove = current.Except(Input.Roles).ToList();
            var add = Input.Roles.Except(current).ToList();
            if (remove.Count > 0)
            {
                result = await users.RemoveFromRolesAsync(user, remove);
            }

            if (result.Succeeded && add.Count > 0)
            {
                result = await users.AddToRolesAsync(user, add);
            }
        }

        if (result.Succeeded && wasActive && !IsActive)
        {
            // Ends every open session of the account at its next request.
            result = await users.UpdateSecurityStampAsync(user);
            await sessions.EndAllAsync(user.Id);
        }

        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result);
            return Page();
        }

        logger.LogInformation("Administrator updated user {UserId}", user.Id);
        TempData.Success("Đã lưu thay đổi tài khoản.");
        return RedirectToPage(new { id = user.Id });
    }

    [RepeatableSubmission] // shows a one-time secret: a repeat makes a new one rather than losing it
    public async Task<IActionResult> OnPostResetPasswordAsync()
    {
        var user = await users.FindByIdAsync(Id);
        if (user is null)
        {
            return NotFound();
        }

        var password = TemporaryPassword.Generate();
        user.MustChangePassword = true;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            TempData.Error(string.Join(" ", result.Errors.Select(e => e.Description)));
            return RedirectToPage(new { id = user.Id });
        }

        await sessions.EndAllAsync(user.Id);
        logger.LogInformation("Administrator reset the password of user {UserId}", user.Id);
        TempData.Success($"Đã đặt lại mật khẩu; các phiên đăng nhập của người dùng đã kết thúc. Mật khẩu mới (chỉ hiển thị lần này): {password}");
        return RedirectToPage(new { id = user.Id });
    }

    /// <summary>Ends every session of the account (a stolen cookie, a lost laptop) without deactivating it.</summary>
    public async Task<IActionResult> OnPostEndSessionsAsync()
    {
        var user = await users.FindByIdAsync(Id);
        if (user is null)
        {
            return NotFound();
        }

        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            TempData.Error(string.Join(" ", result.Errors.Select(e => e.Description)));
            return RedirectToPage(new { id = user.Id });
        }

        await sessions.EndAllAsync(user.Id);
        logger.LogInformation("Administrator ended every session of user {UserId}", user.Id);
        TempData.Success("Đã kết thúc mọi phiên đăng nhập của tài khoản; người dùng phải đăng nhập lại.");
        return RedirectToPage(new { id = user.Id });
    }

    public async Task<IActionResult> OnPostUnlockAsync()
    {
        var user = await users.FindByIdAsync(Id);
        if (user is null)
        {
            return NotFound();
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        TempData.Success("Đã mở khóa tài khoản.");
        return RedirectToPage(new { id = user.Id });
    }

    private async Task LoadAsync(PortalUser user, CancellationToken cancellationToken)
    {
        Agencies = await AgencyChoices.ActiveAsync(db, cancellationToken);
        TwoFactorEnabled = user.TwoFactorEnabled;
        OpenSessions = (await sessions.OpenAsync(user.Id)).Count;
        MustChangePassword = user.MustChangePassword;
        LockedOutUntil = user.LockoutEnd is { } end && end > clock.GetUtcNow() ? end.UtcDateTime : null;
    }
}
