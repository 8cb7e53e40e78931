using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecurityPortal.Data.Identity;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Pages.Account.Manage;

public sealed class TwoFactorModel(UserManager<PortalUser> users, SignInManager<PortalUser> signInManager, SecurityOptions security) : PageModel
{
    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public int RecoveryCodesLeft { get; private set; }

    /// <summary>New recovery codes, in the answer to the form that made them only (never in the TempData cookie).</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        await LoadAsync(user);
        return Page();
    }

    [RepeatableSubmission] // shows a one-time secret: a repeat makes a new one rather than losing it
    public async Task<IActionResult> OnPostRecoveryCodesAsync(string? currentPassword)
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !user.TwoFactorEnabled)
        {
            return NotFound();
        }

        if (!await PasswordConfirmedAsync(user, currentPassword))
        {
            TempData.Error("Mật khẩu không đúng; xác thực hai yếu tố vẫn giữ nguyên.");
            return RedirectToPage();
        }

        // Not Post/Redirect/Get: the codes must not travel in the TempData cookie (ASVS 5.0 V14.3.3); a refresh makes new ones.
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        await LoadAsync(user);
        TempData.Success("Đã tạo bộ mã khôi phục mới; các mã cũ không còn dùng được.");
        return Page();
    }

    /// <summary>A new key for a new phone: the old key stops working at once and the user enrols again.</summary>
    public async Task<IActionResult> OnPostResetAuthenticatorAsync(string? currentPassword)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        if (!await PasswordConfirmedAsync(user, currentPassword))
        {
            TempData.Error("Mật khẩu không đúng; xác thực hai yếu tố vẫn giữ nguyên.");
            return RedirectToPage();
        }

        // The new key's codes start afresh: the old key's last accepted step must not refuse them.
        user.LastTotpTimeStep = null;
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signInManager.RefreshSignInAsync(user);
        TempData.Success("Khóa cũ đã bị hủy. Hãy thêm khóa mới vào ứng dụng xác thực rồi nhập mã để bật lại.");
        return RedirectToPage("./EnableAuthenticator");
    }

    public async Task<IActionResult> OnPostDisableAsync(string? currentPassword)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        if (!await PasswordConfirmedAsync(user, currentPassword))
        {
            TempData.Error("Mật khẩu không đúng; xác thực hai yếu tố vẫn giữ nguyên.");
            return RedirectToPage();
        }

        if (user.RequireTwoFactor || security.RoleRequiresTwoFactor(User))
        {
            TempData.Error("Vai trò của bạn bắt buộc xác thực hai yếu tố; không thể tắt.");
            return RedirectToPage();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await signInManager.RefreshSignInAsync(user);
        TempData.Success("Đã tắt xác thực hai yếu tố.");
        return RedirectToPage();
    }

    private async Task LoadAsync(PortalUser user)
    {
        Enabled = user.TwoFactorEnabled;
        Required = user.RequireTwoFactor || security.RoleRequiresTwoFactor(User);
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
    }

    /// <summary>The password again before the second factor changes; failures count towards lockout like a sign-in.</summary>
    private async Task<bool> PasswordConfirmedAsync(PortalUser user, string? password) =>
        !string.IsNullOrEmpty(password)
        && (await signInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true)).Succeeded;
}
