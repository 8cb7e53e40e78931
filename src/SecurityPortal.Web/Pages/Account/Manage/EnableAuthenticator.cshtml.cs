using System.ComponentModel.DataAnnotations;
using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecurityPortal.Data.Identity;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Identity;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Pages.Account.Manage;

public sealed class EnableAuthenticatorModel(
    UserManager<PortalUser> users, SignInManager<PortalUser> signInManager, IUserStore<PortalUser> store, SecurityOptions security,
    ILogger<EnableAuthenticatorModel> logger) : PageModel
{
    public string SharedKey { get; private set; } = string.Empty;
    public string AuthenticatorUri { get; private set; } = string.Empty;
    public bool Required { get; private set; }

    /// <summary>The recovery codes made at enrolment, in the answer to the form that confirmed the key only.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Display(Name = "Mã xác thực")]
        public string Code { get; set; } = string.Empty;
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator() =>
            RuleFor(x => x.Code).NotEmpty().WithMessage("Vui lòng nhập mã xác thực.")
                .MaximumLength(20).WithMessage("Mã xác thực gồm 6 chữ số.")
                .Matches(@"^\s*\d{3}\s?\d{3}\s*$").WithMessage("Mã xác thực gồm 6 chữ số.");
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await EnrollingUserAsync() is null)
        {
            return RedirectToPage("./TwoFactor");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] IValidator<InputModel> validator)
    {
        if (await EnrollingUserAsync() is not { } user)
        {
            return RedirectToPage("./TwoFactor");
        }

        if (!await ModelState.ValidateInputAsync(validator, Input, HttpContext.RequestAborted))
        {
            return Page();
        }

        var code = Input.Code.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
        {
            // The first key is stored with the code that confirms it (the token provider saves the account), never before.
            await ((IUserAuthenticatorKeyStore<PortalUser>)store).SetAuthenticatorKeyAsync(user, FirstKey(user), HttpContext.RequestAborted);
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", "Mã xác thực không đúng. Kiểm tra giờ trên điện thoại rồi nhập mã mới.");
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        await signInManager.RefreshSignInAsync(user);
        logger.LogInformation("User enabled two-factor authentication");
        // Not Post/Redirect/Get: the codes are shown in this answer only, never carried in the TempData cookie (ASVS 5.0 V14.3.3).
        SharedKey = string.Empty;
        AuthenticatorUri = string.Empty;
        TempData.Success("Đã bật xác thực hai yếu tố.");
        return Page();
    }

    /// <summary>
    /// The signed-in user while enrolling, with the key loaded; null once enrolled — an enrolled key is never
    /// shown again (changing phones goes through "Đổi ứng dụng xác thực", which issues a new key).
    /// </summary>
    private async Task<PortalUser?> EnrollingUserAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || user.TwoFactorEnabled)
        {
            return null;
        }

        await LoadKeyAsync(user);
        return user;
    }

    private async Task LoadKeyAsync(PortalUser user)
    {
        Required = user.RequireTwoFactor || security.RoleRequiresTwoFactor(User);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A first key for an account that has none is shown but not stored: opening this page writes nothing (ASVS 5.0
            // V3.5.3), and reopening it shows the same key, so a key already scanned stays good until it is confirmed.
            key = FirstKey(user);
        }

        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        SharedKey = grouped.ToString().TrimEnd().ToLowerInvariant();
        AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString("SecurityPortal")}:{Uri.EscapeDataString(user.Email ?? string.Empty)}?secret={key}&issuer=SecurityPortal&digits=6&period=30";
    }

    /// <summary>
    /// The account's first authenticator key before it is stored: 160 bits from HMAC-SHA256 keyed with the account's security
    /// stamp, a server-side random secret no client sees. The same until the stamp changes (a password change, a reset),
    /// different for every account, and unpredictable without the database.
    /// </summary>
    private static string FirstKey(PortalUser user)
    {
        var stamp = user.SecurityStamp ?? throw new InvalidOperationException("An account without a security stamp");
        var mac = System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(stamp), Encoding.UTF8.GetBytes("SecurityPortal.FirstAuthenticatorKey:" + user.Id));
        return Base32.Encode(mac.AsSpan(0, 20));
    }
}
