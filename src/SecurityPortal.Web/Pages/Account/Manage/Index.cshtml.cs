using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecurityPortal.Data.Identity;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Identity;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Pages.Account.Manage;

public sealed class IndexModel(UserManager<PortalUser> users, SignInManager<PortalUser> signInManager, SessionRegistry sessions, SecurityOptions security) : PageModel
{
    public string FullName { get; private set; } = string.Empty;
    public string? Email { get; private set; }
    public bool TwoFactorEnabled { get; private set; }
    public bool MustChangePassword { get; private set; }
    public int MinLength => security.PasswordMinLength;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Display(Name = "Mật khẩu hiện tại")]
        [DataType(DataType.Password)]
        public string CurrentPassword { get; set; } = string.Empty;

        [Display(Name = "Mật khẩu mới")]
        [DataType(DataType.Password)]
        public string NewPassword { get; set; } = string.Empty;

        [Display(Name = "Nhập lại mật khẩu mới")]
        [DataType(DataType.Password)]
        public string ConfirmPassword { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator(SecurityOptions security)
        {
            RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Vui lòng nhập mật khẩu hiện tại.")
                .MaximumLength(512).WithMessage("Mật khẩu quá dài.");
            RuleFor(x => x.NewPassword).NotEmpty().WithMessage("Vui lòng nhập mật khẩu mới.")
                .MinimumLength(security.PasswordMinLength).WithMessage($"Mật khẩu mới phải có ít nhất {security.PasswordMinLength} ký tự.")
                .MaximumLength(128).WithMessage("Mật khẩu mới không được dài quá 128 ký tự.");
            RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword).WithMessage("Mật khẩu nhập lại không khớp.")
                .MaximumLength(128).WithMessage("Mật khẩu mới không được dài quá 128 ký tự.");
        }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        Load(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] IValidator<InputModel> validator)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        Load(user);
        if (!await ModelState.ValidateInputAsync(validator, Input, HttpContext.RequestAborted))
        {
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result);
            return Page();
        }

        if (user.MustChangePassword)
        {
            // The administrator's temporary password is gone: the account is the user's own from now on.
            user.MustChangePassword = false;
            await users.UpdateAsync(user);
        }

        // Changing the password ends every other session (the security stamp changed); keep this one.
        await sessions.EndAllAsync(user.Id, keep: SessionRegistry.CurrentOf(HttpContext));
        await signInManager.RefreshSignInAsync(user);
        TempData.Success("Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị kết thúc.");
        return RedirectToPage();
    }

    /// <summary>
    /// «Đăng xuất khỏi mọi thiết bị»: a new security stamp, which every session of this account is checked against at
    /// its next request (IdentitySetup), so each of them ends there; this one ends now.
    /// </summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync(string? confirmPassword, [FromServices] ILogger<IndexModel> logger)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        // The password again: a session left open on someone else's screen cannot lock its owner out of every device.
        if (string.IsNullOrEmpty(confirmPassword)
            || !(await signInManager.CheckPasswordSignInAsync(user, confirmPassword, lockoutOnFailure: true)).Succeeded)
        {
            TempData.Error("Mật khẩu không đúng; các phiên đăng nhập vẫn giữ nguyên.");
            return RedirectToPage();
        }

        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            TempData.Error(string.Join(" ", result.Errors.Select(e => e.Description)));
            return RedirectToPage();
        }

        await sessions.EndAllAsync(user.Id);
        await signInManager.SignOutAsync();
        logger.LogInformation("User {UserId} signed out of every session", user.Id);
        TempData.Success("Bạn đã đăng xuất khỏi mọi thiết bị. Mọi phiên đăng nhập khác kết thúc ở lần truy cập tiếp theo.");
        return RedirectToPage("/Account/Login");
    }

    private void Load(PortalUser user)
    {
        FullName = user.FullName;
        Email = user.Email;
        TwoFactorEnabled = user.TwoFactorEnabled;
        MustChangePassword = user.MustChangePassword;
    }
}
