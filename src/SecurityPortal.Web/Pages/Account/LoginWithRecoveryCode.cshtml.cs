using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SecurityPortal.Data.Identity;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Observability;

namespace SecurityPortal.Web.Pages.Account;

[EnableRateLimiting(PortalServices.LoginRateLimit)]
public sealed class LoginWithRecoveryCodeModel(SignInManager<PortalUser> signInManager, ILogger<LoginWithRecoveryCodeModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Display(Name = "Mã khôi phục")]
        public string RecoveryCode { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator() =>
            RuleFor(x => x.RecoveryCode).NotEmpty().WithMessage("Vui lòng nhập mã khôi phục.")
                .MaximumLength(50).WithMessage("Mã khôi phục không hợp lệ.");
    }

    public async Task<IActionResult> OnGetAsync() =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login") : Page();

    public async Task<IActionResult> OnPostAsync([FromServices] IValidator<InputModel> validator)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("./Login");
        }

        if (!await ModelState.ValidateInputAsync(validator, Input, HttpContext.RequestAborted))
        {
            return Page();
        }

        var result = await signInManager.TwoFactorRecoveryCodeSignInAsync(Input.RecoveryCode.Replace(" ", string.Empty, StringComparison.Ordinal));
        if (result.Succeeded)
        {
            logger.LogInformation("User signed in with a recovery code by {UserId} from {ClientAddress}", user.Id, HttpContext.Connection.RemoteIpAddress);
            PortalTelemetry.SignIn("recovery_code", "succeeded");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (result.IsLockedOut)
        {
            PortalTelemetry.SignIn("recovery_code", "locked_out");
            return RedirectToPage("./Lockout");
        }

        logger.LogWarning("Invalid recovery code from {ClientAddress} for {UserId}", HttpContext.Connection.RemoteIpAddress, user.Id);
        PortalTelemetry.SignIn("recovery_code", "failed");
        ModelState.AddModelError(string.Empty, "Mã khôi phục không đúng hoặc đã được dùng.");
        Input.RecoveryCode = string.Empty;
        return Page();
    }
}
