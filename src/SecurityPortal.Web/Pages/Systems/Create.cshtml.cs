using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Registry;

namespace SecurityPortal.Web.Pages.Systems;

public sealed class CreateModel(PortalDbContext db, ILogger<CreateModel> logger) : PageModel
{
    [BindProperty]
    public SystemInput Input { get; set; } = new();

    public List<SelectListItem> Agencies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!User.CanRegisterSystems())
        {
            return Forbid();
        }

        var agency = User.OfficerAgencyId();
        Input = new SystemInput { OwnerAgencyId = agency, OperatorAgencyId = agency }.WithBlankRows();
        Agencies = await AgencyChoices.ForSystemAsync(db, User, [], cancellationToken);
        return Page();
    }

    /// <summary>Shows more blank URL and component rows, keeping everything typed so far.</summary>
    public async Task<IActionResult> OnPostAddRowsAsync(CancellationToken cancellationToken)
    {
        if (!User.CanRegisterSystems())
        {
            return Forbid();
        }

        ModelState.Clear();
        Input.WithBlankRows();
        Agencies = await AgencyChoices.ForSystemAsync(db, User, [], cancellationToken);
        return Page();
    }

    /// <summary>«Đề xuất purl/CPE»: fills the blank identifiers of the typed rows and shows the form again; nothing is saved.</summary>
    public async Task<IActionResult> OnPostProposeAsync(CancellationToken cancellationToken)
    {
        if (!User.CanRegisterSystems())
        {
            return Forbid();
        }

        ModelState.Clear();
        Input.ProposeIdentifiers();
        Agencies = await AgencyChoices.ForSystemAsync(db, User, [], cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] IValidator<SystemInput> validator, CancellationToken cancellationToken)
    {
        if (!User.CanRegisterSystems())
        {
            return Forbid();
        }

        Agencies = await AgencyChoices.ForSystemAsync(db, User, [], cancellationToken);
        var valid = await ModelState.ValidateInputAsync(validator, Input, cancellationToken);
        if (!await SystemFormOptions.CheckScopeAndCodeAsync(ModelState, db, User, Input, null, cancellationToken) || !valid)
        {
            Input.WithBlankRows();
            return Page();
        }

        var system = new InformationSystem(Input.Code, Input.Name, Input.OwnerAgencyId!.Value, Input.OperatorAgencyId!.Value);
        try
        {
            Input.ApplyTo(system);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            Input.WithBlankRows();
            return Page();
        }

        db.InformationSystems.Add(system);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another user registered the same code between our check and our save.
            ModelState.AddModelError("Input.Code", SystemFormOptions.CodeTakenMessage(system.Code));
            Input.WithBlankRows();
            return Page();
        }

        logger.LogInformation("System {SystemId} registered", system.Id);
        TempData.Success($"Đã đăng ký hệ thống {system.Name}.");
        return RedirectToPage("./Details", new { id = system.Id });
    }
}
