using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecurityPortal.Data.Identity;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Identity;

namespace SecurityPortal.Web.Pages.Account.Manage;

/// <summary>
/// The account's personal access tokens for the API: create one (name, scopes, expiry), see it once, list them with their
/// last use, revoke any. A token acts with the account's role and agency (docs/integrations.md).
/// </summary>
public sealed class TokensModel(ApiTokens tokens, UserManager<PortalUser> users, TimeProvider clock, ILogger<TokensModel> logger) : PageModel
{
    /// <summary>The token's state as the list shows it.</summary>
    public string StatusOf(ApiToken token) => ApiTokens.StatusOf(token, clock);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>The secret of the token just created: shown in this answer only, never stored.</summary>
    public string? NewSecret { get; private set; }

    public sealed class InputModel
    {
        [Display(Name = "Tên mã (dùng để làm gì)")]
        public string Name { get; set; } = string.Empty;

        [Display(Name = "Đọc dữ liệu")]
        public bool Read { get; set; } = true;

        [Display(Name = "Nhập SBOM")]
        public bool Import { get; set; }

        [Display(Name = "Hiệu lực (ngày)")]
        public int? Days { get; set; } = 90;
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator()
        {
            RuleFor(i => i.Name).NotEmpty().WithMessage("Vui lòng đặt tên cho mã truy cập.")
                .MaximumLength(ApiToken.NameMaxLength).WithMessage($"Tên mã tối đa {ApiToken.NameMaxLength} ký tự.");
            RuleFor(i => i.Days).NotNull().WithMessage("Vui lòng nhập số ngày hiệu lực.")
                .InclusiveBetween(1, ApiTokens.MaxDays).WithMessage($"Hiệu lực từ 1 đến {ApiTokens.MaxDays} ngày.");
            RuleFor(i => i.Read).Must((input, read) => read || input.Import)
                .WithMessage("Chọn ít nhất một phạm vi: đọc dữ liệu hoặc nhập SBOM.");
        }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        Tokens = await tokens.OfAsync(user.Id);
        return Page();
    }

    [RepeatableSubmission] // shows a one-time secret: a repeat makes a new token rather than losing the first one's secret
    public async Task<IActionResult> OnPostCreateAsync([FromServices] IValidator<InputModel> validator, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        if (!await ModelState.ValidateInputAsync(validator, Input, cancellationToken))
        {
            Tokens = await tokens.OfAsync(user.Id);
            return Page();
        }

        var scopes = (Input.Read ? ApiTokenScopes.Read : ApiTokenScopes.None) | (Input.Import ? ApiTokenScopes.Import : ApiTokenScopes.None);
        var created = await tokens.CreateAsync(user, Input.Name, scopes, Input.Days!.Value);
        logger.LogInformation("User {UserId} created API token {TokenId} ({Scopes}, {Days} days)", user.Id, created.Token.Id, scopes, Input.Days);
        // Not Post/Redirect/Get: the secret must not travel in the TempData cookie nor come back on a refresh.
        NewSecret = created.Secret;
        Input = new InputModel();
        ModelState.Clear();
        Tokens = await tokens.OfAsync(user.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        // Another account's token is simply not among this account's: nothing to revoke.
        if (!await tokens.RevokeAsync(user.Id, id, User.Identity?.Name))
        {
            TempData.Error("Mã truy cập này đã bị thu hồi từ trước.");
            return RedirectToPage();
        }

        logger.LogInformation("User {UserId} revoked API token {TokenId}", user.Id, id);
        TempData.Success("Đã thu hồi mã truy cập; mọi lệnh gọi bằng mã này từ nay bị từ chối.");
        return RedirectToPage();
    }
}
