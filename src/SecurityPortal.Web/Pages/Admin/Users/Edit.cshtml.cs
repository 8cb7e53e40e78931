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

    /// <summary>A password just reset, in the answer to the form only (never in the TempData cookie).</summary>
    public string? NewPassword { get; private set; }

    /// <summary>The administrator confirms the identity-proofing procedure was followed before resetting an authenticator.</summary>
    [BindProperty]
    [Display(Name = "Tôi đã xác minh danh tính người dùng theo quy trình (gặp trực tiếp, đối chiếu giấy tờ tùy thân và văn bản đề nghị của cơ quan)")]
    public bool IdentityVerified { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(Id);
        if (user is null)
        {
            return NotFound();
        }

        await FillAsync(user, cancellationToken);
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
    public async Task<IActionResult> OnPostResetPasswordAsync(CancellationToken cancellationToken)
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
        // Not Post/Redirect/Get: the password is shown in this answer only, never carried in the TempData cookie (ASVS 5.0 V14.3.3).
        NewPassword = password;
        await FillAsync(user, cancellationToken);
        return Page();
    }

    /// <summary>
    /// A user who lost both the phone and the recovery codes (ASVS 5.0 V6.4.4): after the identity-proofing procedure of
    /// docs/security/policies.md, the administrator removes the authenticator and the recovery codes, ends every session, and
    /// the account must enrol a new authenticator at its next sign-in. The password is kept.
    /// </summary>
    public async Task<IActionResult> OnPostResetAuthenticatorAsync()
    {
        var user = await users.FindByIdAsync(Id);
        if (user is null)
        {
            return NotFound();
        }

        if (!IdentityVerified)
        {
            TempData.Error("Chỉ đặt lại xác thực hai yếu tố sau khi đã xác minh danh tính người dùng theo quy trình; hãy đánh dấu xác nhận.");
            return RedirectToPage(new { id = user.Id });
        }

        if (user.Id == users.GetUserId(User))
        {
            TempData.Error("Bạn không thể tự đặt lại xác thực hai yếu tố của chính mình; hãy nhờ một quản trị viên khác.");
            return RedirectToPage(new { id = user.Id });
        }

        user.RequireTwoFactor = true;
        // The new key's codes start afresh: the old key's last accepted step must not refuse them.
        user.LastTotpTimeStep = null;
        var result = await users.SetTwoFactorEnabledAsync(user, false);
        if (result.Succeeded)
        {
            result = await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey");
        }

        if (result.Succeeded)
        {
            result = await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes");
        }

        if (result.Succeeded)
        {
            result = await users.UpdateSecurityStampAsync(user);
        }

        if (!result.Succeeded)
        {
            TempData.Error(string.Join(" ", result.Errors.Select(e => e.Description)));
            return RedirectToPage(new { id = user.Id });
        }

        await sessions.EndAllAsync(user.Id);
        logger.LogWarning("Administrator {AdministratorId} reset the authenticator of user {UserId} after identity proofing", users.GetUserId(User), user.Id);
        TempData.Success("Đã đặt lại xác thực hai yếu tố: khóa và mã khôi phục cũ đã bị hủy, các phiên đăng nhập đã kết thúc; người dùng phải thiết lập ứng dụng xác thực mới ở lần đăng nhập tới.");
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

    private async Task FillAsync(PortalUser user, CancellationToken cancellationToken)
    {
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
