using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SecurityPortal.Data.Identity;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Observability;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Pages.Account;

[EnableRateLimiting(PortalServices.LoginRateLimit)]
public sealed class LoginModel(SignInManager<PortalUser> signInManager, SecurityOptions security, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Display(Name = "Thư điện tử")]
        public string Email { get; set; } = string.Empty;

        [Display(Name = "Mật khẩu")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator()
        {
            RuleFor(x => x.Email).NotEmpty().WithMessage("Vui lòng nhập thư điện tử.")
                .MaximumLength(256).WithMessage("Thư điện tử quá dài.");
            RuleFor(x => x.Password).NotEmpty().WithMessage("Vui lòng nhập mật khẩu.")
                .MaximumLength(512).WithMessage("Mật khẩu quá dài.");
        }
    }

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] IValidator<InputModel> validator)
    {
        if (!await ModelState.ValidateInputAsync(validator, Input, HttpContext.RequestAborted))
        {
            return Page();
        }

        // lockoutOnFailure: true — failures count towards the lockout (the template's default is false).
        var result = await signInManager.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var user = await signInManager.UserManager.FindByNameAsync(Input.Email.Trim());
            logger.LogInformation("User {UserId} signed in from {ClientAddress}", user?.Id, HttpContext.Connection.RemoteIpAddress);
            PortalTelemetry.SignIn("password", "succeeded");
            return LocalRedirect(SafeReturnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            PortalTelemetry.SignIn("password", "two_factor_required");
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl });
        }

        // One answer for an unknown account, a wrong password, a deactivated and a locked account (issue 20: no account
        // enumeration): only existing accounts lock, so a lockout page would tell which addresses exist. The message
        // says a lock is possible; the log says which it was.
        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in as {AttemptedName} from {ClientAddress} refused: account locked out", RequestLog.HashedName(Input.Email), HttpContext.Connection.RemoteIpAddress);
            PortalTelemetry.SignIn("password", "locked_out");
        }
        else
        {
            logger.LogWarning("Sign-in as {AttemptedName} from {ClientAddress} failed", RequestLog.HashedName(Input.Email), HttpContext.Connection.RemoteIpAddress);
            PortalTelemetry.SignIn("password", "failed");
        }

        ModelState.AddModelError(string.Empty, $"Thư điện tử hoặc mật khẩu không đúng, hoặc tài khoản đã bị vô hiệu hóa hay tạm khóa (sau {security.LockoutMaxFailedAttempts} lần nhập sai liên tiếp, tài khoản bị khóa {security.LockoutMinutes} phút).");
        Input.Password = string.Empty;
        return Page();
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
