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

    /// <summary>The account just created and its initial password, in the answer to the form only (never in the TempData cookie).</summary>
    public (string Id, string Email, string Password)? Created { get; private set; }

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
        // Not Post/Redirect/Get: the password is shown in this answer only, never carried in the TempData cookie (ASVS 5.0 V14.3.3).
        Created = (user.Id, user.Email ?? string.Empty, password);
        return Page();
    }
}
