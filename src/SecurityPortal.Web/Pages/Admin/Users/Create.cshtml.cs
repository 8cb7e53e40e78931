using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using SecurityPortal.Data;
using SecurityPortal.Data.Identity;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Registry;

namespace SecurityPortal.Web.Pages.Admin.Users;

public sealed class CreateModel(PortalDbContext db, UserManager<PortalUser> users, ILogger<CreateModel> logger) : PageModel
{
    [BindProperty]
    public UserFields Input { get; set; } = new();

    public List<SelectListItem> Agencies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Agencies = await AgencyChoices.ActiveAsync(db, cancellationToken);

    public async Task<IActionResult> OnPostAsync([FromServices] IValidator<UserFields> validator, CancellationToken cancellationToken)
    {
        Agencies = await AgencyChoices.ActiveAsync(db, cancellationToken);
        if (!await ModelState.ValidateInputAsync(validator, Input, cancellationToken))
        {
            return Page();
        }

        var user = new PortalUser { EmailConfirmed = true, MustChangePassword = true };
        Input.CopyTo(user);
        var password = TemporaryPassword.Generate();
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded)
        {
            result = await users.AddToRolesAsync(user, Input.Roles);
        }

        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result);
            return Page();
        }

        logger.LogInformation("Administrator created user {UserId}", user.Id);
        TempData.Success($"Đã tạo tài khoản {user.Email}. Mật khẩu ban đầu (chỉ hiển thị lần này): {password}");
        return RedirectToPage("./Edit", new { id = user.Id });
    }
}
