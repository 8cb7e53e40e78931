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
public sealed class LoginWith2faModel(SignInManager<PortalUser> signInManager, ILogger<LoginWith2faModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Display(Name = "Mã xác thực")]
        public string Code { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator() =>
            RuleFor(x => x.Code).NotEmpty().WithMessage("Vui lòng nhập mã xác thực.")
                .Matches(@"^\s*\d{3}\s?\d{3}\s*$").WithMessage("Mã xác thực gồm 6 chữ số.");
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

        var code = Input.Code.Replace(" ", string.Empty, StringComparison.Ordinal);
        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            logger.LogInformation("User signed in with an authenticator code by {UserId} from {ClientAddress}", user.Id, HttpContext.Connection.RemoteIpAddress);
            PortalTelemetry.SignIn("authenticator", "succeeded");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (result.IsLockedOut)
        {
            PortalTelemetry.SignIn("authenticator", "locked_out");
            logger.LogWarning("Two-factor sign-in from {ClientAddress} refused: account locked out", HttpContext.Connection.RemoteIpAddress);
            return RedirectToPage("./Lockout");
        }

        logger.LogWarning("Invalid authenticator code from {ClientAddress} for {UserId}", HttpContext.Connection.RemoteIpAddress, user.Id);
        PortalTelemetry.SignIn("authenticator", "failed");
        ModelState.AddModelError(string.Empty, "Mã xác thực không đúng, đã hết hạn hoặc đã được dùng. Hãy đợi mã mới rồi nhập lại.");
        Input.Code = string.Empty;
        return Page();
    }
}
