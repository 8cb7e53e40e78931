using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Registry;

namespace SecurityPortal.Web.Pages.Agencies;

public sealed class CreateModel(PortalDbContext db) : PageModel
{
    [BindProperty]
    public AgencyInput Input { get; set; } = new();

    public List<SelectListItem> Agencies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Agencies = await AgencyChoices.ActiveAsync(db, cancellationToken);

    public async Task<IActionResult> OnPostAsync([FromServices] IValidator<AgencyInput> validator, CancellationToken cancellationToken)
    {
        Agencies = await AgencyChoices.ActiveAsync(db, cancellationToken);
        var valid = await ModelState.ValidateInputAsync(validator, Input, cancellationToken);
        if (!string.IsNullOrWhiteSpace(Input.Code) && !await AgencyForm.CodeIsFreeAsync(db, Input.Code, cancellationToken))
        {
            ModelState.AddModelError("Input.Code", AgencyForm.CodeTakenMessage(Input.Code));
            valid = false;
        }

        if (!valid)
        {
            return Page();
        }

        var agency = new Agency(Input.Code, Input.Name, Input.Kind);
        try
        {
            Input.ApplyTo(agency, await AgencyHierarchy.ParentMapAsync(db, cancellationToken));
            db.Agencies.Add(agency);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            ModelState.AddModelError("Input.Code", AgencyForm.CodeTakenMessage(Input.Code));
            return Page();
        }

        TempData.Success($"Đã thêm {agency.Name}.");
        return RedirectToPage("./Details", new { id = agency.Id });
    }
}
