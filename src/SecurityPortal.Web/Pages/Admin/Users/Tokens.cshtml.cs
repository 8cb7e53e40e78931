using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecurityPortal.Data.Identity;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Identity;

namespace SecurityPortal.Web.Pages.Admin.Users;

/// <summary>An administrator sees a user's API tokens (never their secrets) and revokes any of them.</summary>
public sealed class TokensModel(ApiTokens tokens, UserManager<PortalUser> users, TimeProvider clock, ILogger<TokensModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    public string UserName { get; private set; } = string.Empty;
    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    public string StatusOf(ApiToken token) => ApiTokens.StatusOf(token, clock);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.FindByIdAsync(Id) is not { } user)
        {
            return NotFound();
        }

        UserName = user.UserName ?? user.Id;
        Tokens = await tokens.OfAsync(user.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid tokenId)
    {
        if (await users.FindByIdAsync(Id) is not { } user)
        {
            return NotFound();
        }

        if (!await tokens.RevokeAsync(user.Id, tokenId, User.Identity?.Name))
        {
            TempData.Error("Mã truy cập này đã bị thu hồi từ trước.");
            return RedirectToPage(new { id = user.Id });
        }

        logger.LogInformation("Administrator revoked API token {TokenId} of user {UserId}", tokenId, user.Id);
        TempData.Success("Đã thu hồi mã truy cập; mọi lệnh gọi bằng mã này từ nay bị từ chối.");
        return RedirectToPage(new { id = user.Id });
    }
}
